// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagereader.h"

#include <memory>

namespace crossdock {

class TarReader;

// oci-archive:FILE[:NAME]: reads an image from a tar of an OCI image layout
// (what buildah and `skopeo copy ... oci-archive:` write). The archive's
// table of contents is read once; index.json, manifests and blobs are then
// read straight from their place in the file - nothing is unpacked.
class OciArchiveReader final : public ImageReader
{
    Q_OBJECT

public:
    OciArchiveReader(const QString &path, const QString &name, QObject *parent = nullptr);
    ~OciArchiveReader() override;

    QString describe() const override;
    ReadManifestJob *readManifest(const Digest &digest, QObject *parent) override;
    BlobStream *readBlob(const Descriptor &blob, QObject *parent) override;

private:
    // The table of contents, read at the first use.
    const TarReader *archive(Error *error);

    QString m_path;
    QString m_name;
    std::unique_ptr<TarReader> m_archive;
};

} // namespace crossdock
