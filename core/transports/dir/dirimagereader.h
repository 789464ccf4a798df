// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagereader.h"

namespace crossdock {

// dir:PATH: reads an image from skopeo's directory format (DirFormat).
class DirImageReader final : public ImageReader
{
    Q_OBJECT

public:
    explicit DirImageReader(const QString &folder, QObject *parent = nullptr);

    QString describe() const override;
    ReadManifestJob *readManifest(const Digest &digest, QObject *parent) override;
    BlobStream *readBlob(const Descriptor &blob, QObject *parent) override;

private:
    QString m_folder;
};

} // namespace crossdock
