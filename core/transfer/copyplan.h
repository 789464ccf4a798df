// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/manifest.h"

#include <QList>

#include <optional>

namespace crossdock {

// What one copy moves, decided once from the source before anything is
// written (PlanCopyJob). The copy executes it; sync's --dry-run and the
// GUI's promote preview check it against the destination; so none of them
// can disagree about which platforms, manifests and blobs a copy takes.
struct CopyPlan
{
    // What the destination reference will name: the source's manifest, this
    // system's image of an index (--multi-arch system), or a new index of a
    // subset of its platforms (--platform).
    std::optional<Manifest> top;
    // Pushed by digest before the top one, deepest first.
    QList<Manifest> children;
    // Every distributable blob the manifests name, once each.
    QList<Descriptor> blobs;
    // The manifest the source reference named (an index when top is one of
    // its platform images).
    Digest sourceDigest;
    // The top is an index made for this copy (a platform subset): its
    // digest differs from the source's.
    bool newIndex = false;
    // --multi-arch index-only: the platform images must already be there.
    bool indexOnly = false;

    qint64 totalBytes() const
    {
        qint64 bytes = 0;
        for (const Descriptor &blob : blobs)
            bytes += std::max<qint64>(0, blob.size);
        return bytes;
    }
    // Every manifest, in the order they are written: children, then the top.
    QList<Manifest> manifestsInOrder() const
    {
        QList<Manifest> all = children;
        if (top)
            all << *top;
        return all;
    }
};

} // namespace crossdock
