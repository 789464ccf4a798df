// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "tokenserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QUrlQuery>
#include <QUuid>

#include <openssl/evp.h>
#include <openssl/pem.h>

namespace crossdock::test {

struct TokenServer::Keys
{
    EVP_PKEY *key = nullptr;
    ~Keys() { EVP_PKEY_free(key); }
};

namespace {

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool allows(const QStringList &granted, const QString &action)
{
    return granted.contains(action) || granted.contains(QStringLiteral("*"));
}

} // namespace

TokenServer::TokenServer(const QString &keyPath, const QString &certPath)
    : m_keys(std::make_unique<Keys>())
{
    QFile keyFile(keyPath);
    keyFile.open(QIODevice::ReadOnly);
    const QByteArray pem = keyFile.readAll();
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    m_keys->key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    Q_ASSERT(m_keys->key);
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(certPath, QSsl::Pem);
    Q_ASSERT(!certs.isEmpty());
    m_certDerBase64 = certs.first().toDer().toBase64();
    m_http = std::make_unique<MiniHttpServer>([this](const MiniHttpServer::Request &r) { return handle(r); });
}

TokenServer::~TokenServer()
{
    m_http.reset();
}

void TokenServer::setUser(const QString &name, const User &user)
{
    QMutexLocker lock(&m_mutex);
    m_users.insert(name, user);
}

void TokenServer::setRefreshToken(const QString &refreshToken, const QString &name)
{
    QMutexLocker lock(&m_mutex);
    m_refreshTokens.insert(refreshToken, name);
}

void TokenServer::setAnonymous(const User &grants)
{
    QMutexLocker lock(&m_mutex);
    m_anonymous = grants;
    m_anonymousSet = true;
}

void TokenServer::setExpiresIn(int seconds)
{
    QMutexLocker lock(&m_mutex);
    m_expiresIn = seconds;
}

void TokenServer::setUseAccessTokenField(bool on)
{
    QMutexLocker lock(&m_mutex);
    m_accessTokenField = on;
}

QString TokenServer::realm() const
{
    return QStringLiteral("http://%1/token").arg(m_http->hostAndPort());
}

QList<TokenServer::Issued> TokenServer::issued() const
{
    QMutexLocker lock(&m_mutex);
    return m_issued;
}

void TokenServer::clearIssued()
{
    QMutexLocker lock(&m_mutex);
    m_issued.clear();
}

QByteArray TokenServer::signJwt(const QByteArray &headerAndPayload) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_keys->key);
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(headerAndPayload.constData());
    EVP_DigestSign(ctx, nullptr, &length, data, static_cast<size_t>(headerAndPayload.size()));
    QByteArray signature(static_cast<qsizetype>(length), '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length, data,
                   static_cast<size_t>(headerAndPayload.size()));
    EVP_MD_CTX_free(ctx);
    signature.resize(static_cast<qsizetype>(length));
    return signature;
}

MiniHttpServer::Response TokenServer::handle(const MiniHttpServer::Request &request)
{
    QMutexLocker lock(&m_mutex);
    const QUrlQuery query(request.url);
    QStringList scopes = query.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded);

    // Who is asking?
    QString account;
    const User *user = nullptr;
    const QByteArray authorization = request.headers.value("authorization");
    if (request.method == "POST") {
        // OAuth2 refresh-token grant: form fields, scopes space-separated.
        const QUrlQuery form(QString::fromUtf8(request.body));
        scopes = form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        account = m_refreshTokens.value(form.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded));
        const auto it = m_users.constFind(account);
        if (form.queryItemValue(QStringLiteral("grant_type")) != QLatin1String("refresh_token") || account.isEmpty()
            || it == m_users.constEnd()) {
            m_issued << Issued{account, scopes, true, true};
            return {401, {{"Content-Type", "application/json"}}, R"({"details":"invalid refresh token"})"};
        }
        user = &*it;
        m_issued << Issued{account, scopes, false, true};
    } else if (authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6));
        const qsizetype colon = decoded.indexOf(':');
        account = QString::fromUtf8(decoded.left(colon));
        const QString password = QString::fromUtf8(decoded.mid(colon + 1));
        const auto it = m_users.constFind(account);
        if (colon < 0 || it == m_users.constEnd() || it->password != password) {
            m_issued << Issued{account, scopes, true, false};
            return {401, {{"Content-Type", "application/json"}}, R"({"details":"invalid username or password"})"};
        }
        user = &*it;
        m_issued << Issued{account, scopes, false, false};
    } else if (m_anonymousSet) {
        user = &m_anonymous;
        m_issued << Issued{QString(), scopes, false, false};
    } else {
        m_issued << Issued{QString(), scopes, true, false};
        return {401, {{"Content-Type", "application/json"}}, R"({"details":"authentication required"})"};
    }

    // Grant the intersection of what was asked and what the user may do.
    QJsonArray access;
    for (const QString &scope : scopes) {
        const QStringList parts = scope.split(QLatin1Char(':'));
        if (parts.size() != 3)
            continue;
        const QString &type = parts[0];
        const QString &name = parts[1];
        QJsonArray actions;
        for (const QString &action : parts[2].split(QLatin1Char(','))) {
            bool ok = false;
            if (type == QLatin1String("registry") && name == QLatin1String("catalog"))
                ok = user->catalog;
            else if (type == QLatin1String("repository"))
                ok = allows(user->repositories.value(name), action) || allows(user->repositories.value(QStringLiteral("*")), action);
            if (ok)
                actions.append(action);
        }
        access.append(QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("name"), name}, {QStringLiteral("actions"), actions}});
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("x5c"), QJsonArray{QString::fromLatin1(m_certDerBase64)}}};
    const QJsonObject claims{{QStringLiteral("iss"), issuer()},
                             {QStringLiteral("sub"), account},
                             {QStringLiteral("aud"), service()},
                             {QStringLiteral("exp"), now + std::max(m_expiresIn, 60) + 60},
                             {QStringLiteral("nbf"), now - 10},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {QStringLiteral("access"), access}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QString jwt = QString::fromLatin1(signingInput + '.' + base64Url(signJwt(signingInput)));

    QJsonObject body{{QStringLiteral("expires_in"), m_expiresIn},
                     {QStringLiteral("issued_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    body.insert(m_accessTokenField ? QStringLiteral("access_token") : QStringLiteral("token"), jwt);
    return {200, {{"Content-Type", "application/json"}}, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

} // namespace crossdock::test
