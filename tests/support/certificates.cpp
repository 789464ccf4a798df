// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "certificates.h"

#include "testenv.h"

namespace crossdock::test {

namespace {

Certificate make(const QString &directory, const QString &name, const QStringList &extra)
{
    Certificate c;
    c.keyPath = directory + QLatin1Char('/') + name + QStringLiteral(".key");
    c.certPath = directory + QLatin1Char('/') + name + QStringLiteral(".crt");
    QStringList args{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                     QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
                     QStringLiteral("-keyout"), c.keyPath, QStringLiteral("-out"), c.certPath};
    args << extra;
    const ProcessResult r = runProcess(QStringLiteral("openssl"), args);
    c.ok = r.exitCode == 0;
    return c;
}

} // namespace

Certificate makeServerCertificate(const QString &directory, const QString &name)
{
    return make(directory, name,
                {QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                 QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1")});
}

Certificate makeSigningCertificate(const QString &directory, const QString &name)
{
    return make(directory, name, {QStringLiteral("-subj"), QStringLiteral("/CN=crossdock-test-token-signer")});
}

} // namespace crossdock::test
