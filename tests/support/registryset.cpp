// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "registryset.h"

#include "fixtures.h"

#include <QDir>
#include <QFile>

namespace crossdock::test {

RegistrySet::RegistrySet(int variants)
{
    QString error;
    const QString storage = Fixtures::storageDirectory(&error);
    if (storage.isEmpty()) {
        m_error = QStringLiteral("fixtures: ") + error;
        return;
    }
    auto start = [&](std::unique_ptr<RegistryServer> &slot, const RegistryServer::Options &options) {
        slot = std::make_unique<RegistryServer>(options);
        if (!slot->isRunning() && m_error.isEmpty())
            m_error = slot->errorText();
    };
    RegistryServer::Options base;
    base.storageDirectory = storage;
    base.readOnly = true;

    if (variants & Anonymous)
        start(m_anonymous, base);
    if (variants & Htpasswd) {
        RegistryServer::Options o = base;
        o.auth = RegistryServer::Auth::Htpasswd;
        o.users = {{User, Password}};
        start(m_htpasswd, o);
    }
    if (variants & Token) {
        const Certificate signing = makeSigningCertificate(m_dir.path(), QStringLiteral("token-signer"));
        if (!signing.ok) {
            m_error = QStringLiteral("openssl could not make the token signing certificate");
            return;
        }
        m_tokenServer = std::make_unique<TokenServer>(signing.keyPath, signing.certPath);
        TokenServer::User alice{Password, {{QStringLiteral("*"), {QStringLiteral("pull")}}}, true};
        m_tokenServer->setUser(User, alice);
        TokenServer::User bob{ReaderPassword, {{Fixtures::OciImage, {QStringLiteral("pull")}}}, false};
        m_tokenServer->setUser(ReaderUser, bob);
        m_tokenServer->setRefreshToken(RefreshToken, User);
        RegistryServer::Options o = base;
        o.auth = RegistryServer::Auth::Token;
        o.tokenRealm = m_tokenServer->realm();
        o.tokenCertPath = signing.certPath;
        o.tokenService = TokenServer::service();
        o.tokenIssuer = TokenServer::issuer();
        start(m_token, o);
    }
    if (variants & Tls) {
        m_tlsCert = makeServerCertificate(m_dir.path(), QStringLiteral("tls-server"));
        QDir().mkpath(tlsCertDir());
        QFile::copy(m_tlsCert.certPath, tlsCertDir() + QStringLiteral("/ca.crt"));
        RegistryServer::Options o = base;
        o.tls = true;
        o.tlsCertificate = m_tlsCert;
        start(m_tls, o);
    }
}

RegistrySet::~RegistrySet() = default;

} // namespace crossdock::test
