#include "core/registry/blobreader.h"

#include "core/base/logging.h"
#include "core/net/credentialboundary.h"
#include "core/net/lowdelay.h"
#include "core/net/replyutil.h"
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
    : QIODevice(parent)
    , m_client(client)
    , m_repository(repository)
    , m_blob(blob)
    , m_hasher(blob.digest.algorithm())
{
    // Unbuffered: what readData() hands out is what the consumer took.
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

BlobReader::~BlobReader()
{
    stop();
}

QString BlobReader::subject() const
{
    return QStringLiteral("blob %1 of %2/%3").arg(m_blob.digest.toString(), m_client->host(), m_repository);
}

QUrl BlobReader::blobUrl() const
{
    return m_client->urlFor(QStringLiteral("/v2/%1/blobs/%2").arg(m_repository, m_blob.digest.toString()));
}

void BlobReader::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_blob.size < 0)
        return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: the manifest gives no size").arg(subject())));
    m_client->ensureReady(this, [this](const Error &error) {
        if (error.isError())
            return fail(error);
        m_client->authorize({QStringLiteral("repository:%1:pull").arg(m_repository)}, false, this,
            [this](const QByteArray &authorization, const Error &authError) {
                if (authError.isError())
                    return fail(authError);
                m_authorization = authorization;
                get(blobUrl(), 0);
            });
    });
}

void BlobReader::stop()
{
    m_stopped = true;
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
    if (m_stopped)
        return;
    // The client's boundary decides per URL whether credentials go along.
    QNetworkRequest request = m_client->newRequest(url, m_authorization);
    const qint64 offset = m_passed + m_pending.size();
    if (offset > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + '-');
    qCDebug(lcHttp).noquote() << "GET" << CredentialBoundary::display(url)
                              << (offset > 0 ? QStringLiteral("from byte %1").arg(offset) : QString());
    QNetworkReply *reply = m_client->network()->get(request);
    disableNagleWhenConnecting(reply);
    // Backpressure: Qt stops reading the socket when this buffer is full.
    reply->setReadBufferSize(ReadBufferSize);
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
    const qint64 offset = m_passed + m_pending.size();
    if (status == 200) {
        // A fresh body, or a server that ignored Range: read past what passed.
        m_pending.clear();
        m_skip = m_passed;
    } else if (status == 206 && offset > 0) {
        const QByteArray range = m_reply->rawHeader("Content-Range");
        if (!range.startsWith(QByteArray("bytes " + QByteArray::number(offset) + '-'))) {
            discardReply();
            return fail(Error::make(Error::Code::BadResponse,
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
    if (!m_bodyStarted) {
        m_bodyStarted = true;
        Q_EMIT bodyStarted();
    }
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
    return std::min(available, m_blob.size - m_passed) + QIODevice::bytesAvailable();
}

bool BlobReader::atEnd() const
{
    return m_passed >= m_blob.size || (m_error.isError() && bytesAvailable() == 0);
}

qint64 BlobReader::readData(char *data, qint64 maxSize)
{
    // Never more than the descriptor says: an upload announced that length.
    const qint64 room = std::min(maxSize, m_blob.size - m_passed);
    if (room <= 0 || m_error.isError())
        return m_error.isError() || m_passed >= m_blob.size ? -1 : 0;
    qint64 n = 0;
    if (!m_pending.isEmpty()) {
        n = std::min<qint64>(room, m_pending.size());
        memcpy(data, m_pending.constData(), static_cast<size_t>(n));
        m_pending.remove(0, n);
    } else if (m_replyAccepted && m_reply && m_skip == 0) {
        n = m_reply->read(data, room);
        if (n < 0)
            n = 0;
    }
    if (n > 0) {
        m_hasher.addData(data, n);
        m_passed += n;
        Q_EMIT bytesPassedChanged(m_passed);
        if (m_passed == m_blob.size)
            QTimer::singleShot(0, this, &BlobReader::finishIfDone);
    } else if (m_sourceDone && m_passed < m_blob.size) {
        return -1;
    }
    return n;
}

void BlobReader::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_stopped)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const int redirects = reply->property("redirects").toInt();

    if (isRedirect(status)) {
        const QUrl from = reply->url();
        const QUrl next = from.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        discardReply();
        if (redirects >= MaxRedirects)
            return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: too many redirects").arg(subject())));
        // Storage hosts get no registry credentials; downgrades are refused.
        const auto decision = m_client->boundary().judge(CredentialBoundary::Hop::Redirect, from, next);
        if (!decision.follow)
            return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(subject(), decision.refusal)));
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
        const bool transient = status == 0 ? RetryPolicy::isRetryableNetworkError(code)
                                           : RetryPolicy::isRetryableStatus(status);
        if (transient && retryLater(retryAfter))
            return;
        if (status == 0)
            return fail(errorForNetworkFailure(code, errorString, {}, m_client->host()));
        return fail(errorForResponse(response, subject(), m_client->host()));
    }

    // The body ended, whole or broken off: keep what is buffered.
    dropSkippedBytes();
    const bool broken = reply->error() != QNetworkReply::NoError;
    const QString errorString = reply->errorString();
    const QNetworkReply::NetworkError code = reply->error();
    if (m_skip == 0)
        m_pending += reply->readAll();
    discardReply();
    const qint64 received = m_passed + m_pending.size();
    if (received > m_blob.size)
        return fail(Error::make(Error::Code::BadResponse,
            QStringLiteral("%1: the registry sent more than the %2 bytes the manifest gives").arg(subject()).arg(m_blob.size)));
    if (received < m_blob.size) {
        qCDebug(lcHttp).noquote() << subject() << "broke off at byte" << received << "of" << m_blob.size << "-"
                                  << (broken ? errorString : QStringLiteral("ended early"));
        if (resume()) {
            if (!m_pending.isEmpty())
                Q_EMIT readyRead();
            return;
        }
        if (broken)
            return fail(errorForNetworkFailure(code, errorString, {}, m_client->host()));
        return fail(Error::make(Error::Code::Unreachable,
            QStringLiteral("%1: the registry sent %2 of %3 bytes").arg(subject()).arg(received).arg(m_blob.size)));
    }
    m_sourceDone = true;
    if (!m_pending.isEmpty())
        Q_EMIT readyRead();
    finishIfDone();
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

Digest BlobReader::passedDigest()
{
    if (!m_passedDigest.isValid() && m_passed == m_blob.size)
        m_passedDigest = m_hasher.result();
    return m_passedDigest;
}

void BlobReader::finishIfDone()
{
    if (m_complete || m_error.isError() || m_passed < m_blob.size || !m_sourceDone)
        return;
    const Digest actual = passedDigest();
    if (actual != m_blob.digest)
        return fail(Error::make(Error::Code::BadResponse,
            QStringLiteral("%1: the registry sent bytes that hash to %2; nothing was tagged")
                .arg(subject(), actual.toString())));
    m_complete = true;
    Q_EMIT readChannelFinished();
    Q_EMIT completed();
}

void BlobReader::fail(const Error &error)
{
    if (m_error.isError() || m_complete || m_stopped)
        return;
    m_error = error;
    discardReply();
    qCDebug(lcHttp).noquote() << "blob read failed:" << error.message;
    Q_EMIT readChannelFinished();
    Q_EMIT failed(error);
}

} // namespace crossdock
