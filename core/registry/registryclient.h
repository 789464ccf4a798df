// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/credentials/credentials.h"
#include "core/net/credentialboundary.h"
#include "core/net/requestpacer.h"
#include "core/net/retrypolicy.h"
#include "core/net/tlssettings.h"
#include "core/registry/authchallenge.h"
#include "core/registry/tokencache.h"

#include <QHash>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace crossdock {

class LimitedBody;

class RegistryCall;
struct HttpResponse;
struct RegistryRequest;

// Speaks the distribution API to one registry host. It owns what is shared by
// every request to that host: the scheme found by the first /v2/ ping, the
// authentication challenge, the token cache and the TLS configuration.
// Requests are made by RegistryCall jobs (see call()). Lives in one thread.
class RegistryClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegistryClient)

public:
    // host is host[:port] to connect to (ImageReference::apiHost()).
    RegistryClient(const QString &host, const TlsSettings &tls, const Credentials &credentials,
        QNetworkAccessManager *network, QObject *parent = nullptr);
    ~RegistryClient() override;

    // The key under which callers share clients (a token cache and
    // connections each): host, TLS settings and a hash of the login - never
    // the secret itself.
    static QString poolKey(const QString &host, const TlsSettings &tls, const Credentials &credentials);

    QString host() const { return m_host; }
    const Credentials &credentials() const { return m_credentials; }
    bool hasCredentials() const { return !m_credentials.isEmpty(); }
    const RetryPolicy &retryPolicy() const { return m_retry; }
    // Spaces requests: a fixed rate if set, and Docker Hub's remaining budget.
    RequestPacer &pacer() { return m_pacer; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    // Tests move time forward to see tokens expire.
    void setClock(TokenCache::Clock clock);
    // The base URL after the first ping ("https://host:port"); empty before.
    QUrl baseUrl() const { return m_baseUrl; }

    // Creates a request job (not started). Its parent is the caller's job.
    RegistryCall *call(const RegistryRequest &request, QObject *parent);

    // Where this registry's credentials may go: its own scheme, host and
    // port (invalid before the first ping, so nothing carries them then).
    CredentialBoundary boundary() const { return CredentialBoundary(m_baseUrl); }
    // Every request to this registry or a server it points to is built
    // here: this registry's TLS settings, idle timeout, manual redirects, no
    // transparent decoding, and `authorization` only when boundary() admits
    // url - a caller cannot send credentials elsewhere by mistake.
    QNetworkRequest newRequest(const QUrl &url, const QByteArray &authorization) const;
    // Blob uploads in several PATCH segments: true until this registry
    // refuses a segment after the first; then each blob goes up in one
    // streamed request, as docker sends it (BlobTransferJob).
    bool acceptsUploadSegments() const { return m_acceptsUploadSegments; }
    void refuseUploadSegments() { m_acceptsUploadSegments = false; }
    // baseUrl() + path; valid only once ensureReady() has succeeded.
    QUrl urlFor(const QString &path) const;
    // The upload session an answer (POST, PATCH) points to, resolved
    // against the URL that answered and judged by boundary(): an error
    // naming both URLs when it must not be followed (see CredentialBoundary).
    Error uploadLocation(const HttpResponse &response, QUrl *location) const;

    // --- used by RegistryCall ---
    QNetworkAccessManager *network() const { return m_network; }
    // True when this client's TLS settings differ from the system defaults
    // and it therefore keeps its own connection pool (see constructor).
    bool hasPrivateConnections() const { return m_privateNetwork != nullptr; }
    const QSslConfiguration &sslConfiguration() const { return m_ssl; }
    using ReadyCallback = std::function<void(const Error &)>;
    using AuthCallback = std::function<void(const QByteArray &authorization, const Error &)>;
    // Pings /v2/ once (scheme and auth challenge); later calls answer at once.
    void ensureReady(QObject *context, ReadyCallback callback);
    // The Authorization header value for these scopes (empty when anonymous).
    // forceRefresh drops a cached token first (after a 401).
    void authorize(const QStringList &scopes, bool forceRefresh, QObject *context, AuthCallback callback);
    // A 401 may carry a newer challenge than the ping (e.g. /v2/ was open).
    void updateChallenge(const QList<AuthChallenge> &challenges);
    bool usesBearer() const { return m_challenge.isBearer(); }

private:
    // newRequest() without any Authorization: the ping, token requests.
    QNetworkRequest requestWithoutCredentials(const QUrl &url) const;
    void ping(const QString &scheme, int attempt = 1);
    void finishPing(const Error &error);
    void fetchToken(const QString &cacheKey, const QStringList &scopes);
    // One token request; a redirect within the realm's origin is followed.
    void sendTokenRequest(const QString &cacheKey, QNetworkRequest request, const QByteArray &form, int redirects);
    void onTokenReply(
        const QString &cacheKey, QNetworkReply *reply, const LimitedBody &body, const QByteArray &form, int redirects);
    void finishToken(const QString &cacheKey, const QString &token, const Error &error);
    QByteArray basicAuthorization() const;

    QString m_host;
    TlsSettings m_tls;
    Credentials m_credentials;
    QNetworkAccessManager *m_network;
    QNetworkAccessManager *m_privateNetwork = nullptr;
    QSslConfiguration m_ssl;
    QString m_sslError;
    TokenCache m_tokens;
    RetryPolicy m_retry;
    RequestPacer m_pacer;

    enum class State { NotPinged, Pinging, Ready };
    State m_state = State::NotPinged;
    bool m_acceptsUploadSegments = true;
    QUrl m_baseUrl;
    AuthChallenge m_challenge; // scheme empty when the registry needs no auth

    template<typename Callback> struct Waiter {
        QPointer<QObject> context;
        Callback callback;
    };
    QList<Waiter<ReadyCallback>> m_readyWaiters;
    QHash<QString, QList<Waiter<AuthCallback>>> m_tokenWaiters;
};

} // namespace crossdock
