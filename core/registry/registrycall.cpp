// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/registrycall.h"

#include "core/base/logging.h"
#include "core/net/lowdelay.h"
#include "core/net/replyutil.h"
#include "core/net/slowtransferguard.h"
#include "core/registry/authchallenge.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

#include <QNetworkAccessManager>
#include <QTimer>

namespace crossdock {

RegistryCall::RegistryCall(RegistryClient *client, RegistryRequest request, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_request(std::move(request))
{
}

RegistryCall::~RegistryCall()
{
    doCancel();
}

QUrl RegistryCall::initialUrl() const
{
    if (m_request.url.isValid())
        return m_request.url;
    QUrl url = m_client->baseUrl();
    url.setPath(m_request.path);
    if (!m_request.query.isEmpty())
        url.setQuery(m_request.query);
    return url;
}

void RegistryCall::doStart()
{
    m_client->ensureReady(this, [this](const Error &error) {
        if (error.isError()) {
            emitError(error);
            return;
        }
        authorizeAndSend(false);
    });
}

void RegistryCall::doCancel()
{
    discardReply(m_reply, this);
    m_reply = nullptr;
}

void RegistryCall::authorizeAndSend(bool forceRefresh)
{
    const QUrl url = initialUrl();
    if (m_request.url.isValid()) {
        // A URL the registry handed out (a Link, an upload Location).
        const auto decision = m_client->boundary().judge(m_request.urlHop, m_client->baseUrl(), url);
        if (!decision.follow) {
            emitError(Error::Code::BadResponse,
                QStringLiteral("registry %1: %2").arg(m_client->host(), decision.refusal));
            return;
        }
    }
    m_client->authorize(
        m_request.scopes, forceRefresh, this, [this, url](const QByteArray &authorization, const Error &error) {
            if (error.isError()) {
                emitError(error);
                return;
            }
            m_authorization = authorization;
            m_redirects = 0;
            send(url);
        });
}

void RegistryCall::send(const QUrl &url)
{
    // The registry's pace first (a set rate, or its rate-limit budget running low).
    m_client->pacer().whenAllowed(this, [this, url] {
        if (!isFinished())
            sendNow(url);
    });
}

void RegistryCall::sendNow(const QUrl &url)
{
    m_currentUrl = url;
    m_response = HttpResponse();
    m_sslErrors.clear();
    m_tooLarge = false;

    QNetworkRequest request = m_client->newRequest(url, m_authorization);
    for (const auto &header : m_request.headers)
        request.setRawHeader(header.first, header.second);

    qCDebug(lcHttp).noquote() << QString::fromLatin1(m_request.method) << CredentialBoundary::display(url)
                              << (request.hasRawHeader("Authorization") ? QStringLiteral("[Authorization: <redacted>]")
                                                                        : QString());
    QNetworkAccessManager *network = m_client->network();
    if (m_request.bodyStream) {
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_request.bodyStreamLength);
        // Without this Qt reads the whole body into memory before sending.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    }
    // GET and HEAD through their own calls: as a custom verb, HEAD would
    // wait for the body its Content-Length announces.
    if (m_request.bodyStream)
        m_reply = network->sendCustomRequest(request, m_request.method, m_request.bodyStream);
    else if (m_request.method == "GET" && m_request.body.isEmpty())
        m_reply = network->get(request);
    else if (m_request.method == "HEAD")
        m_reply = network->head(request);
    else
        m_reply = network->sendCustomRequest(request, m_request.method, m_request.body);
    // Qt buffers no more than this between two onReadyRead()s, so the caps
    // below hold while the body arrives, however fast it comes.
    m_reply->setReadBufferSize(std::min<qint64>(std::max(m_request.maxBodyBytes, MaxErrorBody) + 1, 1024 * 1024));
    SlowTransferGuard::watch(m_reply, std::max(m_request.maxBodyBytes, MaxErrorBody));
    disableNagleWhenConnecting(m_reply);
    connect(
        m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors << errors; });
    connect(m_reply, &QNetworkReply::readyRead, this, &RegistryCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &RegistryCall::onFinished);
}

void RegistryCall::onReadyRead()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool success = status >= 200 && status < 300;
    const qint64 cap = success ? m_request.maxBodyBytes : MaxErrorBody;
    const qint64 room = cap - m_response.body.size();
    if (room > 0)
        m_response.body += m_reply->read(room);
    if (m_reply->bytesAvailable() > 0) {
        // Over the cap: stop reading rather than hold an unbounded body.
        if (success)
            m_tooLarge = true;
        else
            m_response.bodyTruncated = true;
        m_abortedByUs = true;
        m_reply->abort();
    }
}

