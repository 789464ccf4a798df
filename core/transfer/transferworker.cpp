// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/transferworker.h"

#include <QThread>

#include "core/registry/clientpool.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/transfer/bloblocationcache.h"
#include "core/transfer/copyimagejob.h"
#include "core/transfer/streamlimiter.h"
#include "core/transfer/transferengine.h"
#include "core/transports/imagereader.h"
#include "core/transports/imagewriter.h"
#include "core/transports/putblobjob.h"
#include "core/transports/transports.h"

#include <QNetworkAccessManager>

namespace crossdock {

TransferWorker::TransferWorker(int globalStreams, int streamsPerHost, const QString &blobLocationCache)
    : m_globalStreams(globalStreams)
    , m_streamsPerHost(streamsPerHost)
    , m_blobLocationCachePath(blobLocationCache)
{
}

TransferWorker::~TransferWorker()
{
    if (m_locations)
        m_locations->save();
}

void TransferWorker::startCopy(quint64 id, const CopyRequest &request)
{
    if (!m_network) {
        // Created here, in the engine's thread, on first use.
        m_network = new QNetworkAccessManager(this);
        m_clients = new ClientPool(m_network, this);
        m_limiter = new StreamLimiter(m_globalStreams, m_streamsPerHost, this);
        m_limiter->setLimit(StreamLimiter::RecompressKey, std::max(1, QThread::idealThreadCount()));
        m_locations = std::make_unique<BlobLocationCache>(m_blobLocationCachePath);
        m_progressTimer = new QTimer(this);
        m_progressTimer->setInterval(TransferEngine::ProgressIntervalMs);
        connect(m_progressTimer, &QTimer::timeout, this, &TransferWorker::flushProgress);
    }
    Error error;
    CopyImageJob *job = createJob(request, &error);
    if (!job) {
        // Reported from the event loop, like any job's end.
        QMetaObject::invokeMethod(this, [this, id, error] { Q_EMIT copyFinished(id, error, CopyResult()); },
            Qt::QueuedConnection);
        return;
    }
    m_copies.insert(id, job);
    m_pending.insert(id, {});
    connect(job, &Job::progress, this, [this, id](qint64 done, qint64 total) {
        Pending &p = m_pending[id];
        p.done = done;
        p.total = total;
        p.dirty = true;
    });
    connect(job, &CopyImageJob::blobProgress, this,
        [this, id](const Digest &digest, int state, qint64 done, qint64 total) {
            Pending &p = m_pending[id];
            const auto previous = p.blobs.value(digest.toString(), {-1, 0, 0});
            p.blobs.insert(digest.toString(), {state, done, total});
            p.dirty = true;
            if (std::get<0>(previous) != state)
                Q_EMIT copyBlobProgress(id, digest, state, done, total); // state changes are never coalesced away
        });
    connect(job, &Job::finished, this, [this, id, job] {
        flushProgress();
        m_pending.remove(id);
        m_copies.remove(id);
        // The whole file is written each time, so not after every copy of
        // a sync: when no copy runs, at most once a second, while copies
        // keep running every SaveIntervalMs; the destructor writes the
        // rest. What a killed process learnt since is a lost hint, no more.
        const qint64 interval = m_copies.isEmpty() ? 1000 : SaveIntervalMs;
        if (!m_lastSave.isValid() || m_lastSave.elapsed() >= interval) {
            m_locations->save();
            m_lastSave.start();
        }
        Q_EMIT copyFinished(id, job->error(), job->result());
        if (m_copies.isEmpty())
            m_progressTimer->stop();
    });
    m_progressTimer->start();
    job->start();
}

RegistryClient *TransferWorker::clientFor(
    const TransportReference &end, const TlsSettings &tls, const Credentials &credentials)
{
    if (!end.isRegistry())
        return nullptr;
    return m_clients->client(end.image().apiHost(), tls, credentials);
}

CopyImageJob *TransferWorker::createJob(const CopyRequest &request, Error *error)
{
    // The same client for both ends on one registry with the same
    // credentials: one token then covers pull on the source and push on the
    // destination, as cross-repository mounts need.
    RegistryClient *source = clientFor(request.source, request.sourceTls, request.sourceCredentials);
    RegistryClient *destination = clientFor(request.destination, request.destinationTls, request.destinationCredentials);
    if (source) {
        source->setRetryPolicy(request.retry);
        source->pacer().setRate(request.sourceRequestRate);
    }
    if (destination) {
        destination->setRetryPolicy(request.retry);
        if (destination != source) // one client for both ends keeps the source's pace
            destination->pacer().setRate(request.destinationRequestRate);
    }
    QString why;
    std::unique_ptr<ImageReader> reader = Transports::reader(request.source, source, &why);
    Transports::WriterOptions options;
    options.defaultName = Transports::defaultName(request.source);
    options.keepManifests = request.destinationKeepsManifests;
    options.locations = m_locations.get();
    options.additionalTags = request.additionalTags;
    std::unique_ptr<ImageWriter> writer = reader ? Transports::writer(request.destination, destination, options, &why) : nullptr;
    if (!reader) {
        *error = Error::make(Error::Code::InvalidInput, why);
        return nullptr;
    }
    if (!writer) {
        // A folder or file that cannot be written to is a local problem.
        *error = Error::make(request.destination.isRegistry() ? Error::Code::InvalidInput : Error::Code::Io, why);
        return nullptr;
    }
    auto *job = new CopyImageJob(reader.get(), writer.get(), request.options, m_limiter, &m_flights, this);
    job->setRetryPolicy(request.retry);
    job->setBlobLocationCache(m_locations.get());
    if (request.policy)
        job->setTrustPolicy(request.policy, request.policyReference.isValid() ? request.policyReference : request.source);
    job->setRegistryNames(request.source, request.destination);
    // They live and die with the copy.
    reader.release()->setParent(job);
    writer.release()->setParent(job);
    return job;
}

bool TransferWorker::isIdle() const
{
    if (!m_copies.isEmpty())
        return false;
    for (RegistryClient *client : m_clients ? m_clients->clients() : QList<RegistryClient *>())
        // Work left under a client outlives the copy that started it
        // (AbandonUploadJob, a session being deleted).
        if (!client->findChildren<Job *>(Qt::FindDirectChildrenOnly).isEmpty())
            return false;
    return true;
}

void TransferWorker::cancelCopy(quint64 id)
{
    if (Job *job = m_copies.value(id))
        job->cancel();
}

void TransferWorker::flushProgress()
{
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        Pending &p = it.value();
        if (!p.dirty)
            continue;
        p.dirty = false;
        Q_EMIT copyProgress(it.key(), p.done, p.total);
        for (auto b = p.blobs.begin(); b != p.blobs.end(); ++b) {
            const auto [state, done, total] = b.value();
            if (state == static_cast<int>(BlobState::Streaming))
                Q_EMIT copyBlobProgress(it.key(), Digest::parse(b.key()), state, done, total);
        }
    }
}

} // namespace crossdock
