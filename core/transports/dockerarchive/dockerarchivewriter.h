// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagewriter.h"

#include <memory>

namespace crossdock {

class TarWriter;

// docker-archive:FILE[:REF]: writes one image as `docker save` does, for
// `docker load`, kind and skopeo: the config as <hex>.json, each layer as a
// plain tar named by its DiffID (gzip layers are decompressed on the way,
// LayerTarSink), and manifest.json naming them with REF as its RepoTag.
// Docker schema 2 only (OCI manifests are converted); one image, so an
// index is copied as one platform's image. In one pass and in order, into a
// temporary file renamed into place by commit(): a failed copy leaves
// whatever FILE was before.
class DockerArchiveWriter final : public ImageWriter
{
    Q_OBJECT

public:
    // repoTags: the names manifest.json gives the image (empty ones are left out).
    DockerArchiveWriter(const QString &path, const QStringList &repoTags, QObject *parent = nullptr);
    ~DockerArchiveWriter() override;

    QString describe() const override;
    Formats formats() const override { return Formats::DockerSchema2Only; }
    bool holdsIndexes() const override { return false; }
    int maxConcurrentBlobs() const override { return 1; }
    QString streamKey() const override;
    CheckBlobJob *checkBlob(const Descriptor &blob, const RegistryOrigin &origin, QObject *parent) override;
    PutBlobJob *putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &origin,
        QObject *parent) override;
    Job *putManifest(const Manifest &manifest, bool isTop, QObject *parent) override;
    Job *commit(const Manifest &top, QObject *parent) override;

private:
    TarWriter *archive(Error *error);

    QString m_path;
    QStringList m_repoTags;
    std::unique_ptr<TarWriter> m_archive;
};

} // namespace crossdock
