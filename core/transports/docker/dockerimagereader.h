// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/imagereference.h"
#include "core/transports/imagereader.h"

namespace crossdock {

class RegistryClient;

// docker://: an image in a registry repository, read through its client:
// manifests with FetchManifestJob, blobs with BlobReader.
class DockerImageReader final : public ImageReader
{
    Q_OBJECT

public:
    DockerImageReader(RegistryClient *client, const ImageReference &reference, QObject *parent = nullptr);

    QString describe() const override;
    ReadManifestJob *readManifest(const Digest &digest, QObject *parent) override;
    BlobStream *readBlob(const Descriptor &blob, QObject *parent) override;
    RegistryOrigin registryOrigin() const override;

private:
    RegistryClient *m_client;
    ImageReference m_reference;
};

} // namespace crossdock
