// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/blobreader.h"

#include "core/base/logging.h"
#include "core/net/credentialboundary.h"
#include "core/net/lowdelay.h"
#include "core/net/replyutil.h"
#include "core/net/slowtransferguard.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace crossdock {

namespace {

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

BlobReader::BlobReader(RegistryClient *client, const QString &repository, const Descriptor &blob, QObject *parent)
    : BlobStream(blob, parent)
    , m_client(client)
    , m_repository(repository)
{
}

BlobReader::~BlobReader()
{
    stop();
}

QString BlobReader::subject() const
{
    return QStringLiteral("blob %1 of %2/%3").arg(blob().digest.toString(), m_client->host(), m_repository);
}

QUrl BlobReader::blobUrl() const
{
    return m_client->urlFor(QStringLiteral("/v2/%1/blobs/%2").arg(m_repository, blob().digest.toString()));
}

void BlobReader::start()
{
    if (m_started)
        return;
    m_started = true;
    if (blob().size < 0)
        return failWith(Error::make(Error::Code::BadResponse, QStringLiteral("%1: the manifest gives no size").arg(subject())));
    m_client->ensureReady(this, [this](const Error &error) {
        if (error.isError())
            return failWith(error);
        m_client->authorize({QStringLiteral("repository:%1:pull").arg(m_repository)}, false, this,
            [this](const QByteArray &authorization, const Error &authError) {
                if (authError.isError())
                    return failWith(authError);
                m_authorization = authorization;
                get(blobUrl(), 0);
            });
    });
}

void BlobReader::stop()
{
    setStopped();
    discardReply();
}

void BlobReader::discardReply()
{
    crossdock::discardReply(m_reply, this);
    m_reply = nullptr;
    m_replyAccepted = false;
}

void BlobReader::get(const QUrl &url, int redirects)
{
    if (isStopped())
        return;
    // The client's boundary decides per URL whether credentials go along.
    QNetworkRequest request = m_client->newRequest(url, m_authorization);
    const qint64 offset = bytesPassed() + m_pending.size();
    if (offset > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + '-');
    qCDebug(lcHttp).noquote() << "GET" << CredentialBoundary::display(url)
                              << (offset > 0 ? QStringLiteral("from byte %1").arg(offset) : QString());
    QNetworkReply *reply = m_client->network()->get(request);
    disableNagleWhenConnecting(reply);
    // Backpressure: Qt stops reading the socket when this buffer is full.
    reply->setReadBufferSize(ReadBufferSize);
    // A trickling body is broken off; resumed by Range only if it brought
    // something worth resuming (see onReplyFinished).
    SlowTransferGuard::watch(reply, blob().size - offset);
    m_offsetAtRequest = offset;
    reply->setProperty("redirects", redirects);
    m_reply = reply;
    m_replyAccepted = false;
    connect(reply, &QNetworkReply::metaDataChanged, this, &BlobReader::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &BlobReader::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &BlobReader::onReplyFinished);
}

void BlobReader::onMetaData()
{
    if (!m_reply || m_replyAccepted)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const qint64 offset = bytesPassed() + m_pending.size();
    if (status == 200) {
        // A fresh body, or a server that ignored Range: read past what passed.
        m_pending.clear();
        m_skip = bytesPassed();
    } else if (status == 206 && offset > 0) {
        const QByteArray range = m_reply->rawHeader("Content-Range");
        if (!range.startsWith(QByteArray("bytes " + QByteArray::number(offset) + '-'))) {
            discardReply();
            return failWith(Error::make(Error::Code::BadResponse,
                QStringLiteral("%1: asked for the rest from byte %2, the registry sent \"%3\"")
                    .arg(subject())
                    .arg(offset)
                    .arg(printable(QString::fromLatin1(range), 100))));
        }
    } else {
        return; // a redirect or an error: onReplyFinished decides
    }
    m_replyAccepted = true;
    m_bodyUrl = m_reply->url();
    markBodyStarted();
}

void BlobReader::dropSkippedBytes()
{
    while (m_skip > 0 && m_reply && m_reply->bytesAvailable() > 0) {
        const QByteArray dropped = m_reply->read(std::min<qint64>(m_skip, ReadBufferSize));
        m_skip -= dropped.size();
    }
}

void BlobReader::onReadyRead()
{
    if (!m_replyAccepted)
        return;
    dropSkippedBytes();
    if (m_skip == 0 && m_reply && m_reply->bytesAvailable() > 0)
        Q_EMIT readyRead();
}

qint64 BlobReader::bytesAvailable() const
{
    qint64 available = m_pending.size();
    if (m_replyAccepted && m_reply && m_skip == 0)
        available += m_reply->bytesAvailable();
    return std::min(available, room());
}

qint64 BlobReader::readData(char *data, qint64 maxSize)
{
    // Never more than the descriptor says: an upload announced that length.
    const qint64 allowed = std::min(maxSize, room());
    if (allowed <= 0 || error().isError())
        return error().isError() || room() <= 0 ? -1 : 0;
    qint64 n = 0;
    if (!m_pending.isEmpty()) {
        n = std::min<qint64>(allowed, m_pending.size());
        memcpy(data, m_pending.constData(), static_cast<size_t>(n));
        m_pending.remove(0, n);
    } else if (m_replyAccepted && m_reply && m_skip == 0) {
        n = std::max<qint64>(0, m_reply->read(data, allowed));
    }
    if (n > 0) {
        passed(data, n);
        if (room() == 0)
            QTimer::singleShot(0, this, [this] { finishIfDone(m_sourceDone); });
    } else if (m_sourceDone && room() > 0) {
        return -1;
    }
    return n;
}

void BlobReader::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isStopped())
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const int redirects = reply->property("redirects").toInt();

    if (isRedirect(status)) {
        const QUrl from = reply->url();
        const QUrl next = from.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        discardReply();
        if (redirects >= MaxRedirects)
            return failWith(Error::make(Error::Code::BadResponse, QStringLiteral("%1: too many redirects").arg(subject())));
        // Storage hosts get no registry credentials; downgrades are refused.
        const auto decision = m_client->boundary().judge(CredentialBoundary::Hop::Redirect, from, next);
        if (!decision.follow)
            return failWith(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(subject(), decision.refusal)));
        return get(next, redirects + 1);
    }

    if (!m_replyAccepted) {
        // No body: an error answer, or no answer at all.
        const QByteArray retryAfter = reply->rawHeader("Retry-After");
        HttpResponse response;
        response.status = status;
        response.body = reply->read(RegistryCall::MaxErrorBody);
        const QNetworkReply::NetworkError code = reply->error() == QNetworkReply::OperationCanceledError
            ? QNetworkReply::TimeoutError // Qt reports its idle timeout as a cancellation
            : reply->error();
        const QString errorString = reply->errorString();
        discardReply();
        const bool transient = status == 0 ? m_client->retryPolicy().retries(code)
                                           : RetryPolicy::isRetryableStatus(status);
        if (transient && retryLater(retryAfter))
            return;
        if (status == 0)
            return failWith(errorForNetworkFailure(code, errorString, {}, m_client->host()));
        return failWith(errorForResponse(response, subject(), m_client->host()));
    }

    // The body ended, whole or broken off: keep what is buffered.
    dropSkippedBytes();
    const QString tooSlow = SlowTransferGuard::reason(reply);
    const bool broken = reply->error() != QNetworkReply::NoError;
    const QString errorString = reply->errorString();
    const QNetworkReply::NetworkError code = reply->error();
    if (m_skip == 0)
        m_pending += reply->readAll();
    discardReply();
    const qint64 received = bytesPassed() + m_pending.size();
    if (received > blob().size)
        return failWith(Error::make(Error::Code::BadResponse,
            QStringLiteral("%1: the registry sent more than the %2 bytes the manifest gives").arg(subject()).arg(blob().size)));
    if (received < blob().size) {
        qCDebug(lcHttp).noquote() << subject() << "broke off at byte" << received << "of" << blob().size << "-"
                                  << (broken ? errorString : QStringLiteral("ended early"));
        // A registry that drips is not asked again: the next try would drip too.
        if (!tooSlow.isEmpty() && received - m_offsetAtRequest < MinProgressToResume)
            return failWith(Error::make(Error::Code::BadResponse,
                QStringLiteral("registry %1 is too slow: it %2 (%3)").arg(m_client->host(), tooSlow, subject())));
        if (resume()) {
            if (!m_pending.isEmpty())
                Q_EMIT readyRead();
            return;
        }
        if (broken)
            return failWith(errorForNetworkFailure(code, errorString, {}, m_client->host()));
        return failWith(Error::make(Error::Code::Unreachable,
            QStringLiteral("%1: the registry sent %2 of %3 bytes").arg(subject()).arg(received).arg(blob().size)));
    }
    m_sourceDone = true;
    if (!m_pending.isEmpty())
        Q_EMIT readyRead();
    finishIfDone(m_sourceDone);
}

bool BlobReader::retryLater(const QByteArray &retryAfter)
{
    const RetryPolicy &policy = m_client->retryPolicy();
    if (m_attempt >= policy.maxAttempts)
        return false;
    const int delay = policy.delayMs(m_attempt, retryAfter);
    ++m_attempt;
    qCDebug(lcHttp).noquote() << "  retrying" << subject() << "in" << delay << "ms"
                              << QStringLiteral("(attempt %1 of %2)").arg(m_attempt).arg(policy.maxAttempts);
    // From the registry again: a redirect target may be a URL that expires.
    QTimer::singleShot(delay, Qt::PreciseTimer, this, [this] { get(m_bodyUrl.isValid() ? m_bodyUrl : blobUrl(), 0); });
    return true;
}

bool BlobReader::resume()
{
    if (m_resumes + 1 >= m_client->retryPolicy().maxAttempts)
        return false;
    ++m_resumes;
    get(m_bodyUrl, 0);
    return true;
}

void BlobReader::failWith(const Error &error)
{
    discardReply();
    fail(error);
}

} // namespace crossdock
