// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/imagereference.h"
#include "core/transports/imagewriter.h"

namespace crossdock {

class BlobLocationCache;
class RegistryClient;

// docker://: writes an image into a registry repository. Blobs by the
// cheapest path (BlobTransferJob: skip, mount, stream), manifests pushed with
// their bytes unchanged (PushManifestJob), the top one by the reference's
// tag (or its digest) - which is the commit: nothing is left to do after.
class DockerImageWriter final : public ImageWriter
{
    Q_OBJECT

public:
    DockerImageWriter(RegistryClient *client, const ImageReference &reference, BlobLocationCache *locations,
        QObject *parent = nullptr);

    QString describe() const override;
    QString streamKey() const override;
    RegistryOrigin registryTarget() const override { return {m_client, m_reference.repository()}; }
    bool takesMadeBlobs() const override { return true; }
    CheckBlobJob *checkBlob(const Descriptor &blob, const RegistryOrigin &origin, QObject *parent) override;
    PutBlobJob *putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &origin,
        QObject *parent) override;
    Job *putManifest(const Manifest &manifest, bool isTop, QObject *parent) override;
    Job *commit(const Manifest &top, QObject *parent) override;

private:
    RegistryClient *m_client;
    ImageReference m_reference;
    BlobLocationCache *m_locations;
};

} // namespace crossdock
