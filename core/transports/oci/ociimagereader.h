// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagereader.h"

namespace crossdock {

// oci:DIR[:NAME]: an image in an OCI image layout, named by its ref.name
// annotation, by digest, or the only one there. Manifests and blobs are
// read from blobs/<alg>/<hex>, every one digest-checked.
class OciImageReader final : public ImageReader
{
    Q_OBJECT

public:
    OciImageReader(const QString &directory, const QString &name, QObject *parent = nullptr);

    QString describe() const override;
    ReadManifestJob *readManifest(const Digest &digest, QObject *parent) override;
    BlobStream *readBlob(const Descriptor &blob, QObject *parent) override;

private:
    QString m_directory;
    QString m_name;
};

} // namespace crossdock
