// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/tlssettings.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSslKey>
#include <QStandardPaths>

namespace crossdock {

QStringList TlsSettings::defaultCertsDRoots()
{
    return {QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                + QStringLiteral("/containers/certs.d"),
            QStringLiteral("/etc/containers/certs.d"), QStringLiteral("/etc/docker/certs.d")};
}

bool isLoopbackHost(const QString &host)
{
    if (host == QLatin1String("localhost"))
        return true;
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

namespace {

// Reads one certs directory: *.crt are CAs; name.cert with name.key is a
// client certificate (docker's certs.d convention).
bool readCertDirectory(const QString &path, QList<QSslCertificate> *cas, QSslConfiguration *config, QString *error)
{
    const QDir dir(path);
    if (!dir.exists())
        return true;
    for (const QString &name : dir.entryList({QStringLiteral("*.crt")}, QDir::Files, QDir::Name)) {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(dir.filePath(name), QSsl::Pem);
        if (certs.isEmpty()) {
            *error = QStringLiteral("cannot read CA certificate %1").arg(dir.filePath(name));
            return false;
        }
        *cas << certs;
    }
    for (const QString &name : dir.entryList({QStringLiteral("*.cert")}, QDir::Files, QDir::Name)) {
        const QString keyPath = dir.filePath(name.left(name.size() - 5) + QStringLiteral(".key"));
        QFile keyFile(keyPath);
        if (!keyFile.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("client certificate %1 has no matching key %2").arg(dir.filePath(name), keyPath);
            return false;
        }
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Rsa);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec);
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(dir.filePath(name), QSsl::Pem);
        if (certs.isEmpty() || key.isNull()) {
            *error = QStringLiteral("cannot read client certificate %1 or key %2").arg(dir.filePath(name), keyPath);
            return false;
        }
        config->setLocalCertificate(certs.first());
        config->setPrivateKey(key);
    }
    return true;
}

} // namespace

bool buildSslConfiguration(const QString &hostAndPort, const TlsSettings &settings, QSslConfiguration *out,
                           QString *error)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    // Only the extra CAs are collected here: reading the system bundle is
    // left to Qt, which does it lazily at the first TLS handshake.
    QList<QSslCertificate> cas;
    for (const QString &file : settings.caFiles) {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(file, QSsl::Pem);
        if (certs.isEmpty()) {
            *error = QStringLiteral("cannot read CA certificate %1").arg(file);
            return false;
        }
        cas << certs;
    }
    if (!settings.clientCertificate.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(settings.clientCertificate, QSsl::Pem);
        QFile keyFile(settings.clientKey);
        QSslKey key;
        if (keyFile.open(QIODevice::ReadOnly)) {
            const QByteArray pem = keyFile.readAll();
            key = QSslKey(pem, QSsl::Rsa);
            if (key.isNull())
                key = QSslKey(pem, QSsl::Ec);
        }
        if (certs.isEmpty() || key.isNull()) {
            *error = QStringLiteral("cannot read client certificate %1 or its key %2").arg(settings.clientCertificate, settings.clientKey);
            return false;
        }
        config.setLocalCertificate(certs.first());
        config.setPrivateKey(key);
    }
    if (!settings.certDir.isEmpty()) {
        if (!QDir(settings.certDir).exists()) {
            *error = QStringLiteral("certificate directory %1 does not exist").arg(settings.certDir);
            return false;
        }
        if (!readCertDirectory(settings.certDir, &cas, &config, error))
            return false;
    } else {
        for (const QString &root : settings.certsDRoots) {
            if (!readCertDirectory(root + QLatin1Char('/') + hostAndPort, &cas, &config, error))
                return false;
        }
    }
    // Touch the configuration only where the settings differ from the system
    // defaults, so an unconfigured registry keeps the default configuration
    // (and the shared connection pool, see RegistryClient).
    if (!cas.isEmpty())
        config.setCaCertificates(config.caCertificates() + cas);
    if (settings.mode == TlsSettings::Mode::SkipVerify)
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    *out = config;
    return true;
}

} // namespace crossdock
