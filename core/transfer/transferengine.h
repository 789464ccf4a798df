// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/credentials/credentials.h"
#include "core/image/imagereference.h"
#include "core/net/retrypolicy.h"
#include "core/net/tlssettings.h"
#include "core/transfer/copytypes.h"
#include "core/transports/transportreference.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace crossdock {

class TransferWorker;
class TrustPolicy;

// What to copy, and how to reach both ends: any transport to any other
// (registries, OCI layouts, archives, dir: folders); the credentials and TLS
// settings serve the ends that are registries.
struct CopyRequest {
    TransportReference source;
    TransportReference destination;
    Credentials sourceCredentials;
    Credentials destinationCredentials;
    TlsSettings sourceTls;
    TlsSettings destinationTls;
    CopyOptions options;
    RetryPolicy retry;
    // The GUI's local folder: an OCI layout that keeps the source's manifest
    // bytes (Docker ones too), so promotions in and out keep digests.
    bool destinationKeepsManifests = false;
    // Requests per second to each end (0: as fast as the limits allow).
    double sourceRequestRate = 0;
    double destinationRequestRate = 0;
    // docker-archive: destinations: more names for the image (skopeo's --additional-tag).
    QStringList additionalTags;
    // The signature policy the source must satisfy; none: not checked
    // (--insecure-policy). Immutable, so shared with the engine's thread.
    std::shared_ptr<const TrustPolicy> policy;
    // The reference the policy judges when a mirror serves the source (the
    // one the user named); invalid: the source itself.
    TransportReference policyReference;

    // Whether anything attached to the image travels: signatures or
    // referrers are wanted and both ends are registries.
    bool attachmentsTravel() const
    {
        return source.isRegistry() && destination.isRegistry() && (!options.removeSignatures || options.referrers);
    }
};

// A copy running in the transfer engine's thread, seen from the caller's
// thread. Progress arrives coalesced (at most ~10 updates a second).
class CopyJob final : public Job {
    Q_OBJECT

public:
    const CopyResult &result() const { return m_result; }
    const CopyRequest &request() const { return m_request; }

Q_SIGNALS:
    // state is a BlobTransferJob::State value.
    void blobProgress(const crossdock::Digest &digest, int state, qint64 done, qint64 total);

protected:
    void doStart() override;
    void doCancel() override;

private:
    friend class TransferEngine;
    CopyJob(class TransferEngine *engine, quint64 id, CopyRequest request, QObject *parent);

    class TransferEngine *m_engine;
    quint64 m_id;
    CopyRequest m_request;
    CopyResult m_result;
};

// The copy engine: its own thread with its own QNetworkAccessManager and
// the shared stream limits (global, per registry host). The UI and the CLI
// talk to it only through queued signals.
class TransferEngine final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferEngine)

public:
    struct Limits {
        int globalStreams = 12;
        int streamsPerHost = 6;
        // Where blob locations are remembered across runs; empty: memory only.
        QString blobLocationCache = defaultBlobLocationCache();
    };

    explicit TransferEngine(QObject *parent = nullptr);
    TransferEngine(const Limits &limits, QObject *parent);
    ~TransferEngine() override;

    // Creates a copy job (not started).
    CopyJob *copy(const CopyRequest &request, QObject *parent = nullptr);

    // Calls done (in this thread) once no copy runs and clean-up requests
    // have finished, or after timeoutMs. For a clean exit after cancelling.
    // The default leaves time to finish a given-up upload segment with
    // zeros on a slow link (see AbandonUploadJob).
    void whenIdle(QObject *context, std::function<void()> done, int timeoutMs = 15000);

    static constexpr int ProgressIntervalMs = 100;
    static QString defaultBlobLocationCache();

private:
    friend class CopyJob;
    void startCopy(CopyJob *job);
    void cancelCopy(quint64 id);

    QThread m_thread;
    TransferWorker *m_worker = nullptr;
    quint64 m_nextId = 1;
    QHash<quint64, QPointer<CopyJob>> m_jobs;
};

} // namespace crossdock

Q_DECLARE_METATYPE(crossdock::CopyRequest)
