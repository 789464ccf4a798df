// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"
#include "core/net/retrypolicy.h"
#include "core/transports/imagereader.h"

#include <QJsonArray>

#include <functional>

namespace crossdock {

class BlobFlights;
class BlobLocationCache;
class StreamLimiter;

// Makes what is attached to an image travel with it between registries, for
// each manifest copied with its digest unchanged (an index and each of its
// images):
//  - signatures: the cosign attachment tagged "sha256-<hex>.sig";
//  - with `referrers`: cosign's ".att" (attestations) and ".sbom" tags, and
//    the OCI 1.1 referrers (manifests whose `subject` names the image, found
//    through the referrers API or the tag schema's "sha256-<hex>" index).
// Every attached manifest is copied by the copy engine with its digest
// (blobs mounted, skipped or streamed). What the destination already has is
// kept: a tag there that differs gets the new layers added (containers/image
// merges signatures the same way); its fallback referrers index gets the new
// descriptors. Nothing is written when it holds them all: a second copy is a
// no-op. A manifest whose digest changes (a conversion) cannot keep its
// signatures: if it has any the job fails, as skopeo does, unless the caller
// leaves signatures behind (signatures off).
class CopyAttachmentsJob final : public Job
{
    Q_OBJECT

public:
    struct Engine {
        StreamLimiter *limiter = nullptr;
        BlobFlights *flights = nullptr;
        BlobLocationCache *locations = nullptr;
        RetryPolicy retry;
    };
    struct What {
        bool signatures = true;
        bool referrers = false;
    };
    // kept: manifests copied unchanged; changed: source manifests whose
    // copies have another digest.
    CopyAttachmentsJob(const RegistryOrigin &source, const RegistryOrigin &destination, QList<Digest> kept,
        QList<Digest> changed, What what, const Engine &engine, QObject *parent = nullptr);

    int signaturesAdded() const { return m_signatures; }
    int artifactsAdded() const { return m_artifacts; } // attestations, SBOMs, referrers

protected:
    void doStart() override;

private:
    void checkChanged(int index);
    void runNext();
    void copyTag(const Digest &subject, const QString &suffix);
    void fetchTag(const QString &tag, bool isSignature);
    void mergeTag(const QString &tag, const Manifest &source, const Manifest &existing, bool isSignature);
    void copyReferrers(const Digest &subject);
    void copyMissingReferrers(const Digest &subject, QJsonArray missing, QJsonArray index, bool destinationHasApi,
        const QJsonObject &existingIndex);
    Job *copyManifest(const Digest &digest, const QString &destinationReference);

    RegistryOrigin m_source;
    RegistryOrigin m_destination;
    QList<Digest> m_kept;
    QList<Digest> m_changed;
    What m_what;
    Engine m_engine;
    QList<std::function<void()>> m_tasks;
    int m_signatures = 0;
    int m_artifacts = 0;
};

} // namespace crossdock
