// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagewriter.h"

#include <memory>

namespace crossdock {

// dir:PATH: writes an image in skopeo's directory format (DirFormat). Like
// skopeo it refuses a non-empty folder that is not a dir: image, and
// replaces one that is - but only at the end: everything is written into a
// new folder beside PATH, which takes PATH's place in commit(). A failed or
// cancelled copy leaves the old image whole; blobs the old image has are
// hard-linked instead of copied again.
class DirImageWriter final : public ImageWriter
{
    Q_OBJECT

public:
    // nullptr with a message when PATH is a file, or a folder that holds
    // something other than a dir: image.
    static std::unique_ptr<DirImageWriter> open(const QString &folder, QString *error, QObject *parent = nullptr);
    ~DirImageWriter() override;

    QString describe() const override;
    QString streamKey() const override;
    bool takesMadeBlobs() const override { return true; }
    CheckBlobJob *checkBlob(const Descriptor &blob, const RegistryOrigin &origin, QObject *parent) override;
    PutBlobJob *putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &origin,
        QObject *parent) override;
    Job *putManifest(const Manifest &manifest, bool isTop, QObject *parent) override;
    Job *commit(const Manifest &top, QObject *parent) override;

private:
    DirImageWriter(const QString &folder, QObject *parent);
    // The new folder, made at the first write.
    QString staging(Error *error);
    bool hasOldBlob(const Descriptor &blob) const;

    QString m_folder;
    QString m_staging; // the new folder while it is written
};

} // namespace crossdock
