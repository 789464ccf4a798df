// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagewriter.h"
#include "core/transports/oci/ocilayout.h"

#include <memory>

namespace crossdock {

// oci:DIR[:NAME]: writes an image into an OCI image layout, created by the
// first write (checkBlob alone touches nothing: previews and dry runs write
// nothing). Blobs and manifests land under blobs/<alg>/<hex> through
// temporary files renamed once verified; index.json names the image only in
// commit(), atomically, after everything it needs is there.
//
// Like skopeo it stores OCI manifests only: Docker schema 2 is converted
// (the copy says the digest changed). The GUI's local folder keeps the
// source's manifest bytes instead (KeepManifests), so promoting an image in
// and out of it keeps its digest.
class OciImageWriter final : public ImageWriter
{
    Q_OBJECT

public:
    enum class Manifests { OciOnly, KeepAsTheyAre };

    // nullptr with a message when the folder exists and is not a layout.
    static std::unique_ptr<OciImageWriter> open(const QString &directory, const QString &name, Manifests manifests,
        QString *error, QObject *parent = nullptr);

    QString describe() const override;
    Formats formats() const override;
    QString streamKey() const override;
    bool takesMadeBlobs() const override { return true; }
    CheckBlobJob *checkBlob(const Descriptor &blob, const RegistryOrigin &origin, QObject *parent) override;
    PutBlobJob *putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &origin,
        QObject *parent) override;
    Job *putManifest(const Manifest &manifest, bool isTop, QObject *parent) override;
    Job *commit(const Manifest &top, QObject *parent) override;

private:
    OciImageWriter(const QString &directory, const QString &name, Manifests manifests, QObject *parent);
    // The layout, made when missing (the first write).
    std::optional<OciLayout> layout(Error *error);
    QString blobPath(const Digest &digest) const;

    QString m_directory;
    std::optional<OciLayout> m_layout;
    QString m_name;
    Manifests m_manifests;
};

} // namespace crossdock
