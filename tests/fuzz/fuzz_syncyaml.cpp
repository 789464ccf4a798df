// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Sync YAML (skopeo's format): any file either yields registry specs whose
// hosts are real host[:port]s and whose concurrency and pace are sane, or an
// error that names the file (and with it, where to look).
#include "core/image/imagereference.h"
#include "core/sync/syncconfig.h"
#include "fuzzcheck.h"

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray yaml = fuzz::bytesOf(data, size);
    QString error;
    const auto specs = SyncConfig::parse(yaml, QStringLiteral("fuzz.yml"), &error);
    if (!specs) {
        FUZZ_CHECK(error.startsWith(QLatin1String("fuzz.yml")), error);
        return 0;
    }
    for (const SyncRegistrySpec &spec : *specs) {
        QString hostError;
        FUZZ_CHECK(ImageReference::parseRegistry(spec.registry, &hostError).isValid(), spec.registry);
        FUZZ_CHECK(spec.concurrency >= 0, QString::number(spec.concurrency));
        FUZZ_CHECK(spec.requestsPerSecond >= 0, QString::number(spec.requestsPerSecond));
        FUZZ_CHECK(spec.line >= 1, QString::number(spec.line));
    }
    return 0;
}
