// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clioptions.h"
#include "core/base/error.h"
#include "core/transfer/transferengine.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace crossdock::cli {

class CopyProgress;
class InterruptWatcher;

// `crossdock-cli copy SRC DST`: resolves both ends, runs the copy in the
// transfer engine, prints progress, and on Ctrl-C cancels (no tag written,
// upload sessions deleted) before exiting.
class CopyCommand final : public QObject
{
    Q_OBJECT

public:
    explicit CopyCommand(CliOptions options, QObject *parent = nullptr);
    ~CopyCommand() override;
    void start();
    // Cancels a running copy cleanly (upload sessions given up, nothing
    // tagged); it then finishes with a Cancelled error.
    void cancel();

Q_SIGNALS:
    // The command is over: error is set on failure.
    void finished(const crossdock::Error &error);

private:
    // registries.conf mirrors and rewrites: where to pull from.
    void choosePullSource();
    void resolveEndpoints();
    void startCopy();
    void onCopyFinished();
    void done(const Error &error);

    CliOptions m_options;
    EndpointOptions m_sourceEndpoint; // --src-* over the common flags; a mirror's insecure
    QNetworkAccessManager *m_network = nullptr; // the pull-source checks
    CopyRequest m_request;
    int m_endpointsPending = 2;
    TransferEngine *m_engine = nullptr;
    QPointer<CopyJob> m_job;
    std::unique_ptr<CopyProgress> m_progress;
    InterruptWatcher *m_interrupts = nullptr;
    bool m_interrupted = false;
    bool m_done = false;
};

} // namespace crossdock::cli
