#include "blobtransferjob.h"

#include "bloblocationcache.h"
#include "blobpipe.h"
#include "logging.h"
#include "lowdelay.h"
#include "registrycall.h"
#include "registryclient.h"
#include "registryerrors.h"
#include "replyutil.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace crossdock {

BlobTransferJob::BlobTransferJob(RegistryClient *source, const QString &sourceRepository, RegistryClient *destination,
                                 const QString &destinationRepository, const Descriptor &blob, BlobLocationCache *locations,
                                 QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_sourceRepository(sourceRepository)
    , m_destination(destination)
    , m_destinationRepository(destinationRepository)
    , m_blob(blob)
    , m_locations(locations)
{
}

BlobTransferJob::~BlobTransferJob()
{
    doCancel();
}

QString BlobTransferJob::subject() const
{
    return QStringLiteral("blob %1 (%2/%3 -> %4/%5)")
        .arg(m_blob.digest.toString(), m_source->host(), m_sourceRepository, m_destination->host(), m_destinationRepository);
}

QStringList BlobTransferJob::destinationScopes(const QString &mountFrom) const
{
    QStringList scopes{QStringLiteral("repository:%1:pull,push").arg(m_destinationRepository)};
    // A cross-repository mount needs pull on the repository mounted from,
    // in the same token.
    const QString from = !mountFrom.isEmpty() ? mountFrom : (sameRegistry() ? m_sourceRepository : QString());
    if (!from.isEmpty() && from != m_destinationRepository)
        scopes.prepend(QStringLiteral("repository:%1:pull").arg(from));
    return scopes;
}

void BlobTransferJob::succeedAs(State state)
{
    if (m_locations)
        m_locations->record(m_blob.digest, m_destination->host(), m_destinationRepository);
    setState(state);
    emitSuccess();
}

void BlobTransferJob::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void BlobTransferJob::doStart()
{
    checkDestination();
}

void BlobTransferJob::doCancel()
{
    if (m_call && m_openingSession)
        abandonSessionBeingOpened();
    else if (m_call)
        m_call->cancel();
    for (QNetworkReply *reply : {m_get.data(), m_put.data()})
        discardReply(reply, this);
    if (!isFinished() && m_session.isValid())
        deleteSession();
}

void BlobTransferJob::fail(const Error &error)
{
    if (isFinished())
        return;
    qCDebug(lcHttp).noquote() << "blob failed:" << error.message;
    setState(State::Failed);
    emitError(error);
    doCancel();
    if (m_session.isValid())
        deleteSession();
}

void BlobTransferJob::deleteSession()
{
    deleteUploadSession(m_destination, m_session, destinationScopes());
    m_session = QUrl();
}

void BlobTransferJob::deleteUploadSession(RegistryClient *client, const QUrl &session, const QStringList &scopes)
{
    // Best effort: an abandoned session would otherwise linger until the
    // registry purges it. Its result does not change the job's.
    RegistryRequest request;
    request.method = "DELETE";
    request.url = session;
    request.urlHop = CredentialBoundary::Hop::UploadLocation;
    request.scopes = scopes;
    RegistryCall *call = client->call(request, client);
    call->start();
}

void BlobTransferJob::abandonSessionBeingOpened()
{
    RegistryCall *opening = m_call;
    m_call = nullptr;
    opening->disconnect(this);
    opening->setParent(m_destination); // outlives this job
    connect(opening, &Job::finished, m_destination, [client = m_destination, opening, scopes = destinationScopes()] {
        const HttpResponse &response = opening->response();
        QUrl session;
        if (!opening->error().isError() && response.status == 202 && !client->uploadLocation(response, &session).isError())
            deleteUploadSession(client, session, scopes);
    });
}

void BlobTransferJob::checkDestination()
{
    setState(State::Checking);
    RegistryRequest request;
    request.method = "HEAD";
    request.path = QStringLiteral("/v2/%1/blobs/%2").arg(m_destinationRepository, m_blob.digest.toString());
    request.scopes = destinationScopes();
    m_call = m_destination->call(request, this);
    connect(m_call, &Job::finished, this, [this] {
        if (m_call->error().isError())
            return fail(m_call->error());
        const HttpResponse &response = m_call->response();
        if (response.status == 200)
            return succeedAs(State::Skipped);
        if (response.status != 404)
            return fail(errorForResponse(response, subject(), m_destination->host()));
        if (m_locations) {
            m_locations->record(m_blob.digest, m_source->host(), m_sourceRepository);
            QStringList known = m_locations->repositoriesOn(m_blob.digest, m_destination->host());
            known.removeAll(m_destinationRepository);
            if (sameRegistry())
                known.removeAll(m_sourceRepository); // mountOrOpenSession tries it
            if (!known.isEmpty())
                return tryKnownLocations(known.mid(0, 3));
        }
        mountOrOpenSession();
    });
    m_call->start();
}

void BlobTransferJob::tryKnownLocations(QStringList candidates)
{
    if (candidates.isEmpty())
        return mountOrOpenSession();
    const QString repository = candidates.takeFirst();
    // HEAD first: the cache may be stale, or our credentials may not reach it.
    RegistryRequest head;
    head.method = "HEAD";
    head.path = QStringLiteral("/v2/%1/blobs/%2").arg(repository, m_blob.digest.toString());
    head.scopes = destinationScopes(repository);
    m_call = m_destination->call(head, this);
    connect(m_call, &Job::finished, this, [this, repository, candidates] {
        if (m_call->error().isError())
            return fail(m_call->error());
        if (m_call->response().status != 200) {
            m_locations->forget(m_blob.digest, m_destination->host(), repository);
            return tryKnownLocations(candidates);
        }
        mountFrom(repository, [this, candidates] { tryKnownLocations(candidates); });
    });
    m_call->start();
}

void BlobTransferJob::mountOrOpenSession()
{
    if (!sameRegistry() || m_sourceRepository == m_destinationRepository)
        return openSession();
    mountFrom(m_sourceRepository, [this] { openSession(); });
}

void BlobTransferJob::mountFrom(const QString &repository, std::function<void()> otherwise)
{
    setState(State::Mounting);
    RegistryRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/v2/%1/blobs/uploads/").arg(m_destinationRepository);
    request.query.addQueryItem(QStringLiteral("mount"), m_blob.digest.toString());
    request.query.addQueryItem(QStringLiteral("from"), repository);
    request.scopes = destinationScopes(repository);
    m_call = m_destination->call(request, this);
    m_openingSession = true;
    connect(m_call, &Job::finished, this, [this, otherwise] {
        m_openingSession = false;
        if (m_call->error().isError())
            return fail(m_call->error());
        const HttpResponse &response = m_call->response();
        if (response.status == 201)
            return succeedAs(State::Mounted);
        if (response.status == 202) {
            // Mount refused; the registry opened a normal upload session instead.
            qCDebug(lcHttp) << "mount refused for" << m_blob.digest.toString() << "- streaming";
            return onSessionAnswer(response);
        }
        // Some registries answer a refused mount with an error (403, 404):
        // carry on without it.
        qCDebug(lcHttp) << "mount answered" << response.status << "for" << m_blob.digest.toString();
        otherwise();
    });
    m_call->start();
}

void BlobTransferJob::openSession()
{
    RegistryRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/v2/%1/blobs/uploads/").arg(m_destinationRepository);
    request.scopes = destinationScopes();
    m_call = m_destination->call(request, this);
    m_openingSession = true;
    connect(m_call, &Job::finished, this, [this] {
        m_openingSession = false;
        if (m_call->error().isError())
            return fail(m_call->error());
        const HttpResponse &response = m_call->response();
        if (response.status != 202 || response.header("Location").isEmpty())
            return fail(errorForResponse(response, subject(), m_destination->host()));
        onSessionAnswer(response);
    });
    m_call->start();
}

void BlobTransferJob::onSessionAnswer(const HttpResponse &response)
{
    QUrl location;
    if (const Error refused = m_destination->uploadLocation(response, &location); refused.isError()) {
        // Nothing was sent there; the registry's own session is abandoned.
        m_session = QUrl();
        return fail(refused);
    }
    readChunkMinimum(response);
    onSessionOpened(location);
}

void BlobTransferJob::onSessionOpened(const QUrl &location)
{
    m_session = location;
    setState(State::Streaming);
    if (!m_chunked && m_blob.size >= 0 && m_blob.size <= SmallBlobLimit)
        return copySmallBlob();
    if (m_chunked) {
        m_chunk.clear();
        m_chunkOffset = 0;
        m_chunkHasher = std::make_unique<DigestHasher>(m_blob.digest.algorithm());
    }
    m_source->ensureReady(this, [this](const Error &error) {
        if (error.isError())
            return fail(error);
        m_source->authorize({QStringLiteral("repository:%1:pull").arg(m_sourceRepository)}, false, this,
                            [this](const QByteArray &authorization, const Error &authError) {
                                if (authError.isError())
                                    return fail(authError);
                                m_sourceAuthorization = authorization;
                                getSource(m_source->urlFor(QStringLiteral("/v2/%1/blobs/%2").arg(m_sourceRepository, m_blob.digest.toString())),
                                          0);
                            });
    });
}

void BlobTransferJob::copySmallBlob()
{
    RegistryRequest get;
    get.path = QStringLiteral("/v2/%1/blobs/%2").arg(m_sourceRepository, m_blob.digest.toString());
    get.scopes = {QStringLiteral("repository:%1:pull").arg(m_sourceRepository)};
    get.maxBodyBytes = m_blob.size;
    m_call = m_source->call(get, this);
    connect(m_call, &Job::finished, this, [this] {
        if (m_call->error().isError())
            return fail(m_call->error());
        const HttpResponse &response = m_call->response();
        if (response.status != 200)
            return fail(errorForResponse(response, subject(), m_source->host()));
        setState(State::Verifying);
        DigestHasher hasher(m_blob.digest.algorithm());
        hasher.addData(response.body);
        const Digest actual = hasher.result();
        if (actual != m_blob.digest || response.body.size() != m_blob.size) {
            return fail(Error::make(Error::Code::BadResponse,
                                    QStringLiteral("%1: source sent %2 bytes that hash to %3; nothing was tagged")
                                        .arg(subject())
                                        .arg(response.body.size())
                                        .arg(actual.toString())));
        }
        const QByteArray body = response.body;
        RegistryRequest put;
        put.method = "PUT";
        put.url = m_session;
        put.urlHop = CredentialBoundary::Hop::UploadLocation;
        put.query = QUrlQuery(m_session);
        put.query.addQueryItem(QStringLiteral("digest"), m_blob.digest.toString());
        put.url.setQuery(put.query);
        put.scopes = destinationScopes();
        put.headers = {{"Content-Type", "application/octet-stream"}};
        put.body = body;
        m_call = m_destination->call(put, this);
        connect(m_call, &Job::finished, this, [this, size = body.size()] {
            if (m_call->error().isError())
                return fail(m_call->error());
            if (m_call->response().status == 413 && !m_chunked)
                return switchToChunked();
            if (m_call->response().status != 201)
                return fail(errorForResponse(m_call->response(), subject(), m_destination->host()));
            m_session = QUrl(); // committed
            m_bytesStreamed = size;
            Q_EMIT progress(size, size);
            succeedAs(State::Streamed);
        });
        m_call->start();
    });
    m_call->start();
}

void BlobTransferJob::getSource(const QUrl &url, int redirects)
{
    m_redirects = redirects;
    m_sourceUrl = url;
    m_get = m_source->network()->get(m_source->newRequest(url, m_sourceAuthorization));
    disableNagleWhenConnecting(m_get);
    // Backpressure: Qt stops reading the socket when this buffer is full.
    m_get->setReadBufferSize(SourceReadBuffer);
    connect(m_get, &QNetworkReply::metaDataChanged, this, &BlobTransferJob::onSourceHeaders);
    connect(m_get, &QNetworkReply::finished, this, &BlobTransferJob::onSourceFinished);
}

void BlobTransferJob::onSourceHeaders()
{
    const int status = m_get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Start the upload only once the source has answered 200: piping an
    // error body into a PUT that announced Content-Length would stall it.
    if (status != 200)
        return;
    if (m_chunked) {
        connect(m_get, &QNetworkReply::readyRead, this, &BlobTransferJob::pumpChunks, Qt::UniqueConnection);
        return;
    }
    if (!m_put)
        putUpload();
}

void BlobTransferJob::onSourceFinished()
{
    QNetworkReply *get = m_get;
    const int status = get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400) {
        get->deleteLater();
        const QUrl next = get->url().resolved(QUrl::fromEncoded(get->rawHeader("Location")));
        if (m_redirects >= MaxRedirects)
            return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: too many redirects").arg(subject())));
        // Storage hosts (S3, CDN) get no registry credentials (newRequest
        // drops them); a downgrade to plain http is refused.
        const auto decision = m_source->boundary().judge(CredentialBoundary::Hop::Redirect, get->url(), next);
        if (!decision.follow)
            return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(subject(), decision.refusal)));
        return getSource(next, m_redirects + 1);
    }
    const bool expected = status == 200 || (status == 206 && m_resumes > 0); // 206: a resumed range
    if (!expected) {
        HttpResponse response;
        response.status = status;
        response.body = get->read(RegistryCall::MaxErrorBody);
        get->deleteLater();
        if (status == 0)
            return fail(errorForNetworkFailure(get->error(), get->errorString(), {}, m_source->host()));
        return fail(errorForResponse(response, subject(), m_source->host()));
    }
    if (get->error() != QNetworkReply::NoError) {
        // Broken mid-stream: resume if the upload is under way, else fail
        // (the copy restarts the blob).
        if (m_put && m_pipe && resumeSource())
            return;
        return fail(errorForNetworkFailure(get->error(), get->errorString(), {}, m_source->host()));
    }
    // Success: the pipe (or the chunk pump) drains what is left; the upload's end decides.
    if (m_chunked)
        pumpChunks();
}

