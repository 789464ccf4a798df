// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transfer/copytypes.h"
#include "core/transfer/transferengine.h"
#include "core/trust/trustpolicy.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace crossdock {

class ClientPool;
class RegistryClient;
class TransferHistory;

// What to do when the destination tag already names another image.
enum class ExistingTagPolicy { Skip, Overwrite, Ask };

// One image to move, as the promote dialog settled it.
struct TransferOrder {
    CopyRequest request; // the source pinned by digest: what was previewed is what moves
    QString sourceName; // shown: host/repo:tag
    QString destinationName; // shown: host/repo:tag
    QString sourceShort; // repo:tag
    QString destinationShort; // repo:tag
    QString route; // "Staging → Production": the registries by the names the user gave them
    QString destinationRegistry; // the registry's host, or "oci:DIR" for the local folder
    QString destinationRepository;
    QString destinationTag;
    Digest digest; // what the destination tag will name
    ExistingTagPolicy existing = ExistingTagPolicy::Ask;
};

// One queued transfer and what is known of it.
struct Transfer {
    enum class State { Queued, Checking, NeedsDecision, Running, Copied, UpToDate, Skipped, Failed, Cancelled };
    struct Blob {
        Digest digest;
        int state = 0; // a BlobTransferJob::State value
        qint64 done = 0;
        qint64 total = 0;
    };

    quint64 id = 0;
    int batch = 0;
    TransferOrder order;
    State state = State::Queued;
    qint64 done = 0;
    qint64 total = 0;
    double bytesPerSecond = 0;
    QList<Blob> blobs;
    CopyResult result;
    QString error; // one line: why it failed or was skipped
    Digest destinationDigest; // NeedsDecision: what the tag names now

    bool isFinished() const { return state >= State::Copied; }
    bool isActive() const { return !isFinished(); }
    // Seconds left at the current speed; -1 when unknown.
    qint64 secondsLeft() const;
    static QString stateName(State state);
};

// The promotion queue: orders run through the transfer engine a few at a
// time (the engine's stream limits still apply across them). Before copying,
// the destination tag is checked with one HEAD: equal digest - up to date;
// another image - skipped, overwritten or held for the user's decision as the
// order says. Finished transfers go to the history log. Views follow the
// queue through the insert/remove/change signals (rows only ever append at
// the end), emitted in the queue's thread.
class TransferQueue final : public QObject {
    Q_OBJECT

public:
    // trust: the signature policy every promotion's source must satisfy.
    TransferQueue(TransferEngine *engine, QNetworkAccessManager *network, TransferHistory *history,
        EnforcedTrustPolicy trust = {}, QObject *parent = nullptr);
    ~TransferQueue() override;

    static constexpr int DefaultRunning = 3;
    void setMaxRunning(int images) { m_maxRunning = std::max(1, images); }

    // Queues the orders as one batch; returns the batch number.
    int enqueue(const QList<TransferOrder> &orders);

    int count() const { return static_cast<int>(m_transfers.size()); }
    const Transfer &at(int row) const { return m_transfers.at(row); }
    int rowOf(quint64 id) const;
    int activeCount() const;
    TransferHistory *history() const { return m_history; }
    TransferEngine *engine() const { return m_engine; }

    void cancel(quint64 id);
    void cancelAll();
    // Failed, cancelled or skipped: queue it again.
    void retry(quint64 id);
    // Finished transfers leave the list (the history keeps them).
    void remove(quint64 id);
    void clearFinished();
    // NeedsDecision: overwrite the destination tag, or skip this image.
    void decide(quint64 id, bool overwrite);

Q_SIGNALS:
    void aboutToInsert(int first, int last);
    void inserted();
    void aboutToRemove(int row);
    void removed();
    void changed(int row);
    void blobAboutToBeInserted(int row, int blobRow);
    void blobInserted();
    void blobsAboutToBeCleared(int row);
    void blobsCleared();
    void blobChanged(int row, int blobRow);
    // A transfer reached a final state.
    void transferFinished(quint64 id);
    // Every transfer of a batch is final: how many arrived (copied or up to
    // date) and how many failed.
    void batchFinished(int batch, int arrived, int failed);
    void historyFailed(const QString &error);

private:
    Transfer *find(quint64 id);
    void startMore();
    void check(quint64 id);
    void run(quint64 id);
    void bringAttachments(quint64 id);
    // Runs `request` for transfer `id`, which ends in `success` if it works.
    void startCopy(quint64 id, CopyRequest request, Transfer::State success);
    void finish(quint64 id, Transfer::State state, const QString &error = {});
    void updateProgress(quint64 id, qint64 done, qint64 total);
    void updateBlob(quint64 id, const Digest &digest, int state, qint64 done, qint64 total);
    RegistryClient *destinationClient(const CopyRequest &request);

    EnforcedTrustPolicy m_trust;
    TransferEngine *m_engine;
    QNetworkAccessManager *m_network;
    TransferHistory *m_history;
    int m_maxRunning = DefaultRunning;
    quint64 m_nextId = 1;
    int m_nextBatch = 1;
    QList<Transfer> m_transfers;
    QHash<quint64, QPointer<Job>> m_jobs; // the check or copy of each busy transfer
    QHash<quint64, std::pair<qint64, qint64>> m_lastSample; // id -> (msecs, bytes) for the speed
    struct BatchCount {
        int left = 0; // transfers not final yet
        int arrived = 0;
        int failed = 0;
    };
    QHash<int, BatchCount> m_batches;
    ClientPool *m_clients;
};

} // namespace crossdock
