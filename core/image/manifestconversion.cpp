// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/manifestconversion.h"

#include "core/image/mediatypes.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace crossdock::ManifestConversion {

namespace {

// Docker schema 2 <-> OCI, pairwise (containers/image's manifest/oci.go and docker_schema2.go).
const QList<std::pair<QString, QString>> &pairs()
{
    static const QList<std::pair<QString, QString>> table{
        {MediaType::DockerManifest, MediaType::OciManifest},
        {MediaType::DockerManifestList, MediaType::OciIndex},
        {MediaType::DockerConfig, MediaType::OciConfig},
        {QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip"),
            QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip")},
        {QStringLiteral("application/vnd.docker.image.rootfs.diff.tar"),
            QStringLiteral("application/vnd.oci.image.layer.v1.tar")},
        {QStringLiteral("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"),
            QStringLiteral("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip")},
    };
    return table;
}

bool isOci(const QString &type)
{
    return type.startsWith(QLatin1String("application/vnd.oci."));
}

} // namespace

QString mediaTypeIn(const QString &mediaType, Format format)
{
    if (format == Format::Keep)
        return mediaType;
    for (const auto &[docker, oci] : pairs()) {
        if (mediaType == docker || mediaType == oci)
            return format == Format::Oci ? oci : docker;
    }
    // OCI only: zstd layers have no Docker schema 2 type.
    static const QStringList ociOnly {QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd"),
        QStringLiteral("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd")};
    if (format == Format::Oci && ociOnly.contains(mediaType))
        return mediaType;
    return {};
}

bool isIn(const Manifest &manifest, Format format)
{
    switch (format) {
    case Format::Keep:
        return true;
    case Format::Oci:
        return isOci(manifest.mediaType());
    case Format::DockerSchema2:
        return manifest.mediaType() == MediaType::DockerManifest || manifest.mediaType() == MediaType::DockerManifestList;
    }
    return false;
}

std::optional<Manifest> rewrite(const Manifest &manifest, Format format, const Replacements &replacements, QString *error)
{
    if (manifest.kind() == Manifest::Kind::Schema1) {
        *error = QStringLiteral("a schema 1 manifest cannot be converted");
        return std::nullopt;
    }
    const bool convert = !isIn(manifest, format);
    bool replaced = false;
    QJsonObject object = QJsonDocument::fromJson(manifest.raw()).object();

    // One descriptor: replaced where asked, its media type moved to the format.
    const auto update = [&](QJsonObject descriptor, const QString &where) -> std::optional<QJsonObject> {
        const auto found = replacements.constFind(descriptor.value(QLatin1String("digest")).toString());
        if (found != replacements.constEnd()) {
            descriptor.insert(QStringLiteral("digest"), found->digest.toString());
            descriptor.insert(QStringLiteral("size"), found->size);
            if (!found->mediaType.isEmpty())
                descriptor.insert(QStringLiteral("mediaType"), found->mediaType);
            replaced = true;
        }
        if (convert) {
            const QString type = descriptor.value(QLatin1String("mediaType")).toString();
            const QString converted = mediaTypeIn(type, format);
            if (converted.isEmpty()) {
                *error = QStringLiteral("%1 has media type \"%2\", which %3 has no equivalent for")
                             .arg(where, type, format == Format::Oci ? QStringLiteral("OCI") : QStringLiteral("Docker schema 2"));
                return std::nullopt;
            }
            descriptor.insert(QStringLiteral("mediaType"), converted);
            if (format == Format::DockerSchema2)
                descriptor.remove(QStringLiteral("annotations")); // schema 2 has none
        }
        return descriptor;
    };

    if (manifest.isIndex()) {
        QJsonArray entries;
        const QJsonArray original = object.value(QLatin1String("manifests")).toArray();
        for (qsizetype i = 0; i < original.size(); ++i) {
            const auto entry = update(original.at(i).toObject(), QStringLiteral("manifests[%1]").arg(i));
            if (!entry)
                return std::nullopt;
            entries.append(*entry);
        }
        object.insert(QStringLiteral("manifests"), entries);
    } else {
        const auto config = update(object.value(QLatin1String("config")).toObject(), QStringLiteral("config"));
        if (!config)
            return std::nullopt;
        object.insert(QStringLiteral("config"), *config);
        QJsonArray layers;
        const QJsonArray original = object.value(QLatin1String("layers")).toArray();
        for (qsizetype i = 0; i < original.size(); ++i) {
            const auto layer = update(original.at(i).toObject(), QStringLiteral("layers[%1]").arg(i));
            if (!layer)
                return std::nullopt;
            layers.append(*layer);
        }
        object.insert(QStringLiteral("layers"), layers);
    }
    if (!convert && !replaced)
        return manifest;
    QString mediaType = manifest.mediaType();
    if (convert) {
        mediaType = mediaTypeIn(manifest.mediaType(), format);
        if (format == Format::DockerSchema2) {
            for (const char *key : {"subject", "artifactType"}) {
                if (object.contains(QLatin1String(key))) {
                    *error = QStringLiteral("the manifest has \"%1\", which Docker schema 2 cannot hold").arg(QLatin1String(key));
                    return std::nullopt;
                }
            }
            object.remove(QStringLiteral("annotations"));
        }
        object.insert(QStringLiteral("mediaType"), mediaType);
    }
    return Manifest::parse(QJsonDocument(object).toJson(QJsonDocument::Compact), mediaType, error);
}

} // namespace crossdock::ManifestConversion
