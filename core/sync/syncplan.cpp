// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/sync/syncplan.h"

namespace crossdock {

QString SyncNaming::destinationRepository(const SyncDestination &destination, const ImageReference &source)
{
    // A registry's port cannot appear in a repository path ("host:5000" is not a
    // path component), so a scoped name spells it "host_5000".
    QString host = source.registry();
    host.replace(QLatin1Char(':'), QLatin1Char('_'));
    const QString leaf = destination.scoped ? host + QLatin1Char('/') + source.repository()
                                            : source.repository().section(QLatin1Char('/'), -1);
    if (!destination.isRegistry())
        return leaf;
    // The registry part of the base is the host; what follows is a path prefix.
    const QString prefix = destination.base.section(QLatin1Char('/'), 1);
    return prefix.isEmpty() ? leaf : prefix + QLatin1Char('/') + leaf;
}

QString SyncNaming::destinationRepository(const SyncDestination &destination, const QString &relativeFolder)
{
    const QString leaf = destination.scoped ? relativeFolder : relativeFolder.section(QLatin1Char('/'), -1);
    if (!destination.isRegistry())
        return leaf;
    const QString prefix = destination.base.section(QLatin1Char('/'), 1);
    return prefix.isEmpty() ? leaf : prefix + QLatin1Char('/') + leaf;
}

QString SyncNaming::destinationTag(const SyncDestination &destination, const QString &sourceTag)
{
    return sourceTag + destination.appendSuffix;
}

bool inShard(const QString &sourceReference, int index, int count)
{
    if (count <= 1)
        return true;
    // FNV-1a, 64 bit: the same on every machine and Qt version (qHash is seeded).
    quint64 hash = 1469598103934665603ULL;
    for (const char byte : sourceReference.toUtf8()) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 1099511628211ULL;
    }
    return static_cast<int>(hash % static_cast<quint64>(count)) == index;
}

} // namespace crossdock
