#pragma once

#include "core/base/job.h"
#include "core/image/imagereference.h"
#include "core/image/manifest.h"
#include "core/transfer/copytypes.h"

#include <QHash>
#include <QPointer>
#include <QSet>

namespace crossdock {

class BlobFlights;
class BlobLocationCache;
class BlobTransferJob;
class RegistryClient;
class StreamLimiter;

// Copies one image (or a whole index) from one repository to another,
// registry to registry:
//  1. resolve the source manifest and, for an index, every child (digests checked);
//  2. move every blob by the cheapest path (BlobTransferJob), within the
//     shared stream limits;
//  3. only when all blobs are there: push child manifests by digest, then
//     the top manifest by the destination tag, bytes unchanged.
// A failed or cancelled copy pushes no manifest, so no tag appears.
class CopyImageJob final : public Job {
    Q_OBJECT

public:
    CopyImageJob(RegistryClient *source, const ImageReference &sourceRef, RegistryClient *destination,
        const ImageReference &destinationRef, const CopyOptions &options, StreamLimiter *limiter,
        BlobLocationCache *locations = nullptr, QObject *parent = nullptr, BlobFlights *flights = nullptr);
    ~CopyImageJob() override;

    const CopyResult &result() const { return m_result; }

    static constexpr int MaxIndexDepth = 4;

Q_SIGNALS:
    // One blob's progress or state changed (for per-blob bars).
    void blobProgress(const crossdock::Digest &digest, int state, qint64 done, qint64 total);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void fetchManifest(const QString &reference, int depth, bool isTop);
    void onManifest(const Manifest &manifest, int depth, bool isTop);
    void manifestDone();
    void startBlobs();
    void startBlob(const Descriptor &blob);
    void onBlobFinished(BlobTransferJob *job);
    void pushManifests();
    void pushNext();
    void fail(const Error &error);
    void reportProgress();

    RegistryClient *m_source;
    ImageReference m_sourceRef;
    RegistryClient *m_destination;
    ImageReference m_destinationRef;
    CopyOptions m_options;
    StreamLimiter *m_limiter;
    BlobLocationCache *m_locations;
    BlobFlights *m_flights;
    QSet<QString> m_claimed; // flights this copy must land
    CopyResult m_result;

    int m_pendingManifests = 0;
    std::optional<Manifest> m_top;
    QList<Manifest> m_children; // pushed by digest, before the top
    QList<Descriptor> m_blobs; // unique by digest
    QHash<QString, qint64> m_blobDone; // digest -> bytes accounted
    QHash<QString, int> m_blobAttempts; // digest -> failed attempts
    qint64 m_totalBytes = 0;
    int m_blobsRunning = 0;
    int m_blobsLeft = 0;
    int m_pushIndex = 0;
    QList<QPointer<Job>> m_jobs;
};

} // namespace crossdock