void BlobTransferJob::readChunkMinimum(const HttpResponse &response)
{
    const qint64 minimum = response.header("OCI-Chunk-Min-Length").toLongLong();
    if (minimum > 0)
        m_chunkMinimum = minimum;
}

void BlobTransferJob::switchToChunked()
{
    qCDebug(lcHttp) << m_destination->host() << "refused a monolithic upload (413); using chunked PATCH uploads";
    for (QNetworkReply *reply : {m_get.data(), m_put.data()})
        discardReply(reply, this);
    if (m_pipe)
        m_pipe->deleteLater();
    if (m_session.isValid())
        deleteSession();
    m_chunked = true;
    m_bytesStreamed = 0;
    openSession();
}

void BlobTransferJob::pumpChunks()
{
    if (isFinished() || m_chunkInFlight || !m_get)
        return;
    // Bounded memory: one chunk (plus the source's read buffer) at a time.
    const qint64 chunkSize = std::max(DefaultChunkSize, m_chunkMinimum);
    const qint64 room = chunkSize - m_chunk.size();
    if (room > 0 && m_get->bytesAvailable() > 0) {
        const QByteArray data = m_get->read(room);
        m_chunkHasher->addData(data);
        m_chunk += data;
    }
    const bool sourceDone = m_get->isFinished() && m_get->bytesAvailable() == 0;
    if (m_chunk.size() >= chunkSize || (sourceDone && !m_chunk.isEmpty()))
        return sendChunk();
    if (sourceDone)
        commitChunkedUpload();
}

