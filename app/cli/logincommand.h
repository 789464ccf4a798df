// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clioptions.h"
#include "core/base/error.h"
#include "core/credentials/credentials.h"

#include <QObject>

class QNetworkAccessManager;

namespace crossdock::cli {

// `crossdock-cli login` checks credentials against the registry, then
// stores them in an auth file (the format skopeo, podman and docker read) or,
// with --keychain, in the OS keychain. `logout` forgets them.
class LoginCommand final : public QObject
{
    Q_OBJECT

public:
    LoginCommand(CliOptions options, QNetworkAccessManager *network, QObject *parent = nullptr);
    void login();
    void logout();

Q_SIGNALS:
    void finished(const crossdock::Error &error, const QByteArray &output);

private:
    bool parseRegistry(QString *registry, QString *apiHost);
    bool readCredentials(const QString &registry, Credentials *credentials);
    void store(const QString &registry, const Credentials &credentials);
    // --get-login: the user name stored for registry, or an error.
    void getLogin(const QString &registry);
    // Where login writes and logout erases: --compat-auth-file, --authfile or the default.
    QString authFilePath() const;
    void done(const Error &error, const QByteArray &output = {});

    CliOptions m_options;
    QNetworkAccessManager *m_network;
    bool m_done = false;
};

} // namespace crossdock::cli
