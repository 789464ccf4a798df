// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/transfer/blobflights.h"
#include "core/transfer/copytypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace crossdock {

class BlobLocationCache;
class ClientPool;
class CopyImageJob;
class Job;
class RegistryClient;
struct Credentials;
struct TlsSettings;
class StreamLimiter;
class TransportReference;
struct CopyRequest;

// The half of TransferEngine that lives in the engine's thread: it owns the
// network access manager, the stream limiter and the running copies, and
// reports back through queued signals, coalescing byte progress.
class TransferWorker final : public QObject {
    Q_OBJECT

public:
    TransferWorker(int globalStreams, int streamsPerHost, const QString &blobLocationCache);
    ~TransferWorker() override;

    void startCopy(quint64 id, const crossdock::CopyRequest &request);
    void cancelCopy(quint64 id);
    // True when no copy runs and no clean-up (an upload session given up,
    // being finished and deleted) is still in flight.
    bool isIdle() const;

Q_SIGNALS:
    void copyProgress(quint64 id, qint64 done, qint64 total);
    void copyBlobProgress(quint64 id, const crossdock::Digest &digest, int state, qint64 done, qint64 total);
    void copyFinished(quint64 id, const crossdock::Error &error, const crossdock::CopyResult &result);

private:
    void flushProgress();
    // A copy between the request's two ends, or nullptr with the reason.
    CopyImageJob *createJob(const CopyRequest &request, Error *error);
    // The client for a registry end (nullptr for the others).
    RegistryClient *clientFor(const TransportReference &end, const TlsSettings &tls, const Credentials &credentials);

    int m_globalStreams;
    int m_streamsPerHost;
    QNetworkAccessManager *m_network = nullptr;
    StreamLimiter *m_limiter = nullptr;
    QString m_blobLocationCachePath;
    std::unique_ptr<BlobLocationCache> m_locations;
    static constexpr qint64 SaveIntervalMs = 10000;
    QElapsedTimer m_lastSave; // when m_locations was last written
    BlobFlights m_flights;
    QTimer *m_progressTimer = nullptr;
    QHash<quint64, QPointer<Job>> m_copies;
    // Kept for the worker's lifetime: tokens are reused across copies.
    ClientPool *m_clients = nullptr;

    struct Pending {
        qint64 done = 0;
        qint64 total = 0;
        bool dirty = false;
        QHash<QString, std::tuple<int, qint64, qint64>> blobs; // digest -> state, done, total
    };
    QHash<quint64, Pending> m_pending;
};

} // namespace crossdock
