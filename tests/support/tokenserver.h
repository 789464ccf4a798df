// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "minihttpserver.h"

#include <QDateTime>
#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <memory>

namespace crossdock::test {

// A Docker token service for a real docker-registry configured with
// auth.token: checks Basic credentials per user, grants the intersection of
// the scopes asked for and the user's grants, and signs a real RS256 JWT
// whose x5c certificate is the registry's rootcertbundle. It records every
// request so tests can assert the scopes asked for and token reuse.
class TokenServer final
{
public:
    struct User
    {
        QString password;
        // repository name (or "*") -> allowed actions ("pull", "push", "*")
        QMap<QString, QStringList> repositories;
        bool catalog = false;
    };
    struct Issued
    {
        QString account;      // empty: anonymous
        QStringList scopes;   // as requested
        bool rejected = false;
        bool viaRefreshToken = false;
    };

    // keyPath/certPath: PEM RSA key and self-signed certificate.
    TokenServer(const QString &keyPath, const QString &certPath);
    ~TokenServer();

    void setUser(const QString &name, const User &user);
    // An OAuth2 refresh token (docker's "identitytoken") that acts as name.
    void setRefreshToken(const QString &refreshToken, const QString &name);
    // Grants for requests without credentials.
    void setAnonymous(const User &grants);
    void setExpiresIn(int seconds);
    // Answer with "access_token" instead of "token".
    void setUseAccessTokenField(bool on);

    QString realm() const;
    static QString service() { return QStringLiteral("crossdock-test-registry"); }
    static QString issuer() { return QStringLiteral("crossdock-test-token-issuer"); }

    QList<Issued> issued() const;
    void clearIssued();

private:
    MiniHttpServer::Response handle(const MiniHttpServer::Request &request);
    QByteArray signJwt(const QByteArray &headerAndPayload) const;

    struct Keys;
    std::unique_ptr<Keys> m_keys;
    QByteArray m_certDerBase64;
    mutable QMutex m_mutex;
    QMap<QString, User> m_users;
    QMap<QString, QString> m_refreshTokens;
    User m_anonymous;
    bool m_anonymousSet = false;
    int m_expiresIn = 300;
    bool m_accessTokenField = false;
    QList<Issued> m_issued;
    std::unique_ptr<MiniHttpServer> m_http; // last: stops before the rest is destroyed
};

} // namespace crossdock::test
