#include "core/transports/docker/blobtransferjob.h"

#include "core/base/logging.h"
#include "core/net/lowdelay.h"
#include "core/net/replyutil.h"
#include "core/transports/blobstream.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"
#include "core/transfer/bloblocationcache.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace crossdock {

BlobTransferJob::BlobTransferJob(const Descriptor &blob, BlobOpener open, const RegistryOrigin &origin,
    RegistryClient *destination, const QString &destinationRepository, BlobLocationCache *locations, QObject *parent)
    : PutBlobJob(blob, parent)
    , m_open(std::move(open))
    , m_origin(origin)
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
    const QString from = m_origin.isValid() ? m_origin.client->host() + QLatin1Char('/') + m_origin.repository
                                            : QStringLiteral("the source");
    return QStringLiteral("blob %1 (%2 -> %3/%4)")
        .arg(m_blob.digest.toString(), from, m_destination->host(), m_destinationRepository);
}

QStringList BlobTransferJob::destinationScopes(const QString &mountFrom) const
{
    QStringList scopes{QStringLiteral("repository:%1:pull,push").arg(m_destinationRepository)};
    // A cross-repository mount needs pull on the repository mounted from,
    // in the same token.
    const QString from = !mountFrom.isEmpty() ? mountFrom : (sameRegistry() ? m_origin.repository : QString());
    if (!from.isEmpty() && from != m_destinationRepository)
        scopes.prepend(QStringLiteral("repository:%1:pull").arg(from));
    return scopes;
}

void BlobTransferJob::succeedAs(BlobState state)
{
    if (m_locations)
        m_locations->record(m_blob.digest, m_destination->host(), m_destinationRepository);
    setBytesStreamed(m_bytesStreamed);
    setState(state);
    emitSuccess();
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
    discardReply(m_put, this);
    stopReader();
    if (!isFinished() && m_session.isValid())
        deleteSession();
}

void BlobTransferJob::fail(const Error &error)
{
    if (isFinished())
        return;
    qCDebug(lcHttp).noquote() << "blob failed:" << error.message;
    setState(BlobState::Failed);
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
    setState(BlobState::Checking);
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
            return succeedAs(BlobState::Skipped);
        if (response.status != 404)
            return fail(errorForResponse(response, subject(), m_destination->host()));
        if (m_locations) {
            if (m_origin.isValid())
                m_locations->record(m_blob.digest, m_origin.client->host(), m_origin.repository);
            QStringList known = m_locations->repositoriesOn(m_blob.digest, m_destination->host());
            known.removeAll(m_destinationRepository);
            if (sameRegistry())
                known.removeAll(m_origin.repository); // mountOrOpenSession tries it
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
    if (!sameRegistry() || m_origin.repository == m_destinationRepository)
        return openSession();
    mountFrom(m_origin.repository, [this] { openSession(); });
}

void BlobTransferJob::mountFrom(const QString &repository, std::function<void()> otherwise)
{
    setState(BlobState::Mounting);
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
            return succeedAs(BlobState::Mounted);
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
    setState(BlobState::Streaming);
    if (!m_chunked && m_blob.size >= 0 && m_blob.size <= SmallBlobLimit)
        return copySmallBlob();
    if (m_chunked) {
        m_chunk.clear();
        m_chunkOffset = 0;
    }
    startReader();
}

void BlobTransferJob::startReader()
{
    m_reader = m_open(this);
    connect(m_reader, &BlobStream::failed, this, [this](const Error &error) { fail(error); });
    if (m_chunked) {
        connect(m_reader, &QIODevice::readyRead, this, &BlobTransferJob::pumpChunks);
        connect(m_reader, &BlobStream::completed, this, &BlobTransferJob::pumpChunks);
    } else {
        connect(m_reader, &BlobStream::bytesPassedChanged, this, [this](qint64 bytes) {
            m_bytesStreamed = bytes;
            Q_EMIT progress(bytes, m_blob.size);
        });
        // Start the upload only once the source answers with the body:
        // piping an error into a PUT that announced Content-Length would stall it.
        connect(m_reader, &BlobStream::bodyStarted, this, &BlobTransferJob::putUpload);
    }
    m_reader->start();
}

void BlobTransferJob::copySmallBlob()
{
    // Read whole (bounded by SmallBlobLimit), then one PUT: two plain
    // requests beat a streaming pipe for configs and small layers.
    m_reader = m_open(this);
    connect(m_reader, &BlobStream::failed, this, [this](const Error &error) { fail(error); });
    connect(m_reader, &QIODevice::readyRead, this, [this] { m_small += m_reader->readAll(); });
    connect(m_reader, &BlobStream::completed, this, [this] {
        m_small += m_reader->readAll();
        setState(BlobState::Verifying);
        putSmallBlob();
    });
    m_reader->start();
}

void BlobTransferJob::putSmallBlob()
{
    const QByteArray body = std::exchange(m_small, {});
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
        succeedAs(BlobState::Streamed);
    });
    m_call->start();
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
    discardReply(m_put, this);
    stopReader();
    if (m_session.isValid())
        deleteSession();
    m_chunked = true;
    m_bytesStreamed = 0;
    openSession();
}

