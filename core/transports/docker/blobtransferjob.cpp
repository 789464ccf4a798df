// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/docker/blobtransferjob.h"

#include "core/base/logging.h"
#include "core/transports/blobstream.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"
#include "core/transfer/bloblocationcache.h"
#include "core/transports/docker/abandonuploadjob.h"
#include "core/transports/docker/uploadsegment.h"

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
    return QStringLiteral("%1 (%2 -> %3/%4)")
        .arg(isMade() ? QStringLiteral("a recompressed layer") : QStringLiteral("blob ") + m_blob.digest.toString(), from,
            m_destination->host(), m_destinationRepository);
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
    if (isMade())
        setWritten(m_made);
    if (m_locations)
        m_locations->record(isMade() ? m_made.digest : m_blob.digest, m_destination->host(), m_destinationRepository);
    setBytesStreamed(m_bytesStreamed);
    setState(state);
    emitSuccess();
}

void BlobTransferJob::doStart()
{
    if (isMade()) { // no digest to ask for yet: its bytes are made on the way
        m_mode = UploadMode::MadeChunks;
        setState(BlobState::Checking);
        return openSession();
    }
    checkDestination();
}

void BlobTransferJob::doCancel()
{
    setBytesStreamed(m_bytesStreamed);
    giveUpSession();
}

void BlobTransferJob::fail(const Error &error)
{
    if (isFinished())
        return;
    qCDebug(lcHttp).noquote() << "blob failed:" << error.message;
    setState(BlobState::Failed);
    setBytesStreamed(m_bytesStreamed);
    emitError(error);
    giveUpSession();
}

void BlobTransferJob::giveUpSession()
{
    RegistryCall *inFlight = m_call && !m_call->isFinished() ? m_call.data() : nullptr;
    m_call = nullptr;
    if (inFlight)
        inFlight->disconnect(this); // its answer is no longer this job's
    if (inFlight && !m_callTouchesSession) {
        inFlight->cancel(); // a HEAD
        inFlight = nullptr;
    }
    if (inFlight || m_session.isValid())
        AbandonUploadJob::start(m_destination, m_session, destinationScopes(), inFlight, m_segment);
    m_segment = nullptr;
    m_session = QUrl();
    stopReader();
}