void BlobTransferJob::sendChunk()
{
    m_chunkInFlight = true;
    RegistryRequest patch;
    patch.method = "PATCH";
    patch.url = m_session;
    patch.urlHop = CredentialBoundary::Hop::UploadLocation;
    patch.scopes = destinationScopes();
    patch.headers = {{"Content-Type", "application/octet-stream"},
                     {"Content-Range", QByteArray::number(m_chunkOffset) + '-' + QByteArray::number(m_chunkOffset + m_chunk.size() - 1)}};
    patch.body = m_chunk;
    m_call = m_destination->call(patch, this);
    connect(m_call, &Job::finished, this, [this] {
        m_chunkInFlight = false;
        if (m_call->error().isError())
            return fail(m_call->error());
        const HttpResponse &response = m_call->response();
        if (response.status != 202 || response.header("Location").isEmpty())
            return fail(errorForResponse(response, subject(), m_destination->host()));
        QUrl next;
        if (const Error refused = m_destination->uploadLocation(response, &next); refused.isError())
            return fail(refused);
        m_session = next;
        m_chunkOffset += m_chunk.size();
        m_chunk.clear();
        m_bytesStreamed = m_chunkOffset;
        Q_EMIT progress(m_chunkOffset, m_blob.size);
        pumpChunks();
    });
    m_call->start();
}