void BlobTransferJob::stopReader()
{
    if (!m_reader)
        return;
    m_reader->disconnect(this);
    m_reader->stop();
    m_reader->deleteLater();
    m_reader = nullptr;
}

void BlobTransferJob::pumpChunks()
{
    if (isFinished() || m_chunkInFlight || !m_reader)
        return;
    // Bounded memory: one chunk (plus the reader's buffer) at a time.
    const qint64 chunkSize = std::max(DefaultChunkSize, m_chunkMinimum);
    const qint64 room = chunkSize - m_chunk.size();
    if (room > 0 && m_reader->bytesAvailable() > 0)
        m_chunk += m_reader->read(room);
    const bool allRead = m_reader->bytesPassed() == m_blob.size;
    if (m_chunk.size() >= chunkSize || (allRead && !m_chunk.isEmpty()))
        return sendChunk();
    // Committed only once the reader has checked the digest.
    if (allRead && m_reader->isComplete())
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
    setState(BlobState::Verifying);
    if (m_chunkOffset != m_blob.size)
        return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2 bytes sent, the manifest says %3")
                                                              .arg(subject())
                                                              .arg(m_chunkOffset)
                                                              .arg(m_blob.size)));
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
        succeedAs(BlobState::Streamed);
    });
    m_call->start();
}

void BlobTransferJob::putUpload()
{
    m_destination->authorize(destinationScopes(), false, this, [this](const QByteArray &authorization, const Error &error) {
        if (error.isError())
            return fail(error);
        if (!m_reader)
            return;
        QUrl url = m_session;
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("digest"), m_blob.digest.toString());
        url.setQuery(query);
        // Credentials only if the session is on the registry itself.
        QNetworkRequest request = m_destination->newRequest(url, authorization);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/octet-stream"));
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_blob.size);
        // Without this Qt buffers the whole body in memory before sending.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        m_put = m_destination->network()->put(request, m_reader);
        disableNagleWhenConnecting(m_put);
        connect(m_put, &QNetworkReply::finished, this, &BlobTransferJob::onUploadFinished);
    });
}

void BlobTransferJob::onUploadFinished()
{
    QNetworkReply *put = m_put;
    put->deleteLater();
    const int status = put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    setState(BlobState::Verifying);
    if (m_reader->bytesPassed() == m_blob.size && m_reader->passedDigest() != m_blob.digest) {
        return fail(Error::make(Error::Code::BadResponse,
                                QStringLiteral("%1: source sent bytes that hash to %2; nothing was tagged")
                                    .arg(subject(), m_reader->passedDigest().toString())));
    }
    if (m_reader->error().isError())
        return fail(m_reader->error());
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
    if (m_reader->bytesPassed() != m_blob.size) {
        return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2 bytes passed, the manifest says %3")
                                                              .arg(subject())
                                                              .arg(m_reader->bytesPassed())
                                                              .arg(m_blob.size)));
    }
    m_session = QUrl(); // committed
    stopReader();
    succeedAs(BlobState::Streamed);
}

} // namespace crossdock
