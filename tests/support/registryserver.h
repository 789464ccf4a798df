// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "certificates.h"

#include <QMap>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace crossdock::test {

// A real docker-registry (CNCF distribution 2.8) on a free loopback port,
// with a generated configuration. Stopped in the destructor; children also
// die with the test process.
class RegistryServer final
{
public:
    enum class Auth { None, Htpasswd, Token };

    struct Options
    {
        Auth auth = Auth::None;
        QMap<QString, QString> users;   // htpasswd: user -> password (stored bcrypt)
        QString tokenRealm;             // token: the token service URL
        QString tokenCertPath;          // token: rootcertbundle
        QString tokenService;
        QString tokenIssuer;
        bool tls = false;
        Certificate tlsCertificate;     // tls: server key and certificate
        QString clientCaPath;           // tls: require client certificates signed by this CA
        QString storageDirectory;       // empty: a fresh temporary directory
        bool readOnly = false;
        bool deleteEnabled = true;      // storage.delete.enabled
        QString redirectBaseUrl;        // blob GETs answer 307 to this base URL
    };

    explicit RegistryServer(const Options &options);
    ~RegistryServer();
    Q_DISABLE_COPY_MOVE(RegistryServer)

    bool isRunning() const { return m_running; }
    QString errorText() const { return m_error; }
    quint16 port() const { return m_port; }
    QString hostAndPort() const;
    QString baseUrl() const;
    QString storageDirectory() const { return m_storage; }

private:
    bool writeConfig(const Options &options, const QString &path);

    QTemporaryDir m_dir;
    QString m_storage;
    quint16 m_port = 0;
    bool m_tls = false;
    bool m_running = false;
    QString m_error;
    QProcess m_process;
};

} // namespace crossdock::test