void BlobTransferJob::commitChunkedUpload()
{
    setState(State::Verifying);
    const Digest actual = m_chunkHasher->result();
    if (actual != m_blob.digest || m_chunkOffset != m_blob.size)
        return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: source sent %2 bytes that hash to %3; nothing was tagged")
                                                              .arg(subject())
                                                              .arg(m_chunkOffset)
                                                              .arg(actual.toString())));
    RegistryRequest put;
    put.method = "PUT";
    put.url = m_session;
    put.urlHop = CredentialBoundary::Hop::UploadLocation;
    QUrlQuery query(m_session);
    query.addQueryItem(QStringLiteral("digest"), m_blob.digest.toString());
    put.url.setQuery(query);
    put.scopes = destinationScopes();
    put.headers = {{"Content-Type", "application/octet-stream"}};
    m_call = m_destination->call(put, this);
    connect(m_call, &Job::finished, this, [this] {
        if (m_call->error().isError())
            return fail(m_call->error());
        if (m_call->response().status != 201)
            return fail(errorForResponse(m_call->response(), subject(), m_destination->host()));
        m_session = QUrl(); // committed
        succeedAs(State::Streamed);
    });
    m_call->start();
}

bool BlobTransferJob::resumeSource()
{
    if (m_resumes + 1 >= m_source->retryPolicy().maxAttempts)
        return false;
    ++m_resumes;
    const qint64 offset = m_pipe->bytesReceived();
    qCDebug(lcHttp) << "resuming" << m_blob.digest.toString() << "at byte" << offset;
    QNetworkRequest request = m_source->newRequest(m_sourceUrl, m_sourceAuthorization);
    request.setRawHeader("Range", QByteArray("bytes=" + QByteArray::number(offset) + '-'));
    QNetworkReply *get = m_source->network()->get(request);
    get->setReadBufferSize(SourceReadBuffer);
    m_get = get;
    connect(get, &QNetworkReply::metaDataChanged, this, [this, get, offset] {
        const int status = get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray range = get->rawHeader("Content-Range");
        // Only the exact rest will do; anything else restarts the blob.
        if (status != 206 || !range.startsWith(QByteArray("bytes " + QByteArray::number(offset) + '-'))) {
            get->disconnect(this);
            get->abort();
            fail(Error::make(Error::Code::Unreachable,
                             QStringLiteral("%1: the source broke off and cannot resume (HTTP %2)").arg(subject()).arg(status)));
        }
    });
    connect(get, &QNetworkReply::finished, this, &BlobTransferJob::onSourceFinished);
    m_pipe->appendSource(get);
    return true;
}

