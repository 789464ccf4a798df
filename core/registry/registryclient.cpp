// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/registryclient.h"

#include "core/base/logging.h"
#include "core/credentials/secretmemory.h"
#include "core/image/digest.h"
#include "core/net/limitedbody.h"
#include "core/net/lowdelay.h"
#include "core/net/replyutil.h"
#include "core/net/slowtransferguard.h"
#include "core/net/useragent.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryerrors.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

namespace crossdock {

namespace {

constexpr qint64 MaxTokenResponse = 1024 * 1024;
// GET /v2/ answers "{}" or an error; more than this is not a registry.
constexpr qint64 MaxPingResponse = 64 * 1024;

template<typename Waiters, typename... Args> void notifyAll(Waiters waiters, Args &&...args)
{
    for (auto &w : waiters)
        if (w.context)
            w.callback(args...);
}

QString hostOnly(const QString &hostAndPort)
{
    if (hostAndPort.startsWith(QLatin1Char('[')))
        return hostAndPort.left(hostAndPort.indexOf(QLatin1Char(']')) + 1);
    return hostAndPort.section(QLatin1Char(':'), 0, 0);
}

} // namespace

QString RegistryClient::poolKey(const QString &host, const TlsSettings &tls, const Credentials &credentials)
{
    const QByteArray login = (credentials.username + QLatin1Char('\0') + credentials.password + QLatin1Char('\0')
        + credentials.identityToken + QLatin1Char('\0') + credentials.registryToken)
                                 .toUtf8();
    return host + QLatin1Char('\n') + QString::number(static_cast<int>(tls.mode)) + tls.certDir
        + tls.caFiles.join(QLatin1Char(';')) + QLatin1Char('\n') + Digest::sha256Of(login).hex();
}

RegistryClient::RegistryClient(const QString &host, const TlsSettings &tls, const Credentials &credentials,
    QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_tls(tls)
    , m_credentials(credentials)
    , m_network(network)
{
    buildSslConfiguration(host, tls, &m_ssl, &m_sslError);
    // QNetworkAccessManager pools connections by scheme, host and port only,
    // not by TLS configuration: a connection opened with --tls-verify=false
    // could otherwise be reused by a client that wants verification (and a
    // new CA would not take effect). Clients with non-default TLS settings
    // therefore keep their own pool.
    if (m_sslError.isEmpty() && !(m_ssl == QSslConfiguration::defaultConfiguration())) {
        m_privateNetwork = new QNetworkAccessManager(this);
        m_network = m_privateNetwork;
    }
}

RegistryClient::~RegistryClient() = default;

void RegistryClient::setClock(TokenCache::Clock clock)
{
    m_tokens = TokenCache(std::move(clock));
}

RegistryCall *RegistryClient::call(const RegistryRequest &request, QObject *parent)
{
    return new RegistryCall(this, request, parent);
}

QNetworkRequest RegistryClient::newRequest(const QUrl &url, const QByteArray &authorization) const
{
    QNetworkRequest request = requestWithoutCredentials(url);
    const QByteArray allowed = boundary().authorizationFor(url, authorization);
    if (!allowed.isEmpty())
        request.setRawHeader("Authorization", allowed);
    return request;
}

QNetworkRequest RegistryClient::requestWithoutCredentials(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(m_retry.idleTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Blobs and manifests are hashed as received: no transparent decoding.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setHeader(QNetworkRequest::UserAgentHeader, UserAgent::value());
    return request;
}

Error RegistryClient::uploadLocation(const HttpResponse &response, QUrl *location) const
{
    const QByteArray header = response.header("Location");
    if (header.isEmpty())
        return Error::make(Error::Code::BadResponse,
            QStringLiteral("registry %1 opened an upload without saying where (no Location)").arg(m_host));
    const QUrl next = response.url.resolved(QUrl::fromEncoded(header));
    const auto decision = boundary().judge(CredentialBoundary::Hop::UploadLocation, response.url, next);
    if (!decision.follow)
        return Error::make(Error::Code::BadResponse, QStringLiteral("registry %1: %2").arg(m_host, decision.refusal));
    *location = next;
    return {};
}

QUrl RegistryClient::urlFor(const QString &path) const
{
    QUrl url = m_baseUrl;
    url.setPath(path);
    return url;
}

void RegistryClient::ensureReady(QObject *context, ReadyCallback callback)
{
    if (m_state == State::Ready) {
        callback({});
        return;
    }
    m_readyWaiters.append({context, std::move(callback)});
    if (m_state == State::Pinging)
        return;
    if (!m_sslError.isEmpty()) {
        finishPing(Error::make(Error::Code::InvalidInput, m_sslError));
        return;
    }
    m_state = State::Pinging;
    ping(m_tls.mode == TlsSettings::Mode::PlainHttp ? QStringLiteral("http") : QStringLiteral("https"));
}

void RegistryClient::ping(const QString &scheme, int attempt)
{
    QUrl url;
    url.setScheme(scheme);
    url.setAuthority(m_host);
    url.setPath(QStringLiteral("/v2/"));
    const QNetworkRequest request = requestWithoutCredentials(url);
    qCDebug(lcHttp) << "GET" << url.toString() << "(ping)";
    QNetworkReply *reply = m_network->get(request);
    const LimitedBody *body = LimitedBody::attach(reply, MaxPingResponse);
    SlowTransferGuard::watch(reply, MaxPingResponse);
    disableNagleWhenConnecting(reply);
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(
        reply, &QNetworkReply::sslErrors, this, [sslErrors](const QList<QSslError> &errors) { *sslErrors << errors; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, body, scheme, sslErrors, attempt] {
        reply->deleteLater();
        if (body->exceeded()) {
            finishPing(Error::make(Error::Code::TooLarge,
                QStringLiteral("%1 answered GET /v2/ with more than the %2-byte limit; that is not a container registry")
                    .arg(m_host)
                    .arg(MaxPingResponse)));
            return;
        }
        if (SlowTransferGuard::wasTooSlow(reply)) {
            finishPing(Error::make(Error::Code::BadResponse,
                QStringLiteral("registry %1 is too slow: GET /v2/ %2").arg(m_host, SlowTransferGuard::reason(reply))));
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // A load balancer warming up, a rate limit, a reset connection: the
        // ping is retried like any request. A host that refuses connections
        // or does not answer fails at once.
        const bool transient = RetryPolicy::isRetryableStatus(status)
            || (status == 0 && scheme == QLatin1String("http") && reply->error() == QNetworkReply::RemoteHostClosedError);
        if (transient && attempt < m_retry.maxAttempts) {
            const int delay = m_retry.delayMs(attempt, reply->rawHeader("Retry-After"));
            qCDebug(lcHttp) << "ping" << m_host << "answered" << status << "- trying again in" << delay << "ms";
            QTimer::singleShot(delay, Qt::PreciseTimer, this, [this, scheme, attempt] { ping(scheme, attempt + 1); });
            return;
        }
        qCDebug(lcHttp) << "ping" << reply->url().toString() << "->" << status << reply->errorString();
        if (status == 0) {
            // A loopback registry without TLS (docker's "insecure by default"
            // for localhost), or one the user chose insecure: fall back to
            // plain HTTP only when the server did not speak TLS at all -
            // never after a certificate was presented and rejected.
            // A plain-HTTP server answers a TLS hello with an HTTP error and hangs
            // up; depending on timing (a proxy in between) Qt reports that as a
            // failed handshake or as the connection closed.
            const bool noTlsSpoken = (reply->error() == QNetworkReply::SslHandshakeFailedError
                                         || reply->error() == QNetworkReply::RemoteHostClosedError)
                && sslErrors->isEmpty();
            const bool mayUseHttp = isLoopbackHost(hostOnly(m_host)) || m_tls.mode == TlsSettings::Mode::SkipVerify;
            if (scheme == QLatin1String("https") && noTlsSpoken && mayUseHttp) {
                qCDebug(lcHttp) << m_host << "does not speak TLS; using plain HTTP (loopback or --tls-verify=false)";
                ping(QStringLiteral("http"));
                return;
            }
            // Nothing aborts a ping but Qt's idle timeout, reported as a cancellation.
            const auto code = reply->error() == QNetworkReply::OperationCanceledError ? QNetworkReply::TimeoutError
                                                                                      : reply->error();
            finishPing(errorForNetworkFailure(code, reply->errorString(), *sslErrors, m_host));
            return;
        }
        m_baseUrl.setScheme(scheme);
        m_baseUrl.setAuthority(m_host);
        if (status == 401) {
            const auto challenges = AuthChallenge::parse(reply->rawHeader("WWW-Authenticate"));
            updateChallenge(challenges);
            if (m_challenge.scheme.isEmpty()) {
                finishPing(Error::make(Error::Code::BadResponse,
                    QStringLiteral("registry %1 asks for authentication with an unsupported scheme").arg(m_host)));
                return;
            }
        } else if (status != 200) {
            finishPing(Error::make(Error::Code::BadResponse,
                QStringLiteral("%1 does not look like a container registry (GET /v2/ answered %2)")
                    .arg(m_host)
                    .arg(status)));
            return;
        }
        finishPing({});
    });
}

void RegistryClient::finishPing(const Error &error)
{
    m_state = error.isError() ? State::NotPinged : State::Ready;
    notifyAll(std::exchange(m_readyWaiters, {}), error);
}

void RegistryClient::updateChallenge(const QList<AuthChallenge> &challenges)
{
    if (const AuthChallenge *c = AuthChallenge::preferred(challenges))
        m_challenge = *c;
}

QByteArray RegistryClient::basicAuthorization() const
{
    if (m_credentials.username.isEmpty())
        return {};
    QByteArray pair = (m_credentials.username + QLatin1Char(':') + m_credentials.password).toUtf8();
    const QByteArray header = QByteArrayLiteral("Basic ") + pair.toBase64();
    wipe(pair);
    return header;
}

void RegistryClient::authorize(const QStringList &scopes, bool forceRefresh, QObject *context, AuthCallback callback)
{
    if (!m_credentials.registryToken.isEmpty()) {
        // Given as is: no challenge decides, no token service is asked (a
        // refused token stays refused: the 401 is the answer).
        callback(QByteArrayLiteral("Bearer ") + m_credentials.registryToken.toUtf8(), {});
        return;
    }
    if (m_challenge.isBasic() || m_challenge.scheme.isEmpty()) {
        callback(m_challenge.isBasic() ? basicAuthorization() : QByteArray(), {});
        return;
    }
    const QString key = TokenCache::key(
        m_challenge.param(QStringLiteral("realm")), m_challenge.param(QStringLiteral("service")), scopes);
    if (forceRefresh)
        m_tokens.remove(key);
    const QString cached = m_tokens.find(key);
    if (!cached.isEmpty()) {
        callback(QByteArrayLiteral("Bearer ") + cached.toUtf8(), {});
        return;
    }
    const bool inFlight = m_tokenWaiters.contains(key);
    m_tokenWaiters[key].append({context, std::move(callback)});
    if (!inFlight)
        fetchToken(key, scopes);
}

void RegistryClient::fetchToken(const QString &cacheKey, const QStringList &scopes)
{
    const QUrl realm(m_challenge.param(QStringLiteral("realm")));
    const QString service = m_challenge.param(QStringLiteral("service"));
    // A token endpoint must be at least as secure as the registry: https,
    // unless the registry itself is plain http and the realm is on this
    // machine or the user chose plain http for this registry.
    const bool plainRegistry = m_baseUrl.scheme() == QLatin1String("http");
    const bool plainRealmAllowed = realm.scheme() == QLatin1String("http") && plainRegistry
        && (m_tls.mode == TlsSettings::Mode::PlainHttp || isLoopbackHost(realm.host()));
    const bool realmOk
        = realm.isValid() && !realm.host().isEmpty() && (realm.scheme() == QLatin1String("https") || plainRealmAllowed);
    if (!realmOk) {
        finishToken(cacheKey, {},
            Error::make(Error::Code::BadResponse,
                QStringLiteral("registry %1 points to token service \"%2\", which is not an https URL; "
                               "refusing to send credentials there")
                    .arg(m_host, CredentialBoundary::display(realm))));
        return;
    }

    QNetworkRequest request;
    QByteArray form;
    if (!m_credentials.identityToken.isEmpty()) {
        // OAuth2 refresh-token grant, as docker does with an identity token.
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        query.addQueryItem(QStringLiteral("service"), service);
        query.addQueryItem(QStringLiteral("client_id"), QStringLiteral("crossdock"));
        query.addQueryItem(QStringLiteral("scope"), scopes.join(QLatin1Char(' ')));
        query.addQueryItem(QStringLiteral("refresh_token"), m_credentials.identityToken);
        form = query.toString(QUrl::FullyEncoded).toUtf8();
        request = requestWithoutCredentials(realm);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
        qCDebug(lcAuth) << "POST" << CredentialBoundary::display(realm) << "scopes" << scopes
                        << "(identity token, redacted)";
    } else {
        QUrl url = realm;
        QUrlQuery query(url);
        if (!service.isEmpty())
            query.addQueryItem(QStringLiteral("service"), service);
        for (const QString &scope : scopes)
            query.addQueryItem(QStringLiteral("scope"), scope);
        if (!m_credentials.username.isEmpty())
            query.addQueryItem(QStringLiteral("account"), m_credentials.username);
        url.setQuery(query);
        request = requestWithoutCredentials(url);
        qCDebug(lcAuth) << "GET" << url.toString()
                        << (m_credentials.username.isEmpty() ? "anonymous" : "Authorization: <redacted>");
    }
    sendTokenRequest(cacheKey, request, form, 0);
}

void RegistryClient::sendTokenRequest(
    const QString &cacheKey, QNetworkRequest request, const QByteArray &form, int redirects)
{
    // Basic credentials go to the realm's own origin only: the request
    // itself, or a redirect that stays there (judged in onTokenReply).
    const CredentialBoundary realm(QUrl(m_challenge.param(QStringLiteral("realm"))));
    const QByteArray basic = realm.authorizationFor(request.url(), basicAuthorization());
    if (!basic.isEmpty() && form.isEmpty())
        request.setRawHeader("Authorization", basic);
    QNetworkReply *reply = form.isEmpty() ? m_network->get(request) : m_network->post(request, form);
    const LimitedBody *body = LimitedBody::attach(reply, MaxTokenResponse);
    SlowTransferGuard::watch(reply, MaxTokenResponse);
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, body, cacheKey, form, redirects] { onTokenReply(cacheKey, reply, *body, form, redirects); });
}

void RegistryClient::onTokenReply(
    const QString &cacheKey, QNetworkReply *reply, const LimitedBody &limited, const QByteArray &form, int redirects)
{
    reply->deleteLater();
    if (limited.exceeded()) {
        finishToken(cacheKey, {},
            Error::make(Error::Code::TooLarge,
                QStringLiteral("token service of %1 answered with more than the %2-byte limit")
                    .arg(m_host)
                    .arg(MaxTokenResponse)));
        return;
    }
    if (SlowTransferGuard::wasTooSlow(reply)) {
        finishToken(cacheKey, {},
            Error::make(Error::Code::BadResponse,
                QStringLiteral("token service of %1 is too slow: it %2").arg(m_host, SlowTransferGuard::reason(reply))));
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    qCDebug(lcAuth) << "token service answered" << status;
    if (status == 0) {
        finishToken(
            cacheKey, {}, errorForNetworkFailure(reply->error(), reply->errorString(), {}, reply->url().host()));
        return;
    }
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        const QUrl next = reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        const CredentialBoundary realm(QUrl(m_challenge.param(QStringLiteral("realm"))));
        const auto decision = realm.judge(CredentialBoundary::Hop::TokenRedirect, reply->url(), next);
        if (!decision.follow || redirects >= RegistryCall::MaxRedirects) {
            finishToken(cacheKey, {},
                Error::make(Error::Code::BadResponse,
                    QStringLiteral("registry %1: %2")
                        .arg(m_host,
                            decision.follow ? QStringLiteral("token service redirected too many times")
                                            : decision.refusal)));
            return;
        }
        QNetworkRequest request = reply->request();
        request.setUrl(next);
        request.setRawHeader("Authorization", QByteArray());
        sendTokenRequest(cacheKey, request, form, redirects + 1);
        return;
    }
    const QByteArray body = limited.body();
    if (status == 401 || status == 403) {
        const QString who
            = m_credentials.username.isEmpty() ? QString() : QStringLiteral(" for user \"%1\"").arg(m_credentials.username);
        finishToken(cacheKey, {},
            Error::make(Error::Code::Unauthorized,
                m_credentials.isEmpty()
                    ? QStringLiteral("registry %1 requires authentication (log in or pass --creds)").arg(m_host)
                    : QStringLiteral("authentication failed at %1%2: wrong username or password").arg(m_host, who)));
        return;
    }
    if (status != 200) {
        finishToken(cacheKey, {},
            Error::make(
                Error::Code::Server, QStringLiteral("token service of %1 answered HTTP %2").arg(m_host).arg(status)));
        return;
    }
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QString token = object.value(QLatin1String("token")).toString();
    if (token.isEmpty())
        token = object.value(QLatin1String("access_token")).toString();
    if (token.isEmpty()) {
        finishToken(cacheKey, {},
            Error::make(Error::Code::BadResponse, QStringLiteral("token service of %1 returned no token").arg(m_host)));
        return;
    }
    const qint64 expiresIn = object.value(QLatin1String("expires_in")).toInteger(0);
    const QDateTime issuedAt
        = QDateTime::fromString(object.value(QLatin1String("issued_at")).toString(), Qt::ISODateWithMs);
    m_tokens.insert(cacheKey, token, expiresIn, issuedAt);
    finishToken(cacheKey, token, {});
}

void RegistryClient::finishToken(const QString &cacheKey, const QString &token, const Error &error)
{
    const QByteArray header = token.isEmpty() ? QByteArray() : QByteArrayLiteral("Bearer ") + token.toUtf8();
    notifyAll(m_tokenWaiters.take(cacheKey), header, error);
}

} // namespace crossdock
