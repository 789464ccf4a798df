// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/transfer/copyplan.h"
#include "core/transfer/copytypes.h"

#include <QSet>

namespace crossdock {

class ImageReader;

// Reads the source's manifests (the reference's own; for an index, the
// children the options select) and makes the CopyPlan: platforms chosen
// with --multi-arch and --platform, children before parents, every blob
// once. Reads manifests only: no blob bytes.
class PlanCopyJob final : public Job
{
    Q_OBJECT

public:
    PlanCopyJob(ImageReader *source, const CopyOptions &options, QObject *parent = nullptr);

    const CopyPlan &plan() const { return m_plan; }

    static constexpr int MaxIndexDepth = 4;
    // Far above real indexes (tens of platforms, a few hundred with
    // attestations); a hostile index of 10,000 children, or indexes nested
    // 100 x 100, is refused before its children are fetched.
    static constexpr int MaxIndexChildren = 1000;
    static constexpr int MaxManifests = 4000;

protected:
    void doStart() override;

private:
    enum class Role { Top, Child };
    void read(const Digest &digest, int depth, Role role);
    void onManifest(const Manifest &manifest, int depth, Role role);
    void planIndex(const Manifest &index, int depth, Role role);
    void addBlobs(const Manifest &image);
    void readDone();

    ImageReader *m_source;
    CopyOptions m_options;
    CopyPlan m_plan;
    QSet<QString> m_seenBlobs;
    QSet<QString> m_readManifests; // each manifest read once, however many indexes name it
    int m_pending = 0;
    bool m_sourceDigestKnown = false;
};

} // namespace crossdock
