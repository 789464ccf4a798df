// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"
#include "core/net/retrypolicy.h"
#include "core/transports/imagereader.h"

#include <optional>

namespace crossdock {

class BlobFlights;
class BlobLocationCache;
class StreamLimiter;

// Makes an image's sigstore signatures travel with it between registries:
// for each manifest copied with its digest unchanged, the source's
// "sha256-<hex>.sig" attachment is copied under the same tag (its blobs by
// the copy engine: mounted, skipped or streamed). A destination that has
// signatures there already keeps them: the new ones are added to its
// attachment (containers/image merges the same way), and nothing is written
// when it holds them all - a second copy is a no-op.
// A manifest whose digest changes (a conversion) cannot keep its
// signatures: if it has any, the job fails, as skopeo does, unless the
// caller asked to leave signatures behind (then it is not started).
class CopySignaturesJob final : public Job
{
    Q_OBJECT

public:
    struct Engine {
        StreamLimiter *limiter = nullptr;
        BlobFlights *flights = nullptr;
        BlobLocationCache *locations = nullptr;
        RetryPolicy retry;
    };
    // kept: manifests copied unchanged; changed: source manifests whose
    // copies have another digest.
    CopySignaturesJob(const RegistryOrigin &source, const RegistryOrigin &destination, QList<Digest> kept,
        QList<Digest> changed, const Engine &engine, QObject *parent = nullptr);

    int signaturesAdded() const { return m_added; }

protected:
    void doStart() override;

private:
    void checkChanged(int index);
    void copyNext(int index);
    void onSourceAttachment(int index, const Manifest &source);
    void merge(int index, const Manifest &source, const Manifest &existing);
    Job *copyAttachment(const Manifest &attachment, const QString &destinationReference);

    RegistryOrigin m_source;
    RegistryOrigin m_destination;
    QList<Digest> m_kept;
    QList<Digest> m_changed;
    Engine m_engine;
    int m_added = 0;
};

} // namespace crossdock
