// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifestconversion.h"
#include "core/net/retrypolicy.h"
#include "core/transfer/copyplan.h"
#include "core/transfer/copytypes.h"
#include "core/transfer/planlayerconversionjob.h"
#include "core/transports/putblobjob.h"

#include "core/transports/transportreference.h"

#include <QHash>
#include <QSet>

#include <memory>

namespace crossdock {

class BlobLocationCache;
class CopyAttachmentsJob;
struct RegistryOrigin;
class TrustPolicy;

class BlobFlights;
class ImageReader;
class ImageWriter;
class StreamLimiter;

// Copies one image (or a whole index) between any source and destination,
// in three steps after containers/image's copy:
//  1. plan (PlanCopyJob): the source's manifests, digests checked, the
//     platforms the options select; rewritten as the destination needs
//     (Docker schema 2 into an OCI layout; refused with preserveDigests);
//  2. every blob by the cheapest path the destination has (ImageWriter::
//     putBlob: there already, mounted, or streamed from the source), within
//     the shared stream limits, one transfer per blob and destination at a
//     time across copies (BlobFlights), transient failures restarted;
//  3. only when all blobs are there: child manifests by digest, the top one
//     by the destination's tag or name, then the writer's commit.
// A failed or cancelled copy writes no manifest that names the image: no tag
// appears. With CopyOptions::attachmentsOnlyOf only what is attached to an
// image both ends have travels (signatures, referrers). Takes ownership of
// neither reader nor writer.
class CopyImageJob final : public Job {
    Q_OBJECT

public:
    CopyImageJob(ImageReader *source, ImageWriter *destination, const CopyOptions &options, StreamLimiter *limiter,
        BlobFlights *flights = nullptr, QObject *parent = nullptr);
    ~CopyImageJob() override;

    // How often a blob broken by a transient fault is started again.
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }

    const CopyResult &result() const { return m_result; }
    const CopyPlan &plan() const { return m_plan; }
    // Where recompressed layers' results are remembered (none: recompressed every time).
    void setBlobLocationCache(BlobLocationCache *cache) { m_locations = cache; }
    // Check the signature policy for `source` (the reference the reader
    // reads) once the source's manifest is known, before anything is
    // written; none: not checked (--insecure-policy).
    void setTrustPolicy(std::shared_ptr<const TrustPolicy> policy, const TransportReference &source)
    {
        m_policy = std::move(policy);
        m_policySource = source;
    }

    // The registry names the user gave for the two ends ("docker.io/library/
    // app"), which registries.d and GPG signatures go by: the clients know the
    // API host only (registry-1.docker.io). Unset: the API host is used.
    void setRegistryNames(const TransportReference &source, const TransportReference &destination)
    {
        m_sourceName = source;
        m_destinationName = destination;
    }

Q_SIGNALS:
    // One blob's progress or state changed (for per-blob bars).
    void blobProgress(const crossdock::Digest &digest, int state, qint64 done, qint64 total);

protected:
    void doStart() override;

private:
    void onPlanned(const CopyPlan &plan);
    void planConversions();
    void copyAttachmentsThenManifests();
    void copyAttachmentsOnly(const Digest &image);
    // What carries the attachments between two registries; none when
    // nothing is to travel or an end is not a registry.
    CopyAttachmentsJob *attachmentsJob(QList<Digest> kept, QList<Digest> changed);
    void startBlobs();
    void startBlob(const Descriptor &blob);
    void onBlobFinished(PutBlobJob *job, const Descriptor &blob);
    void releaseRecompressSlot(const Descriptor &blob);
    void releaseSlot();
    void writeManifests();
    void writeNext(int index);
    void commit();
    void sign();
    void readGpgSignatures();
    void signWithGpg();
    void writeGpgSignatures();
    ImageReference lookasideName(const TransportReference &given, const RegistryOrigin &origin) const;
    void reportProgress();
    ManifestConversion::Format targetFormat() const;

    ImageReader *m_source;
    ImageWriter *m_destination;
    CopyOptions m_options;
    StreamLimiter *m_limiter;
    std::shared_ptr<const TrustPolicy> m_policy;
    TransportReference m_policySource;
    TransportReference m_sourceName, m_destinationName;
    BlobLocationCache *m_locations = nullptr;
    BlobFlights *m_flights;
    RetryPolicy m_retry;
    QSet<QString> m_claimed; // flights this copy must land
    CopyPlan m_plan;
    CopyResult m_result;
    QList<Manifest> m_toWrite;            // the manifests as the destination gets them
    QList<QByteArray> m_gpgSignatures;    // read at the source's lookaside, then ours
    ManifestConversion::Replacements m_written; // blobs the writer stored changed
    LayerConversions m_conversions; // layers recompressed on their way, by source digest
    QHash<QString, QString> m_flightOf; // source digest -> the BlobFlights key claimed for it
    QSet<QString> m_recompressSlots; // layers holding a StreamLimiter::RecompressKey slot
    QHash<QString, qint64> m_blobDone;    // digest -> bytes accounted
    QHash<QString, int> m_blobAttempts;   // digest -> failed attempts
    QList<Descriptor> m_queue;            // blobs waiting for a writer slot
    int m_running = 0;
    int m_blobsLeft = 0;
};

} // namespace crossdock
