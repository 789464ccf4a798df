// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/transferqueue.h"

#include "core/registry/clientpool.h"
#include "core/transfer/transferhistory.h"
#include "core/transports/resolveimagedigestjob.h"

#include <QDateTime>

namespace crossdock {

namespace {

constexpr qint64 SpeedSampleMs = 250;

QString conflictText(const Transfer &transfer)
{
    return QObject::tr("the tag already names another image (%1)").arg(transfer.destinationDigest.toString().left(19));
}

QString outcomeName(Transfer::State state)
{
    switch (state) {
    case Transfer::State::Copied:
        return QStringLiteral("copied");
    case Transfer::State::UpToDate:
        return QStringLiteral("up to date");
    case Transfer::State::Skipped:
        return QStringLiteral("skipped");
    case Transfer::State::Cancelled:
        return QStringLiteral("cancelled");
    default:
        return QStringLiteral("failed");
    }
}

} // namespace

qint64 Transfer::secondsLeft() const
{
    if (state != State::Running || bytesPerSecond <= 0 || total <= 0)
        return -1;
    return static_cast<qint64>(static_cast<double>(std::max<qint64>(0, total - done)) / bytesPerSecond + 0.5);
}

QString Transfer::stateName(State state)
{
    switch (state) {
    case State::Queued:
        return QObject::tr("Queued");
    case State::Checking:
        return QObject::tr("Checking");
    case State::NeedsDecision:
        return QObject::tr("Needs your decision");
    case State::Running:
        return QObject::tr("Copying");
    case State::Copied:
        return QObject::tr("Copied");
    case State::UpToDate:
        return QObject::tr("Up to date");
    case State::Skipped:
        return QObject::tr("Skipped");
    case State::Failed:
        return QObject::tr("Failed");
    case State::Cancelled:
        return QObject::tr("Cancelled");
    }
    return {};
}

TransferQueue::TransferQueue(TransferEngine *engine, QNetworkAccessManager *network, TransferHistory *history,
    EnforcedTrustPolicy trust, QObject *parent)
    : QObject(parent)
    , m_trust(std::move(trust))
    , m_engine(engine)
    , m_network(network)
    , m_history(history)
    , m_clients(new ClientPool(network, this))
{
}

TransferQueue::~TransferQueue()
{
    for (const QPointer<Job> &job : std::as_const(m_jobs))
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
}

int TransferQueue::enqueue(const QList<TransferOrder> &orders)
{
    if (orders.isEmpty())
        return 0;
    const int batch = m_nextBatch++;
    m_batches.insert(batch, BatchCount {static_cast<int>(orders.size()), 0, 0});
    Q_EMIT aboutToInsert(count(), count() + static_cast<int>(orders.size()) - 1);
    for (const TransferOrder &order : orders) {
        Transfer transfer;
        transfer.id = m_nextId++;
        transfer.batch = batch;
        transfer.order = order;
        m_transfers.append(transfer);
    }
    Q_EMIT inserted();
    startMore();
    return batch;
}

int TransferQueue::rowOf(quint64 id) const
{
    for (int row = 0; row < m_transfers.size(); ++row)
        if (m_transfers.at(row).id == id)
            return row;
    return -1;
}

Transfer *TransferQueue::find(quint64 id)
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_transfers[row];
}

int TransferQueue::activeCount() const
{
    return static_cast<int>(
        std::count_if(m_transfers.begin(), m_transfers.end(), [](const Transfer &t) { return t.isActive(); }));
}

void TransferQueue::startMore()
{
    int busy = 0;
    for (const Transfer &transfer : std::as_const(m_transfers))
        busy += transfer.state == Transfer::State::Checking || transfer.state == Transfer::State::Running;
    QList<quint64> next;
    for (const Transfer &transfer : std::as_const(m_transfers))
        if (transfer.state == Transfer::State::Queued && busy + next.size() < m_maxRunning)
            next << transfer.id;
    for (quint64 id : std::as_const(next))
        check(id);
}

RegistryClient *TransferQueue::destinationClient(const CopyRequest &request)
{
    if (!request.destination.isRegistry())
        return nullptr;
    return m_clients->client(request.destination.image().apiHost(), request.destinationTls, request.destinationCredentials);
}

