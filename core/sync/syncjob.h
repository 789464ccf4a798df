// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"
#include "core/net/retrypolicy.h"
#include "core/sync/syncplan.h"
#include "core/transfer/copytypes.h"

#include <QHash>
#include <QPointer>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace crossdock {

class ClientPool;
class TrustPolicy;
class RegistryClient;
class TransferEngine;
struct CopyRequest;

struct SyncOptions {
    int concurrency = 4; // images at once; blob streams are limited by the engine
    bool dryRun = false; // decide (with HEADs only), write nothing
    bool keepGoing = false;
    CopyOptions copy;
    RetryPolicy retry;
    // The signature policy every image's source must satisfy (none: not checked).
    std::shared_ptr<const TrustPolicy> policy;
};

// What became of one image.
struct SyncOutcome {
    enum class Kind { Pending, Copied, Skipped, WouldCopy, Failed, NotRun };
    Kind kind = Kind::Pending;
    Digest digest; // the source manifest (copied or unchanged)
    qint64 bytesStreamed = 0;
    QString reason; // why it failed, or why it was skipped
    qint64 bytesToStream = 0; // dry run: the blobs the destination lacks, summed
};

// Keeps images in step: for each, the source tag and the destination are
// resolved with HEAD requests only; equal digests are skipped without any
// download of the image's manifests (only what is attached to it is looked
// for, between registries, unless no signature or referrer is to travel: a
// signature made after the image was synced still arrives), the rest copied
// through the transfer engine, several images at once. Without keepGoing the first failure cancels the rest; with
// it, every image is tried and the job fails at the end if any did.
class SyncJob final : public Job {
    Q_OBJECT

public:
    SyncJob(TransferEngine *engine, QNetworkAccessManager *network, const QList<SyncItem> &items,
        const SyncOptions &options, QObject *parent = nullptr);
    ~SyncJob() override;

    const QList<SyncItem> &items() const { return m_items; }
    const QList<SyncOutcome> &outcomes() const { return m_outcomes; }
    int count(SyncOutcome::Kind kind) const;

Q_SIGNALS:
    void itemStarted(int index);
    void itemFinished(int index);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void startMore();
    void compare(int index);
    void copy(int index, const Digest &sourceDigest);
    CopyRequest requestFor(int index) const;
    void copyAttachments(int index, const Digest &sourceDigest);
    // HEADs the source (or its pull sources in turn, from the candidate-th)
    // and records the one that answered in m_pullFrom.
    void resolveSource(int index, int candidate, const std::function<void(const Digest &)> &found);
    // Dry run: what a copy would stream (blobs the destination lacks).
    void estimate(int index, const Digest &sourceDigest, const QString &why);
    void finishItem(int index, SyncOutcome outcome);
    void stopAll();
    RegistryClient *clientFor(const TransportReference &reference, const SyncEndpoint &endpoint, bool tryOnce = false);

    TransferEngine *m_engine;
    QNetworkAccessManager *m_network;
    ClientPool *m_clients;
    QList<SyncItem> m_items;
    SyncOptions m_options;
    QList<SyncOutcome> m_outcomes;
    QHash<int, SyncPullSource> m_pullFrom; // the source each item is pulled from, when not its own
    QList<int> m_waiting; // indexes not started, in order
    int m_running = 0;
    QHash<QString, int> m_runningPerRegistry;
    bool m_stopping = false; // no new images (a failure without keepGoing, or cancel)
    bool m_cancelled = false; // cancel() was called
};

} // namespace crossdock
