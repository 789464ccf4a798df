#include "core/transfer/transferworker.h"

#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/transfer/bloblocationcache.h"
#include "core/transfer/blobtransferjob.h"
#include "core/transfer/copyimagejob.h"
#include "core/transfer/pulltolayoutjob.h"
#include "core/transfer/pushfromlayoutjob.h"
#include "core/transfer/streamlimiter.h"
#include "core/transfer/transferengine.h"

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
        m_limiter = new StreamLimiter(m_globalStreams, m_streamsPerHost, this);
        m_locations = std::make_unique<BlobLocationCache>(m_blobLocationCachePath);
        m_progressTimer = new QTimer(this);
        m_progressTimer->setInterval(TransferEngine::ProgressIntervalMs);
        connect(m_progressTimer, &QTimer::timeout, this, &TransferWorker::flushProgress);
    }
    std::function<CopyResult()> result;
    Job *job = createJob(request, &result);
    m_copies.insert(id, job);
    m_pending.insert(id, {});
    connect(job, &Job::progress, this, [this, id](qint64 done, qint64 total) {
        Pending &p = m_pending[id];
        p.done = done;
        p.total = total;
        p.dirty = true;
    });
    if (auto *imageJob = qobject_cast<CopyImageJob *>(job))
        connect(imageJob, &CopyImageJob::blobProgress, this,
            [this, id](const Digest &digest, int state, qint64 done, qint64 total) {
                Pending &p = m_pending[id];
                const auto previous = p.blobs.value(digest.toString(), {-1, 0, 0});
                p.blobs.insert(digest.toString(), {state, done, total});
                p.dirty = true;
                if (std::get<0>(previous) != state)
                    Q_EMIT copyBlobProgress(id, digest, state, done, total); // state changes are never coalesced away
            });
    connect(job, &Job::finished, this, [this, id, job, result] {
        flushProgress();
        m_pending.remove(id);
        m_copies.remove(id);
        m_locations->save(); // small; an interrupted process then loses nothing learnt
        Q_EMIT copyFinished(id, job->error(), result());
        if (m_copies.isEmpty())
            m_progressTimer->stop();
    });
    m_progressTimer->start();
    job->start();
}

Job *TransferWorker::createJob(const CopyRequest &request, std::function<CopyResult()> *result)
{
    if (!request.sourceLayout.isEmpty()) {
        RegistryClient *destination
            = clientFor(request.destination.apiHost(), request.destinationTls, request.destinationCredentials);
        destination->setRetryPolicy(request.retry);
        destination->pacer().setRate(request.destinationRequestRate);
        auto *job = new PushFromLayoutJob(
            request.sourceLayout, request.sourceLayoutReference, destination, request.destination, this);
        *result = [job] { return job->result(); };
        return job;
    }
    RegistryClient *source = clientFor(request.source.apiHost(), request.sourceTls, request.sourceCredentials);
    source->setRetryPolicy(request.retry);
    source->pacer().setRate(request.sourceRequestRate);
    if (!request.destinationLayout.isEmpty()) {
        auto *job = new PullToLayoutJob(
            source, request.source, request.destinationLayout, request.destinationLayoutReference, this);
        *result = [job] { return job->result(); };
        return job;
    }
    // The same client for both ends on one registry with the same
    // credentials: one token then covers pull on the source and push on the
    // destination, as cross-repository mounts need.
    RegistryClient *destination
        = clientFor(request.destination.apiHost(), request.destinationTls, request.destinationCredentials);
    destination->setRetryPolicy(request.retry);
    if (destination != source) // one client for both ends keeps the source's pace
        destination->pacer().setRate(request.destinationRequestRate);
    auto *job = new CopyImageJob(source, request.source, destination, request.destination, request.options, m_limiter,
        m_locations.get(), this, &m_flights);
    *result = [job] { return job->result(); };
    return job;
}

RegistryClient *TransferWorker::clientFor(const QString &host, const TlsSettings &tls, const Credentials &credentials)
{
    RegistryClient *&client = m_clients[RegistryClient::poolKey(host, tls, credentials)];
    if (!client)
        client = new RegistryClient(host, tls, credentials, m_network, this);
    return client;
}

bool TransferWorker::isIdle() const
{
    if (!m_copies.isEmpty())
        return false;
    for (RegistryClient *client : m_clients)
        if (!client->findChildren<RegistryCall *>(Qt::FindDirectChildrenOnly).isEmpty())
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
            if (state == static_cast<int>(BlobTransferJob::State::Streaming))
                Q_EMIT copyBlobProgress(it.key(), Digest::parse(b.key()), state, done, total);
        }
    }
}

} // namespace crossdock
