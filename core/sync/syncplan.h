#pragma once

#include "core/credentials/credentials.h"
#include "core/image/imagereference.h"
#include "core/net/tlssettings.h"
#include "core/sync/syncconfig.h"
#include "core/transfer/copytypes.h"

#include <QList>
#include <QString>

namespace crossdock {

// How to reach one registry during a sync.
struct SyncEndpoint {
    TlsSettings tls;
    Credentials credentials;
    double requestRate = 0; // requests per second; 0: no fixed pace
};

// A source of a sync: one registry's images (from the command line or a
// YAML file), or the whole registry through its catalog when images is empty
// and wholeRegistry is set (repository globs then choose).
struct SyncSource {
    SyncRegistrySpec spec;
    SyncEndpoint endpoint;
    bool wholeRegistry = false;
    QStringList repositoryAllow; // globs; empty: every repository
    QStringList repositoryDeny; // globs
};

// Where images go: a registry path (docker) or an OCI layout folder.
struct SyncDestination {
    bool layout = false;
    QString base; // host[:port][/path] or a directory
    bool scoped = false;
    QString appendSuffix;
    SyncEndpoint endpoint;
};

// One image to keep in step.
struct SyncItem {
    ImageReference source; // host/repo:tag
    SyncEndpoint sourceEndpoint;
    ImageReference destination; // registry destination (unused for a layout)
    SyncEndpoint destinationEndpoint;
    QString destinationLayout; // OCI layout directory, or empty
    QString destinationName; // the layout's ref.name
    QStringList platforms; // a subset to copy; empty: all
    int registryConcurrency = 0; // images at once from this source registry (0: no own limit)

    QString sourceText() const { return source.toString(); }
    QString destinationText() const;
};

// Destination naming, as skopeo sync does it: the last path component of
// the source repository under the destination (or, with scoped, the whole
// source host/repository), the tag followed by appendSuffix.
namespace SyncNaming {
// "team/app" for registry destination base "host/team" and source repository "x/app".
QString destinationRepository(const SyncDestination &destination, const ImageReference &source);
QString destinationTag(const SyncDestination &destination, const QString &sourceTag);
} // namespace SyncNaming

// --shard I/N: a stable hash of the source reference picks each image's shard,
// so N workers given the same input split it without talking to each other.
bool inShard(const QString &sourceReference, int index, int count);

} // namespace crossdock
