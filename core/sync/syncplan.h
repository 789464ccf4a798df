// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/credentials.h"
#include "core/image/imagereference.h"
#include "core/net/tlssettings.h"
#include "core/sync/syncconfig.h"
#include "core/transfer/copytypes.h"
#include "core/transports/transportreference.h"

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
// and wholeRegistry is set (repository globs then choose), or the dir:
// images under a folder (every folder holding a manifest.json, as skopeo's
// --src dir finds them).
struct SyncSource {
    SyncRegistrySpec spec;
    SyncEndpoint endpoint;
    bool wholeRegistry = false;
    QStringList repositoryAllow; // globs; empty: every repository
    QStringList repositoryDeny; // globs
    QString directory; // --src dir: the folder walked (spec.registry is then empty)
};

// Where images go: a registry path, an OCI layout folder (one layout, each
// image named repository:tag), or a folder of dir: images (one per image,
// named repository:tag as skopeo names them).
struct SyncDestination {
    enum class Kind { Registry, OciLayout, Dirs };
    Kind kind = Kind::Registry;
    QString base; // host[:port][/path] or a directory
    bool scoped = false;
    QString appendSuffix;
    SyncEndpoint endpoint;
    bool isRegistry() const { return kind == Kind::Registry; }
};

// A place to pull a registry source from instead of its own name:
// registries.conf's mirrors and location rewrites.
struct SyncPullSource {
    TransportReference reference;
    SyncEndpoint endpoint;
    bool mirror = false; // else the registry itself, at its (rewritten) location
};

// One image to keep in step, between any two transports.
struct SyncItem {
    TransportReference source;
    SyncEndpoint sourceEndpoint;
    TransportReference destination;
    SyncEndpoint destinationEndpoint;
    QStringList platforms; // a subset to copy; empty: all
    std::optional<bool> referrers; // the source registry's "referrers" key, when it has one
    int registryConcurrency = 0; // images at once from this source registry (0: no own limit)
    // Where to pull the source from, in order (mirrors first; the first
    // that has the tag is used); empty: the source as named.
    QList<SyncPullSource> pullSources;

    // "host/repo:tag" for a registry image, "oci:/dir:name" and "dir:/x" otherwise.
    QString sourceText() const { return text(source); }
    QString destinationText() const { return text(destination); }
    // The source registry ("" for local sources): its concurrency limit counts per host.
    QString sourceRegistry() const { return source.isRegistry() ? source.image().registry() : QString(); }

private:
    static QString text(const TransportReference &reference)
    {
        return reference.isRegistry() ? reference.image().toString() : reference.toString();
    }
};

// Destination naming, as skopeo sync does it: the last path component of
// the source repository under the destination (or, with scoped, the whole
// source host/repository), the tag followed by appendSuffix.
namespace SyncNaming {
// "team/app" for registry destination base "host/team" and source repository "x/app".
QString destinationRepository(const SyncDestination &destination, const ImageReference &source);
// The same for a dir: source image: its folder's path below the walked folder
// (scoped) or its last component ("app:v1"), under the base's path prefix.
QString destinationRepository(const SyncDestination &destination, const QString &relativeFolder);
QString destinationTag(const SyncDestination &destination, const QString &sourceTag);
} // namespace SyncNaming

// --shard I/N: a stable hash of the source reference picks each image's shard,
// so N workers given the same input split it without talking to each other.
bool inShard(const QString &sourceReference, int index, int count);

} // namespace crossdock
