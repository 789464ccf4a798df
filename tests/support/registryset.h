// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "certificates.h"
#include "registryserver.h"
#include "tokenserver.h"

#include <QTemporaryDir>

#include <memory>

namespace crossdock::test {

// The four ways a test can meet the fixture registry: anonymous over plain
// HTTP, htpasswd (bcrypt) Basic auth, token auth with a real JWT-signing
// token service, and TLS with a certificate made at test time. All serve
// the same read-only fixture storage.
class RegistrySet final
{
public:
    enum Variant { Anonymous = 1, Htpasswd = 2, Token = 4, Tls = 8, All = 15 };

    static inline const QString User = QStringLiteral("alice");
    static inline const QString Password = QStringLiteral("wonder land:42"); // a space and a colon on purpose
    static inline const QString ReaderUser = QStringLiteral("bob");      // token: pull on fixtures/oci-image only
    static inline const QString ReaderPassword = QStringLiteral("builder");
    static inline const QString RefreshToken = QStringLiteral("refresh-token-of-alice"); // auth.json identitytoken

    explicit RegistrySet(int variants = All);
    ~RegistrySet();

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    RegistryServer *anonymous() const { return m_anonymous.get(); }
    RegistryServer *htpasswd() const { return m_htpasswd.get(); }
    RegistryServer *token() const { return m_token.get(); }
    RegistryServer *tls() const { return m_tls.get(); }
    TokenServer *tokenServer() const { return m_tokenServer.get(); }
    // A directory holding the TLS registry's certificate as ca.crt (for --cert-dir).
    QString tlsCertDir() const { return m_dir.filePath(QStringLiteral("tls-certs")); }
    QString tlsCaFile() const { return m_tlsCert.certPath; }
    QString tlsKeyFile() const { return m_tlsCert.keyPath; } // the TLS registry's key (for another server with its name)
    QString scratch() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    QString m_error;
    Certificate m_tlsCert;
    std::unique_ptr<TokenServer> m_tokenServer;
    std::unique_ptr<RegistryServer> m_anonymous;
    std::unique_ptr<RegistryServer> m_htpasswd;
    std::unique_ptr<RegistryServer> m_token;
    std::unique_ptr<RegistryServer> m_tls;
};

} // namespace crossdock::test