void BlobTransferJob::checkDestination()
{
    setState(BlobState::Checking);
    RegistryRequest request;
    request.method = "HEAD";
    request.path = QStringLiteral("/v2/%1/blobs/%2").arg(m_destinationRepository, m_blob.digest.toString());
    request.scopes = destinationScopes();
    m_call = m_destination->call(request, this);
    m_callTouchesSession = false;
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
    m_callTouchesSession = false;
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
    m_callTouchesSession = true;
    connect(m_call, &Job::finished, this, [this, otherwise] {
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
    m_callTouchesSession = true;
    connect(m_call, &Job::finished, this, [this] {
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
    m_offset = 0;
    setState(BlobState::Streaming);
    if (m_mode != UploadMode::Chunks && !isMade() && m_blob.size <= SmallBlobLimit)
        return copySmallBlob();
    startReader();
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
    m_callTouchesSession = true;
    connect(m_call, &Job::finished, this, [this, size = body.size()] {
        if (m_call->error().isError())
            return fail(m_call->error());
        if (m_call->response().status == 413 && m_mode != UploadMode::Chunks)
            return restartAs(UploadMode::Chunks);
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

void BlobTransferJob::restartAs(UploadMode mode)
{
    if (mode == UploadMode::Chunks)
        qCDebug(lcHttp) << m_destination->host() << "refused a large request (413); uploading in chunks";
    else
        qCDebug(lcHttp) << m_destination->host() << "refused an upload segment; sending each blob in one request";
    giveUpSession();
    m_mode = mode;
    m_bytesStreamed = 0;
    m_committing = false;
    Q_EMIT progress(0, m_blob.size);
    openSession();
}

void BlobTransferJob::startReader()
{
    if (m_mode == UploadMode::Segments && !m_destination->acceptsUploadSegments())
        m_mode = UploadMode::OneRequest;
    m_reader = m_open(this);
    connect(m_reader, &BlobStream::failed, this, [this](const Error &error) { fail(error); });
    connect(m_reader, &BlobStream::bytesPassedChanged, this, [this](qint64 bytes) {
        m_bytesStreamed = bytes;
        Q_EMIT progress(bytes, m_blob.size);
    });
    // The first request only once the source answers with the body: piping
    // an error into a request that announced Content-Length would stall it.
    connect(m_reader, &BlobStream::bodyStarted, this, &BlobTransferJob::sendSegment);
    connect(m_reader, &BlobStream::completed, this, &BlobTransferJob::commitIfReady);
    if (isMade()) // a chunk goes once its bytes are made
        connect(m_reader, &QIODevice::readyRead, this, &BlobTransferJob::sendSegment);
    m_reader->start();
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

qint64 BlobTransferJob::segmentLimit() const
{
    switch (m_mode) {
    case UploadMode::Segments:
        return SegmentSize;
    case UploadMode::OneRequest:
        return m_blob.size;
    case UploadMode::MadeChunks:
        return std::max(MadeChunkSize, m_chunkMinimum);
    case UploadMode::Chunks:
        break;
    }
    return std::max(DefaultChunkSize, m_chunkMinimum);
}

void BlobTransferJob::sendSegment()
{
    if (isFinished() || m_segment || m_committing || !m_reader)
        return;
    qint64 length = 0;
    if (isMade()) {
        // A full chunk, or what is left once everything is made.
        const qint64 available = m_reader->bytesAvailable();
        if (available <= 0)
            return m_reader->isAllMade() ? commitIfReady() : void();
        if (available < segmentLimit() && !m_reader->isAllMade())
            return;
        length = std::min(segmentLimit(), available);
    } else {
        if (m_offset >= m_blob.size)
            return;
        length = std::min(segmentLimit(), m_blob.size - m_offset);
    }
    m_segment = new UploadSegment(m_reader, length, this);
    RegistryRequest patch;
    patch.method = "PATCH";
    patch.url = m_session;
    patch.urlHop = CredentialBoundary::Hop::UploadLocation;
    patch.scopes = destinationScopes();
    patch.headers = {{"Content-Type", "application/octet-stream"}};
    // The first segment as docker sends a whole blob (no range: the most
    // widely accepted form); the rest as the spec's chunks.
    if (m_offset > 0 || m_mode == UploadMode::Chunks || m_mode == UploadMode::MadeChunks)
        patch.headers.append({"Content-Range", QByteArray::number(m_offset) + '-' + QByteArray::number(m_offset + length - 1)});
    patch.bodyStream = m_segment;
    patch.bodyStreamLength = length;
    m_call = m_destination->call(patch, this);
    m_callTouchesSession = true;
    connect(m_call, &Job::finished, this, &BlobTransferJob::onSegmentAnswered);
    m_call->start();
}

void BlobTransferJob::onSegmentAnswered()
{
    if (m_call->error().isError())
        return fail(m_call->error());
    const HttpResponse &response = m_call->response();
    const bool ranged = m_offset > 0 || m_mode == UploadMode::Chunks || m_mode == UploadMode::MadeChunks;
    if (response.status == 202) {
        QUrl next;
        if (const Error refused = m_destination->uploadLocation(response, &next); refused.isError())
            return fail(refused);
        m_session = next;
        m_offset += m_segment->length();
        m_segment->deleteLater();
        m_segment = nullptr;
        if (isMade() || m_offset < m_blob.size)
            return sendSegment();
        return commitIfReady();
    }
    if (isMade()) // its bytes cannot be made again within this attempt
        return fail(errorForResponse(response, subject(), m_destination->host()));
    if (response.status == 413 && m_mode != UploadMode::Chunks)
        return restartAs(UploadMode::Chunks);
    // A registry that takes a blob in one request but not in chunks (some
    // cap ranged requests far below the segment size).
    if (ranged && m_mode == UploadMode::Segments && (response.status == 400 || response.status == 416)) {
        m_destination->refuseUploadSegments();
        return restartAs(UploadMode::OneRequest);
    }
    fail(errorForResponse(response, subject(), m_destination->host()));
}

void BlobTransferJob::commitIfReady()
{
    if (isFinished() || m_committing || m_segment || !m_reader || !m_reader->isComplete())
        return;
    if (m_offset < (isMade() ? m_reader->blob().size : m_blob.size))
        return;
    // The reader checked size and digest: only now may the registry store it.
    m_committing = true;
    if (isMade())
        m_made = m_reader->blob();
    setState(BlobState::Verifying);
    RegistryRequest put;
    put.method = "PUT";
    put.url = m_session;
    put.urlHop = CredentialBoundary::Hop::UploadLocation;
    QUrlQuery query(m_session);
    query.addQueryItem(QStringLiteral("digest"), (isMade() ? m_made.digest : m_blob.digest).toString());
    put.url.setQuery(query);
    put.scopes = destinationScopes();
    put.headers = {{"Content-Type", "application/octet-stream"}};
    m_call = m_destination->call(put, this);
    m_callTouchesSession = true;
    connect(m_call, &Job::finished, this, [this] {
        if (m_call->error().isError())
            return fail(m_call->error());
        if (m_call->response().status != 201)
            return fail(errorForResponse(m_call->response(), subject(), m_destination->host()));
        m_session = QUrl(); // committed
        stopReader();
        succeedAs(BlobState::Streamed);
    });
    m_call->start();
}

} // namespace crossdock
