// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Manifests and indexes of every media type. The first byte picks the
// Content-Type the document arrives with; the rest is the document. A
// manifest that parses names only valid digests and sizes a stream can be
// built from, has the shape of its kind, and is digested over its bytes.
#include "core/image/blobsizelimit.h"
#include "core/image/manifest.h"
#include "core/image/mediatypes.h"
#include "fuzzcheck.h"

using namespace crossdock;

namespace {

void checkDescriptor(const Descriptor &d, const QByteArray &raw)
{
    FUZZ_CHECK(d.digest.isValid(), QString::fromUtf8(raw.left(200)));
    FUZZ_CHECK(Digest::parse(d.digest.toString()) == d.digest, d.digest.toString());
    FUZZ_CHECK(d.size >= 0 && d.size <= BlobSizeLimit::current(), QString::number(d.size));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QStringList contentTypes = {
        QString(),
        MediaType::OciManifest,
        MediaType::OciIndex,
        MediaType::DockerManifest,
        MediaType::DockerManifestList,
        MediaType::DockerSchema1Signed,
        MediaType::DockerSchema1,
        QStringLiteral("application/json"),
    };
    if (size == 0)
        return 0;
    const QString contentType = contentTypes.at(data[0] % contentTypes.size());
    const QByteArray raw = fuzz::bytesOf(data + 1, size - 1);
    QString error;
    const std::optional<Manifest> manifest = Manifest::parse(raw, contentType, &error);
    if (!manifest) {
        FUZZ_CHECK(!error.isEmpty(), QString::fromUtf8(raw.left(200)));
        return 0;
    }
    FUZZ_CHECK(manifest->raw() == raw, QStringLiteral("raw bytes changed"));
    FUZZ_CHECK(raw.size() <= Manifest::MaxSize, QString::number(raw.size()));
    FUZZ_CHECK(manifest->digest().isValid(), QStringLiteral("no digest"));
    switch (manifest->kind()) {
    case Manifest::Kind::Image:
        checkDescriptor(manifest->config(), raw);
        FUZZ_CHECK(manifest->manifests().isEmpty(), QStringLiteral("an image with children"));
        for (const Descriptor &layer : manifest->layers())
            checkDescriptor(layer, raw);
        FUZZ_CHECK(manifest->digest() == Digest::sha256Of(raw), QStringLiteral("digest is not over the bytes"));
        break;
    case Manifest::Kind::Index:
        FUZZ_CHECK(manifest->layers().isEmpty(), QStringLiteral("an index with layers"));
        for (const Descriptor &child : manifest->manifests())
            checkDescriptor(child, raw);
        FUZZ_CHECK(manifest->digest() == Digest::sha256Of(raw), QStringLiteral("digest is not over the bytes"));
        break;
    case Manifest::Kind::Schema1:
        for (const Descriptor &layer : manifest->layers())
            FUZZ_CHECK(layer.digest.isValid(), QStringLiteral("schema 1 blobSum"));
        break;
    }
    return 0;
}