void RegistryCall::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (isFinished())
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    qCDebug(lcHttp).noquote() << "  ->" << status << reply->errorString().left(200);
    m_client->pacer().observe(reply->rawHeader("RateLimit-Remaining"));
    if (m_tooLarge) {
        emitError(Error::Code::TooLarge,
            QStringLiteral("response from %1 is larger than the %2-byte limit")
                .arg(m_client->host())
                .arg(m_request.maxBodyBytes));
        return;
    }
    if (SlowTransferGuard::wasTooSlow(reply)) {
        // Not retried: a server that trickles once trickles again, and
        // each try would hold the user for another window.
        emitError(Error::Code::BadResponse,
            QStringLiteral("registry %1 is too slow: it %2").arg(m_client->host(), SlowTransferGuard::reason(reply)));
        return;
    }
    if (status == 0 || (reply->error() != QNetworkReply::NoError && status < 300 && !m_response.bodyTruncated)) {
        // No answer, or one broken off mid-body. Qt reports its idle timeout
        // as a cancellation.
        const auto code = reply->error() == QNetworkReply::OperationCanceledError && !m_abortedByUs
            ? QNetworkReply::TimeoutError
            : reply->error();
        if (m_client->retryPolicy().retries(code) && m_sslErrors.isEmpty()
            && retryLater(reply->errorString(), QByteArray()))
            return;
        emitError(errorForNetworkFailure(code, reply->errorString(), m_sslErrors, m_client->host()));
        return;
    }
    if (!m_response.bodyTruncated)
        m_response.body += reply->read(
            std::max<qint64>(0, (status < 300 ? m_request.maxBodyBytes : MaxErrorBody) - m_response.body.size()));
    m_response.status = status;
    m_response.headers = reply->rawHeaderPairs();
    m_response.url = m_currentUrl;

    if (m_request.bodyStream) {
        // Its body is gone: no second try, no redirect, no new token.
        emitSuccess();
        return;
    }
    if (RetryPolicy::isRetryableStatus(status)
        && retryLater(QStringLiteral("HTTP %1").arg(status), reply->rawHeader("Retry-After")))
        return;

    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        const QByteArray location = reply->rawHeader("Location");
        if (location.isEmpty() || ++m_redirects > MaxRedirects) {
            emitError(
                Error::Code::BadResponse, QStringLiteral("too many or empty redirects from %1").arg(m_client->host()));
            return;
        }
        const QUrl next = m_currentUrl.resolved(QUrl::fromEncoded(location));
        // Storage redirects (S3, CDN) are followed without Authorization;
        // their URL carries its own grant. Downgrades are refused.
        const auto decision = m_client->boundary().judge(CredentialBoundary::Hop::Redirect, m_currentUrl, next);
        if (!decision.follow) {
            emitError(Error::Code::BadResponse, QStringLiteral("registry %1: %2").arg(m_client->host(), decision.refusal));
            return;
        }
        send(next);
        return;
    }

    if (status == 401 && !m_reauthenticated && m_client->boundary().admits(m_currentUrl)) {
        // The token may have expired or lack a scope: refresh it once.
        m_reauthenticated = true;
        m_client->updateChallenge(AuthChallenge::parse(m_response.header("WWW-Authenticate")));
        if (m_client->usesBearer() || (m_authorization.isEmpty() && m_client->hasCredentials())) {
            qCDebug(lcAuth) << "401 from" << m_client->host()
                            << (isInsufficientScope(m_response) ? "(insufficient_scope)" : "")
                            << "- authenticating once more";
            authorizeAndSend(true);
            return;
        }
    }
    emitSuccess();
}

bool RegistryCall::retryLater(const QString &why, const QByteArray &retryAfter)
{
    const RetryPolicy &policy = m_client->retryPolicy();
    if (m_attempt >= policy.maxAttempts || m_request.bodyStream)
        return false;
    const int delay = policy.delayMs(m_attempt, retryAfter);
    qCDebug(lcHttp).noquote() << "  retrying" << CredentialBoundary::display(m_currentUrl) << "in" << delay << "ms after"
                              << why << QStringLiteral("(attempt %1 of %2)").arg(m_attempt + 1).arg(policy.maxAttempts);
    ++m_attempt;
    const QUrl url = m_currentUrl;
    // Precise: a coarse timer may fire up to 5% early, and Retry-After is a minimum.
    QTimer::singleShot(delay, Qt::PreciseTimer, this, [this, url] {
        if (!isFinished())
            send(url);
    });
    return true;
}

} // namespace crossdock