void TransferQueue::check(quint64 id)
{
    Transfer *transfer = find(id);
    transfer->state = Transfer::State::Checking;
    Q_EMIT changed(rowOf(id));
    const TransferOrder &order = transfer->order;
    auto decideWith = [this, id](const Digest &current) {
        Transfer *checked = find(id);
        if (!checked || checked->state != Transfer::State::Checking)
            return;
        // (A conversion makes another image: the source's digest there is not
        // it. Signing adds a signature even where the image is there already.)
        const CopyOptions &options = checked->order.request.options;
        if (current.isValid() && current == checked->order.digest && !options.converts() && !options.signWith
            && options.signByGpgKey.isEmpty())
            return bringAttachments(id);
        if (!current.isValid() || checked->order.existing == ExistingTagPolicy::Overwrite)
            return run(id);
        checked->destinationDigest = current;
        if (checked->order.existing == ExistingTagPolicy::Skip)
            return finish(id, Transfer::State::Skipped, conflictText(*checked));
        checked->state = Transfer::State::NeedsDecision;
        checked->error = tr("%1; overwrite or skip?").arg(conflictText(*checked));
        Q_EMIT changed(rowOf(id));
        startMore(); // the decision can wait; others go on
    };
    auto *resolve = new ResolveImageDigestJob(order.request.destination, destinationClient(order.request), this);
    m_jobs.insert(id, resolve);
    connect(resolve, &Job::finished, this, [this, id, resolve, decideWith] {
        m_jobs.remove(id);
        const Error &error = resolve->error();
        if (error.code == Error::Code::Cancelled)
            return;
        if (error.isError() && error.code != Error::Code::NotFound)
            return finish(id, Transfer::State::Failed, error.message);
        decideWith(error.isError() ? Digest() : resolve->digest());
    });
    resolve->start();
}

void TransferQueue::run(quint64 id)
{
    Transfer *transfer = find(id);
    transfer->state = Transfer::State::Running;
    transfer->error.clear();
    Q_EMIT changed(rowOf(id));
    if (!m_trust.error.isEmpty())
        return finish(id, Transfer::State::Failed,
            tr("refused: the signature policy cannot be used (%1); fix it and retry").arg(m_trust.error));
    CopyRequest request = transfer->order.request;
    request.policy = m_trust.policy;
    startCopy(id, request, Transfer::State::Copied);
}

void TransferQueue::bringAttachments(quint64 id)
{
    // The tag names this image already; what was attached to it at the
    // source since (a signature made after the last promotion) still comes,
    // as sync brings it.
    Transfer *transfer = find(id);
    if (!transfer->order.request.attachmentsTravel())
        return finish(id, Transfer::State::UpToDate);
    transfer->state = Transfer::State::Running;
    Q_EMIT changed(rowOf(id));
    CopyRequest request = transfer->order.request;
    request.options.attachmentsOnlyOf = transfer->order.digest;
    startCopy(id, request, Transfer::State::UpToDate);
}

void TransferQueue::startCopy(quint64 id, CopyRequest request, Transfer::State success)
{
    if (!request.options.lookaside)
        request.options.lookaside = m_trust.lookaside; // GPG signatures travel as from the CLI
    CopyJob *job = m_engine->copy(request, this);
    m_jobs.insert(id, job);
    m_lastSample.insert(id, {QDateTime::currentMSecsSinceEpoch(), 0});
    connect(job, &Job::progress, this, [this, id](qint64 done, qint64 total) { updateProgress(id, done, total); });
    connect(job, &CopyJob::blobProgress, this, [this, id](const Digest &digest, int state, qint64 done, qint64 total) {
        updateBlob(id, digest, state, done, total);
    });
    connect(job, &Job::finished, this, [this, id, job, success] {
        m_jobs.remove(id);
        m_lastSample.remove(id);
        Transfer *copied = find(id);
        if (!copied)
            return;
        copied->result = job->result();
        const Error &error = job->error();
        if (error.code == Error::Code::Cancelled)
            return finish(id, Transfer::State::Cancelled);
        if (error.isError())
            return finish(id, Transfer::State::Failed, error.message);
        copied->done = copied->total;
        finish(id, success);
    });
    job->start();
}

void TransferQueue::updateProgress(quint64 id, qint64 done, qint64 total)
{
    Transfer *transfer = find(id);
    if (!transfer)
        return;
    transfer->done = done;
    transfer->total = total;
    // Speed: a smoothed average of samples at least SpeedSampleMs apart.
    auto &[lastMs, lastBytes] = m_lastSample[id];
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - lastMs >= SpeedSampleMs) {
        const double sample = static_cast<double>(done - lastBytes) * 1000.0 / static_cast<double>(now - lastMs);
        transfer->bytesPerSecond
            = transfer->bytesPerSecond <= 0 ? sample : 0.7 * transfer->bytesPerSecond + 0.3 * std::max(0.0, sample);
        lastMs = now;
        lastBytes = done;
    }
    Q_EMIT changed(rowOf(id));
}

