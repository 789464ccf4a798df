// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagereader.h"

#include <QHash>

#include <memory>
#include <optional>

namespace crossdock {

class TarReader;

// docker-archive:FILE[:REF|:@N]: reads one image of a `docker save` archive
// (also what kind, kaniko and skopeo write): manifest.json lists the images
// with their config file, RepoTags and layer tars. There is no registry
// manifest in it, so one is made, as skopeo does: Docker schema 2, the
// config as it is, each layer a plain tar named by its DiffID - the digest
// of the bytes in the archive, checked as they stream. Nothing is unpacked.
class DockerArchiveReader final : public ImageReader
{
    Q_OBJECT

public:
    DockerArchiveReader(const QString &path, const QString &reference, int index, QObject *parent = nullptr);
    ~DockerArchiveReader() override;

    QString describe() const override;
    ReadManifestJob *readManifest(const Digest &digest, QObject *parent) override;
    BlobStream *readBlob(const Descriptor &blob, QObject *parent) override;

    // The RepoTags of every image in the archive, in order (list-tags).
    static std::optional<QList<QStringList>> repoTags(const QString &path, QString *error);

private:
    struct Image
    {
        Manifest manifest;
        QHash<QString, QString> members; // blob digest -> member name
    };
    std::optional<Image> load(Error *error);

    QString m_path;
    QString m_reference;
    int m_index;
    std::unique_ptr<TarReader> m_archive;
    std::optional<Image> m_image;
};

} // namespace crossdock
