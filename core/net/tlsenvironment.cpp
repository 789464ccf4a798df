// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/tlsenvironment.h"

#include <QDir>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslConfiguration>

#include <openssl/x509.h>

namespace crossdock {

namespace {

// Many runners set SSL_CERT_FILE/SSL_CERT_DIR to the system's own store:
// nothing to add then, and loading it twice costs a quarter of a second a run.
bool isSystemStore(const QString &path, const char *openSslDefault, const char *debianDefault)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return !canonical.isEmpty()
        && (canonical == QFileInfo(QString::fromLocal8Bit(openSslDefault)).canonicalFilePath()
            || canonical == QFileInfo(QString::fromLatin1(debianDefault)).canonicalFilePath());
}

} // namespace

QStringList trustCaEnvironment()
{
    QStringList warnings;
    QList<QSslCertificate> extra;
    const QString file = qEnvironmentVariable("SSL_CERT_FILE");
    if (!file.isEmpty() && !isSystemStore(file, X509_get_default_cert_file(), "/etc/ssl/certs/ca-certificates.crt")) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(file, QSsl::Pem);
        if (certificates.isEmpty())
            warnings << QStringLiteral("SSL_CERT_FILE=%1 holds no PEM certificate; ignored").arg(file);
        extra << certificates;
    }
    const QString dirs = qEnvironmentVariable("SSL_CERT_DIR");
    for (const QString &dir : dirs.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        if (isSystemStore(dir, X509_get_default_cert_dir(), "/etc/ssl/certs"))
            continue;
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