void TransferQueue::updateBlob(quint64 id, const Digest &digest, int state, qint64 done, qint64 total)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Transfer &transfer = m_transfers[row];
    for (int i = 0; i < transfer.blobs.size(); ++i) {
        Transfer::Blob &blob = transfer.blobs[i];
        if (blob.digest == digest) {
            blob = {digest, state, done, total};
            return Q_EMIT blobChanged(row, i);
        }
    }
    Q_EMIT blobAboutToBeInserted(row, static_cast<int>(transfer.blobs.size()));
    transfer.blobs.append({digest, state, done, total});
    Q_EMIT blobInserted();
}

void TransferQueue::finish(quint64 id, Transfer::State state, const QString &error)
{
    Transfer *transfer = find(id);
    if (!transfer || transfer->isFinished())
        return;
    transfer->state = state;
    transfer->error = error;
    transfer->bytesPerSecond = 0;
    if (m_history) {
        TransferRecord record;
        record.time = QDateTime::currentDateTimeUtc();
        record.source = transfer->order.sourceName;
        record.destination = transfer->order.destinationName;
        record.digest
            = (transfer->result.digest.isValid() ? transfer->result.digest : transfer->order.digest).toString();
        record.bytes = transfer->result.bytesStreamed;
        record.outcome = outcomeName(state);
        record.error = error;
        QString historyError;
        if (!m_history->append(record, &historyError))
            Q_EMIT historyFailed(historyError);
    }
    Q_EMIT changed(rowOf(id));
    Q_EMIT transferFinished(id);
    BatchCount &batch = m_batches[transfer->batch];
    if (state == Transfer::State::Copied || state == Transfer::State::UpToDate)
        ++batch.arrived;
    else if (state == Transfer::State::Failed)
        ++batch.failed;
    if (--batch.left == 0) {
        const BatchCount counts = m_batches.take(transfer->batch);
        Q_EMIT batchFinished(transfer->batch, counts.arrived, counts.failed);
    }
    startMore();
}

void TransferQueue::cancel(quint64 id)
{
    Transfer *transfer = find(id);
    if (!transfer || transfer->isFinished())
        return;
    if (Job *job = m_jobs.value(id)) {
        if (transfer->state == Transfer::State::Running)
            return job->cancel(); // finishes as Cancelled once the engine has cleaned up
        job->cancel();
    }
    finish(id, Transfer::State::Cancelled);
}

void TransferQueue::cancelAll()
{
    QList<quint64> ids;
    for (const Transfer &transfer : std::as_const(m_transfers))
        if (transfer.isActive())
            ids << transfer.id;
    // Queued ones first, so none of them starts as running ones stop.
    std::stable_partition(
        ids.begin(), ids.end(), [this](quint64 id) { return find(id)->state != Transfer::State::Running; });
    for (quint64 id : std::as_const(ids))
        cancel(id);
}

void TransferQueue::retry(quint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Transfer &transfer = m_transfers[row];
    if (transfer.state != Transfer::State::Failed && transfer.state != Transfer::State::Cancelled
        && transfer.state != Transfer::State::Skipped)
        return;
    if (!transfer.blobs.isEmpty()) {
        Q_EMIT blobsAboutToBeCleared(row);
        transfer.blobs.clear();
        Q_EMIT blobsCleared();
    }
    transfer.state = Transfer::State::Queued;
    transfer.error.clear();
    transfer.done = transfer.total = 0;
    transfer.result = CopyResult();
    transfer.batch = m_nextBatch++;
    if (transfer.order.existing == ExistingTagPolicy::Skip)
        transfer.order.existing = ExistingTagPolicy::Ask; // retrying a skip means the user wants a say
    m_batches.insert(transfer.batch, BatchCount {1, 0, 0});
    Q_EMIT changed(row);
    startMore();
}

void TransferQueue::decide(quint64 id, bool overwrite)
{
    Transfer *transfer = find(id);
    if (!transfer || transfer->state != Transfer::State::NeedsDecision)
        return;
    if (!overwrite)
        return finish(id, Transfer::State::Skipped, conflictText(*transfer));
    transfer->order.existing = ExistingTagPolicy::Overwrite;
    transfer->state = Transfer::State::Queued;
    transfer->error.clear();
    Q_EMIT changed(rowOf(id));
    startMore();
}

void TransferQueue::remove(quint64 id)
{
    const int row = rowOf(id);
    if (row < 0 || m_transfers.at(row).isActive())
        return;
    Q_EMIT aboutToRemove(row);
    m_transfers.removeAt(row);
    Q_EMIT removed();
}

void TransferQueue::clearFinished()
{
    for (int row = count() - 1; row >= 0; --row)
        if (m_transfers.at(row).isFinished())
            remove(m_transfers.at(row).id);
}

} // namespace crossdock
