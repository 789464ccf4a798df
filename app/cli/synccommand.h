// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clioptions.h"
#include "core/base/error.h"
#include "core/sync/syncplan.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

namespace crossdock {
class SyncJob;
class TransferEngine;
} // namespace crossdock

namespace crossdock::cli {

class InterruptWatcher;

// `crossdock-cli sync --src docker|yaml --dest docker|oci SRC DST`, as skopeo
// sync: resolves every source registry's endpoint, plans the images (tag
// lists, filters, destination names, this shard), then keeps them in step:
// unchanged images are skipped after two HEADs, the rest copied several at
// a time. One line per finished image, a summary every few seconds in CI
// logs, a final summary, --report JSON and --digestfile.
class SyncCommand final : public QObject {
    Q_OBJECT

public:
    explicit SyncCommand(CliOptions options, QObject *parent = nullptr);
    void start();
    // Cancels the sync cleanly (images in progress are not tagged); it then
    // finishes with a Cancelled error.
    void cancel();

Q_SIGNALS:
    void finished(const crossdock::Error &error);

private:
    bool buildSources(QString *error);
    void resolveEndpoints();
    void plan();
    // registries.conf mirrors and rewrites: the endpoints they need, then
    // each registry source's pull sources; then run().
    void attachPullSources(QList<SyncItem> items);
    void run(const QList<SyncItem> &items);
    void printItem(int index);
    void printSummary(bool final);
    bool writeOutputs(QString *error);
    void done(const Error &error);

    CliOptions m_options;
    QList<SyncSource> m_sources;
    QList<bool> m_sourceHasOwnCredentials;
    SyncDestination m_destination;
    int m_pending = 0;
    TransferEngine *m_engine = nullptr;
    QPointer<SyncJob> m_job;
    InterruptWatcher *m_interrupts = nullptr;
    QElapsedTimer m_clock;
    bool m_done = false;
};

} // namespace crossdock::cli
