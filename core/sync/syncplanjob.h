// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/sync/syncplan.h"

#include <QPointer>

class QNetworkAccessManager;

namespace crossdock {

class RegistryClient;

// Turns sync sources into the list of images to keep in step: lists tags
// (and for a whole registry, the catalog), applies the tag selection (list,
// regex, semver) and deny patterns, names each destination, and keeps this
// worker's shard. Lists are read concurrently; the result is sorted by source.
class SyncPlanJob final : public Job {
    Q_OBJECT

public:
    SyncPlanJob(QNetworkAccessManager *network, const QList<SyncSource> &sources, const SyncDestination &destination,
        QObject *parent = nullptr);

    // Keep only shard index of count (see inShard).
    void setShard(int index, int count)
    {
        m_shardIndex = index;
        m_shardCount = count;
    }
    const QList<SyncItem> &items() const { return m_items; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void listTags(RegistryClient *client, const SyncSource &source, const SyncImageSpec &image);
    void addItems(const SyncSource &source, const SyncImageSpec &image, const QStringList &tags);
    // --src dir: every dir: image under the source's folder.
    void addDirectoryItems(const SyncSource &source);
    bool selects(const SyncSource &source, const SyncImageSpec &image, const QString &tag) const;
    void track(Job *job);
    void partDone();

    QNetworkAccessManager *m_network;
    QList<SyncSource> m_sources;
    SyncDestination m_destination;
    int m_shardIndex = 0;
    int m_shardCount = 1;
    int m_pending = 0;
    QList<SyncItem> m_items;
    bool m_stopped = false; // cancelled, or stopped by the first failure
};

} // namespace crossdock
