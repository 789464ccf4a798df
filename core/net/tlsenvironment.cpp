// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/tlsenvironment.h"

#include <QDir>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace crossdock {

QStringList trustCaEnvironment()
{
    QStringList warnings;
    QList<QSslCertificate> extra;
    const QString file = qEnvironmentVariable("SSL_CERT_FILE");
    if (!file.isEmpty()) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(file, QSsl::Pem);
        if (certificates.isEmpty())
            warnings << QStringLiteral("SSL_CERT_FILE=%1 holds no PEM certificate; ignored").arg(file);
        extra << certificates;
    }
    const QString dirs = qEnvironmentVariable("SSL_CERT_DIR");
    for (const QString &dir : dirs.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        const QDir directory(dir);
        if (!directory.exists()) {
            warnings << QStringLiteral("SSL_CERT_DIR names %1, which is not a directory; ignored").arg(dir);
            continue;
        }
        // Every file, as Go reads them (OpenSSL's hashed names included);
        // files that are not PEM certificates are passed over.
        for (const QString &name : directory.entryList(QDir::Files | QDir::Readable, QDir::Name))
            extra << QSslCertificate::fromPath(directory.filePath(name), QSsl::Pem);
    }
    if (extra.isEmpty())
        return warnings;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    QList<QSslCertificate> trusted = configuration.caCertificates(); // the system's, loaded now
    for (const QSslCertificate &certificate : std::as_const(extra))
        if (!trusted.contains(certificate))
            trusted << certificate;
    configuration.setCaCertificates(trusted);
    QSslConfiguration::setDefaultConfiguration(configuration);
    return warnings;
}

} // namespace crossdock
