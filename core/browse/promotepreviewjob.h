// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/browse/imagesource.h"
#include "core/transports/transportreference.h"
#include "core/image/manifest.h"
#include "core/transfer/copyplan.h"
#include "core/transfer/copytypes.h"

#include <memory>

namespace crossdock {

class ImageReader;
class TrustPolicy;
class ImageWriter;

// What promoting one image would do, found out before anything is written.
struct PromotePreview {
    enum class Action { Skip, Mount, Stream };
    struct Blob {
        Digest digest;
        qint64 size = 0;
        Action action = Action::Stream;
    };

    Digest sourceDigest; // what the destination tag will name
    Digest destinationDigest; // what it names now; invalid when the tag is not there
    QList<Blob> blobs;

    int count(Action action) const;
    qint64 bytesToMove() const; // the streamed blobs, summed
    bool destinationExists() const { return destinationDigest.isValid(); }
    bool upToDate() const { return destinationDigest == sourceDigest; }
    bool conflicts() const { return destinationExists() && !upToDate(); }
    // The signature policy's decision (when one was given): empty when it
    // lets the image through, else why it refuses (the copy would fail).
    QString policyRefusal;
    QString policyReason; // the refusal's reason alone

    int signaturesVerified = 0;
};

// Previews a promotion with HEAD requests and manifests only (no blob
// bytes), through the copy's own plan (PlanCopyJob): the source's manifests
// as the copy will take them (platforms chosen by the options), the
// destination tag's digest, and for each blob what the destination would do
// with it (ImageWriter::checkBlob): has it (skip), can mount it from another
// repository of the same registry (mount) or must receive its bytes
// (stream). Either end may be a registry or the local folder; sync's
// --dry-run asks the same. Writes nothing.
class PromotePreviewJob final : public Job {
    Q_OBJECT

public:
    PromotePreviewJob(const ImageSource &source, const QString &sourceRepository, const QString &sourceTag,
        const ImageSource &destination, const QString &destinationRepository, const QString &destinationTag,
        const CopyOptions &options, QObject *parent = nullptr);
    // Any two transports (sync's --dry-run); a client for each registry end.
    struct End
    {
        TransportReference reference;
        RegistryClient *client = nullptr;
    };
    PromotePreviewJob(const End &source, const End &destination, bool keepManifests, const CopyOptions &options,
        QObject *parent = nullptr);
    ~PromotePreviewJob() override;

    const PromotePreview &preview() const { return m_preview; }
    // Ask the signature policy too (PromotePreview::policyRefusal); the
    // preview itself does not fail when the policy refuses. judged: the
    // reference the policy judges when not the source itself (a mirror
    // serves it, or the source is pinned by digest).
    void setTrustPolicy(std::shared_ptr<const TrustPolicy> policy, const TransportReference &judged = {})
    {
        m_policy = std::move(policy);
        m_judged = judged;
    }

protected:
    void doStart() override;

private:
    void onPlanned(const CopyPlan &plan);
    void partDone();
    Error named(const Error &error, const TransportReference &where) const;

    End m_source;
    End m_destination;
    bool m_keepManifests = false;
    CopyOptions m_options;
    std::unique_ptr<ImageReader> m_reader;
    std::unique_ptr<ImageWriter> m_writer;
    PromotePreview m_preview;
    std::shared_ptr<const TrustPolicy> m_policy;
    TransportReference m_judged;
    int m_pending = 0;
};

} // namespace crossdock
