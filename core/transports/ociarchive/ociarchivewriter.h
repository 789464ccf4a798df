// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagewriter.h"

#include <memory>

namespace crossdock {

class TarWriter;

// oci-archive:FILE[:NAME]: writes an image as a tar of an OCI image layout,
// in one pass and in order (one blob at a time), with no unpacked copy on
// disk. The archive is a temporary file next to FILE until commit() writes
// index.json and renames it into place: a failed copy leaves whatever FILE
// was before. Stores OCI manifests only, as skopeo does.
class OciArchiveWriter final : public ImageWriter
{
    Q_OBJECT

public:
    OciArchiveWriter(const QString &path, const QString &name, QObject *parent = nullptr);
    ~OciArchiveWriter() override;

    QString describe() const override;
    Formats formats() const override { return Formats::OciOnly; }
    int maxConcurrentBlobs() const override { return 1; }
    QString streamKey() const override;
    CheckBlobJob *checkBlob(const Descriptor &blob, const RegistryOrigin &origin, QObject *parent) override;
    PutBlobJob *putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &origin,
        QObject *parent) override;
    Job *putManifest(const Manifest &manifest, bool isTop, QObject *parent) override;
    Job *commit(const Manifest &top, QObject *parent) override;

private:
    // The archive, begun at the first write.
    TarWriter *archive(Error *error);

    QString m_path;
    QString m_name;
    std::unique_ptr<TarWriter> m_archive;
};

} // namespace crossdock
