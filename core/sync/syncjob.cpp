// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/sync/syncjob.h"

#include "core/browse/promotepreviewjob.h"
#include "core/registry/clientpool.h"
#include "core/registry/registryclient.h"
#include "core/transfer/transferengine.h"
#include "core/transports/resolveimagedigestjob.h"

#include <memory>

namespace crossdock {

namespace {

// A step cancelled because another image failed did not fail itself.
SyncOutcome failure(const Error &error, const Digest &digest = {})
{
    if (error.code == Error::Code::Cancelled)
        return SyncOutcome {SyncOutcome::Kind::NotRun, digest, 0, QStringLiteral("cancelled")};
    return SyncOutcome {SyncOutcome::Kind::Failed, digest, 0, error.message};
}

} // namespace

SyncJob::SyncJob(TransferEngine *engine, QNetworkAccessManager *network, const QList<SyncItem> &items,
    const SyncOptions &options, QObject *parent)
    : Job(parent)
    , m_engine(engine)
    , m_network(network)
    , m_clients(new ClientPool(network, this))
    , m_items(items)
    , m_options(options)
    , m_outcomes(items.size())
{
    for (int i = 0; i < m_items.size(); ++i)
        m_waiting << i;
}

int SyncJob::count(SyncOutcome::Kind kind) const
{
    return static_cast<int>(
        std::count_if(m_outcomes.begin(), m_outcomes.end(), [kind](const SyncOutcome &o) { return o.kind == kind; }));
}

RegistryClient *SyncJob::clientFor(const TransportReference &reference, const SyncEndpoint &endpoint, bool tryOnce)
{
    if (!reference.isRegistry())
        return nullptr; // files need none
    // One client (token cache, connection pool) per registry and login.
    RegistryClient *client = m_clients->client(reference.image().apiHost(), endpoint.tls, endpoint.credentials);
    client->pacer().setRate(endpoint.requestRate);
    RetryPolicy retry = m_options.retry;
    if (tryOnce) // a mirror that is down should not hold up the sync with retries
        retry.maxAttempts = 1;
    client->setRetryPolicy(retry);
    return client;
}

void SyncJob::resolveSource(int index, int candidate, const std::function<void(const Digest &)> &found)
{
    const SyncItem &item = m_items.at(index);
    const bool own = item.pullSources.isEmpty();
    const bool last = own || candidate == item.pullSources.size() - 1;
    const SyncPullSource from = own ? SyncPullSource {item.source, item.sourceEndpoint, false} : item.pullSources.at(candidate);
    auto *head = new ResolveImageDigestJob(from.reference, clientFor(from.reference, from.endpoint, !last), this);
    addSubjob(head);
    connect(head, &Job::finished, this, [this, index, candidate, head, from, last, own, found] {
        const Error error = head->error();
        if (error.isError() && error.code != Error::Code::Cancelled && !last)
            return resolveSource(index, candidate + 1, found); // the next mirror, or the registry itself
        if (error.isError())
            return finishItem(index, failure(error));
        if (!own)
            m_pullFrom.insert(index, from);
        found(head->digest());
    });
    head->start();
}

void SyncJob::doStart()
{
    startMore();
}

void SyncJob::startMore()
{
    // The first waiting images whose source registry is below its own limit.
    QList<int> starting;
    for (auto it = m_waiting.begin();
         !m_stopping && m_running < std::max(1, m_options.concurrency) && it != m_waiting.end();) {
        const SyncItem &item = m_items.at(*it);
        const int limit = item.registryConcurrency;
        if (limit > 0 && m_runningPerRegistry.value(item.sourceRegistry()) >= limit) {
            ++it;
            continue;
        }
        starting << *it;
        it = m_waiting.erase(it);
        ++m_running;
        ++m_runningPerRegistry[item.sourceRegistry()];
    }
    for (int index : std::as_const(starting)) {
        Q_EMIT itemStarted(index);
        compare(index);
    }
    if (m_running > 0 || isFinished())
        return;
    for (SyncOutcome &outcome : m_outcomes)
        if (outcome.kind == SyncOutcome::Kind::Pending)
            outcome.kind = SyncOutcome::Kind::NotRun;
    const int failed = count(SyncOutcome::Kind::Failed);
    if (m_cancelled) // interrupted: what arrived stays, a re-run does the rest
        return emitError(Error::Code::Cancelled,
            QStringLiteral("sync interrupted; %1 of %2 images not done")
                .arg(count(SyncOutcome::Kind::NotRun))
                .arg(m_items.size()));
    if (failed == 0)
        return emitSuccess();
    emitError(Error::Code::Server, QStringLiteral("%1 of %2 images failed").arg(failed).arg(m_items.size()));
}

void SyncJob::compare(int index)
{
    const SyncItem &item = m_items.at(index);
    // Both ends with HEAD only: equal digests mean nothing to do (and on
    // Docker Hub a HEAD is not a pull).
    auto sourceDigest = std::make_shared<Digest>();
    auto destinationDigest = std::make_shared<Digest>();
    auto pending = std::make_shared<int>(2);
    auto bothKnown = [this, index, sourceDigest, destinationDigest, pending] {
        if (--*pending > 0 || m_outcomes[index].kind != SyncOutcome::Kind::Pending)
            return;
        if (*sourceDigest == *destinationDigest && m_items.at(index).platforms.isEmpty()) {
            if (!m_options.dryRun && requestFor(index).attachmentsTravel())
                return copyAttachments(index, *sourceDigest);
            return finishItem(
                index, SyncOutcome {SyncOutcome::Kind::Skipped, *sourceDigest, 0, QStringLiteral("unchanged")});
        }
        if (m_options.dryRun)
            return estimate(index, *sourceDigest,
                destinationDigest->isValid() ? QStringLiteral("changed") : QStringLiteral("missing"));
        copy(index, *sourceDigest);
    };
    resolveSource(index, 0, [sourceDigest, bothKnown](const Digest &digest) {
        *sourceDigest = digest;
        bothKnown();
    });
    auto *destination
        = new ResolveImageDigestJob(item.destination, clientFor(item.destination, item.destinationEndpoint), this);
    addSubjob(destination);
    connect(destination, &Job::finished, this, [this, index, destination, destinationDigest, bothKnown] {
        // Not there yet is the common case of a first sync, not a failure.
        if (destination->error().isError() && destination->error().code != Error::Code::NotFound)
            return finishItem(index, failure(destination->error()));
        if (!destination->error().isError())
            *destinationDigest = destination->digest();
        bothKnown();
    });
    destination->start();
}

SyncJob::~SyncJob() = default;

void SyncJob::estimate(int index, const Digest &sourceDigest, const QString &why)
{
    // The promotion preview answers it: the source's manifests name every
    // blob; a HEAD each at the destination says which it lacks (or, on the
    // same registry, can mount without moving bytes).
    const SyncItem &item = m_items.at(index);
    CopyOptions options = m_options.copy;
    QString error;
    if (!item.platforms.isEmpty()
        && !CopyOptions::parsePlatforms(item.platforms.join(QLatin1Char(',')), &options.platforms, &error))
        return finishItem(index, SyncOutcome {SyncOutcome::Kind::Failed, sourceDigest, 0, error});
    // The copy's own plan: the platforms it would take, the blobs it would stream.
    // The image the source named when it was compared, by digest where it can be.
    const SyncPullSource from = m_pullFrom.value(index, SyncPullSource {item.source, item.sourceEndpoint, false});
    TransportReference source = from.reference;
    if (source.isRegistry())
        source = source.image().withDigest(sourceDigest);
    auto *preview = new PromotePreviewJob(PromotePreviewJob::End{source, clientFor(from.reference, from.endpoint)},
        PromotePreviewJob::End{item.destination, clientFor(item.destination, item.destinationEndpoint)}, false, options,
        this);
    preview->setTrustPolicy(m_options.policy, item.source); // the copy would be judged so
    addSubjob(preview);
    connect(preview, &Job::finished, this, [this, index, preview, sourceDigest, why] {
        if (preview->error().isError())
            return finishItem(index, failure(preview->error(), sourceDigest));
        if (!preview->preview().policyRefusal.isEmpty())
            return finishItem(index,
                failure(Error::make(Error::Code::Rejected, preview->preview().policyRefusal), sourceDigest));
        finishItem(
            index, SyncOutcome {SyncOutcome::Kind::WouldCopy, sourceDigest, 0, why, preview->preview().bytesToMove()});
    });
    preview->start();
}

CopyRequest SyncJob::requestFor(int index) const
{
    const SyncItem &item = m_items.at(index);
    const SyncPullSource from = m_pullFrom.value(index, SyncPullSource {item.source, item.sourceEndpoint, false});
    CopyRequest request;
    request.source = from.reference;
    request.sourceCredentials = from.endpoint.credentials;
    request.sourceTls = from.endpoint.tls;
    request.destination = item.destination;
    request.destinationCredentials = item.destinationEndpoint.credentials;
    request.destinationTls = item.destinationEndpoint.tls;
    request.options = m_options.copy;
    request.retry = m_options.retry;
    request.policy = m_options.policy;
    request.policyReference = item.source; // a mirror serves it: judged by the name the spec gives
    request.sourceRequestRate = from.endpoint.requestRate;
    request.destinationRequestRate = item.destinationEndpoint.requestRate;
    if (item.referrers)
        request.options.referrers = *item.referrers;
    return request;
}

void SyncJob::copyAttachments(int index, const Digest &sourceDigest)
{
    // Both ends have the image; what was attached to it at the source since
    // (a signature made after the push, an SBOM) still arrives. Not signed
    // again: that happened when it was copied.
    CopyRequest request = requestFor(index);
    request.options.attachmentsOnlyOf = sourceDigest;
    request.options.signWith.reset();
    request.options.signByGpgKey.clear();
    request.policy.reset(); // nothing of the image itself is copied
    auto *job = m_engine->copy(request, this);
    addSubjob(job);
    connect(job, &Job::finished, this, [this, index, job, sourceDigest] {
        if (job->error().isError())
            return finishItem(index, failure(job->error(), sourceDigest));
        const QString added = job->result().attachmentsAdded();
        const QString reason = added.isEmpty() ? QStringLiteral("unchanged") : QStringLiteral("unchanged; ") + added;
        finishItem(index, SyncOutcome {SyncOutcome::Kind::Skipped, sourceDigest, 0, reason});
    });
    job->start();
}

void SyncJob::copy(int index, const Digest &sourceDigest)
{
    const SyncItem &item = m_items.at(index);
    CopyRequest request = requestFor(index);
    QString error;
    if (!item.platforms.isEmpty()
        && !CopyOptions::parsePlatforms(item.platforms.join(QLatin1Char(',')), &request.options.platforms, &error))
        return finishItem(index, SyncOutcome {SyncOutcome::Kind::Failed, sourceDigest, 0, error});
    auto *job = m_engine->copy(request, this);
    addSubjob(job);
    connect(job, &Job::finished, this, [this, index, job, sourceDigest] {
        if (job->error().isError())
            return finishItem(index, failure(job->error(), sourceDigest));
        finishItem(
            index, SyncOutcome {SyncOutcome::Kind::Copied, job->result().digest, job->result().bytesStreamed, {}});
    });
    job->start();
}

void SyncJob::finishItem(int index, SyncOutcome outcome)
{
    if (m_outcomes[index].kind != SyncOutcome::Kind::Pending)
        return;
    m_outcomes[index] = std::move(outcome);
    --m_running;
    --m_runningPerRegistry[m_items.at(index).sourceRegistry()];
    Q_EMIT itemFinished(index);
    if (m_outcomes[index].kind == SyncOutcome::Kind::Failed && !m_options.keepGoing && !m_stopping) {
        m_stopping = true;
        stopAll();
    }
    startMore();
}

void SyncJob::doCancel()
{
    m_cancelled = true;
    stopAll();
}

void SyncJob::stopAll()
{
    m_stopping = true;
    cancelSubjobs();
}

} // namespace crossdock