void BlobTransferJob::putUpload()
{
    m_pipe = new BlobPipe(m_get, m_blob.size, m_blob.digest.algorithm(), this);
    connect(m_pipe, &BlobPipe::bytesPassedChanged, this, [this](qint64 bytes) {
        m_bytesStreamed = bytes;
        Q_EMIT progress(bytes, m_blob.size);
    });
    m_destination->authorize(destinationScopes(), false, this, [this](const QByteArray &authorization, const Error &error) {
        if (error.isError())
            return fail(error);
        QUrl url = m_session;
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("digest"), m_blob.digest.toString());
        url.setQuery(query);
        QNetworkRequest request = m_destination->newRequest(url, authorization);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/octet-stream"));
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_blob.size);
        // Without this Qt buffers the whole body in memory before sending.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        m_put = m_destination->network()->put(request, m_pipe);
        disableNagleWhenConnecting(m_put);
        connect(m_put, &QNetworkReply::finished, this, &BlobTransferJob::onUploadFinished);
    });
}

void BlobTransferJob::onUploadFinished()
{
    QNetworkReply *put = m_put;
    put->deleteLater();
    const int status = put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    setState(State::Verifying);
    if (m_pipe->bytesPassed() == m_blob.size && m_pipe->digest() != m_blob.digest) {
        return fail(Error::make(Error::Code::BadResponse,
                                QStringLiteral("%1: source sent bytes that hash to %2; nothing was tagged")
                                    .arg(subject(), m_pipe->digest().toString())));
    }
    if (status == 0)
        return fail(errorForNetworkFailure(put->error(), put->errorString(), {}, m_destination->host()));
    if (status == 413 && !m_chunked)
        return switchToChunked();
    if (status != 201) {
        HttpResponse response;
        response.status = status;
        response.body = put->read(RegistryCall::MaxErrorBody);
        return fail(errorForResponse(response, subject(), m_destination->host()));
    }
    if (m_pipe->bytesPassed() != m_blob.size) {
        return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2 bytes passed, the manifest says %3")
                                                              .arg(subject())
                                                              .arg(m_pipe->bytesPassed())
                                                              .arg(m_blob.size)));
    }
    m_session = QUrl(); // committed
    succeedAs(State::Streamed);
}

} // namespace crossdock
