// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"

#include <QObject>

#include <optional>

namespace crossdock {

class BlobStream;
class RegistryClient;

// A manifest read from an image's source (ImageReader::readManifest),
// verified: its bytes hash to the digest asked for.
class ReadManifestJob : public Job
{
    Q_OBJECT

public:
    using Job::Job;
    const Manifest &manifest() const { return *m_manifest; }

protected:
    void succeedWith(const Manifest &manifest)
    {
        m_manifest = manifest;
        emitSuccess();
    }

private:
    std::optional<Manifest> m_manifest;
};

// Where a reader's blobs are when they are in a registry: a writer on the
// same registry (same client) mounts them instead of streaming them.
struct RegistryOrigin
{
    RegistryClient *client = nullptr;
    QString repository;
    bool isValid() const { return client != nullptr; }
};

// Reads one image - its manifest (maybe an index and its children) and the
// blobs they name - from where it lives: a registry, an OCI layout, an
// archive, a dir: folder. Each transport has its own (transports/<name>/).
// The copy engine plans and copies through this and ImageWriter only, so a
// transport works with every other one.
class ImageReader : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // The reference as the user wrote it, for messages: "oci:/srv/images:app".
    virtual QString describe() const = 0;
    // The manifest the reference names (digest invalid), or one of its
    // children by digest.
    virtual ReadManifestJob *readManifest(const Digest &digest, QObject *parent) = 0;
    // One blob the manifests name, as a stream (not started).
    virtual BlobStream *readBlob(const Descriptor &blob, QObject *parent) = 0;
    virtual RegistryOrigin registryOrigin() const { return {}; }
};

} // namespace crossdock
