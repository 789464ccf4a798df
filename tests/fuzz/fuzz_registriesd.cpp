// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// registries.d files ([trust], containers-registries.d(5)): any bytes parse
// as a lookaside configuration or say why naming the file (never throw: a
// yaml-cpp conversion exception aborted the CLI once); a parsed one gives
// every image a lookaside base that ends in the image's repository path and
// signature URLs beneath that base.
#include "core/image/digest.h"
#include "core/image/imagereference.h"
#include "core/trust/lookasideconfig.h"
#include "fuzzcheck.h"

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    QString error;
    const std::optional<LookasideConfig> config = LookasideConfig::parse(bytes, QStringLiteral("fuzz.yaml"), &error);
    FUZZ_CHECK(config || error.startsWith(QLatin1String("fuzz.yaml")), error);
    if (!config)
        return 0;
    static const QList<ImageReference> images {ImageReference::parse(QStringLiteral("r.example.com:5000/team/app:1")),
        ImageReference::parse(QStringLiteral("busybox")), ImageReference::parse(QStringLiteral("quay.io/a/b/c@sha256:") + QString(64, QLatin1Char('a')))};
    const Digest manifest = Digest::sha256Of("manifest");
    for (const ImageReference &image : images) {
        for (const bool write : {false, true}) {
            const QUrl base = config->base(image, write);
            FUZZ_CHECK(base.isValid() && base.path().endsWith(QLatin1Char('/') + image.repository()), base.toString());
            FUZZ_CHECK(!config->describeSource(image, write).isEmpty(), base.toString());
            const QUrl signature = LookasideConfig::signatureUrl(base, manifest, 0);
            FUZZ_CHECK(signature.path().startsWith(base.path() + QLatin1Char('@')) && signature.path().endsWith(QLatin1String("/signature-1")),
                signature.toString());
        }
    }
    return 0;
}
