// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/image/platform.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace crossdock {

// A content descriptor: what a manifest says about a blob or a child manifest.
struct Descriptor
{
    // Sizes are checked against BlobSizeLimit (1 TiB unless set otherwise)
    // when a manifest is parsed.
    QString mediaType;
    Digest digest;
    qint64 size = -1;
    QJsonObject annotations;
    std::optional<Platform> platform;
    QStringList urls;

    // Layers that must not be redistributed (Windows base layers) stay
    // where their URLs point; copies leave them out, as skopeo and docker do.
    bool isNonDistributable() const
    {
        return mediaType.contains(QLatin1String("foreign")) || mediaType.contains(QLatin1String("nondistributable"));
    }
};

// A typed, validated, read-only view of raw manifest bytes. The raw bytes are
// kept unchanged: a manifest is copied and digested as received, never
// re-serialised.
class Manifest final
{
public:
    enum class Kind { Image, Index, Schema1 };

    // Limit on manifest size for reads and pushes (4 MiB, as containers/image).
    static constexpr qint64 MaxSize = 4 * 1024 * 1024;

    // Parses and validates. contentType is the HTTP Content-Type the document
    // came with (empty if unknown, e.g. a local file).
    static std::optional<Manifest> parse(const QByteArray &raw, const QString &contentType, QString *error);

    Kind kind() const { return m_kind; }
    bool isIndex() const { return m_kind == Kind::Index; }
    QString mediaType() const { return m_mediaType; }
    const QByteArray &raw() const { return m_raw; }
    // sha256 over the exact bytes (for signed schema 1, over the payload
    // without signatures, as registries compute it).
    Digest digest() const { return m_digest; }

    // Image manifests.
    const Descriptor &config() const { return m_config; }
    const QList<Descriptor> &layers() const { return m_layers; }
    // Indexes.
    const QList<Descriptor> &manifests() const { return m_manifests; }
    const QJsonObject &annotations() const { return m_annotations; }
    // Schema 1: the top layer's v1Compatibility JSON, the closest thing to a config.
    const QJsonObject &schema1Config() const { return m_schema1Config; }

    // The child manifest for a platform, or nullopt.
    std::optional<Descriptor> childFor(const Platform &wanted) const;
    QStringList platformNames() const;

    // A new index with only the given children (same media type, other
    // fields kept). Its digest differs from this one's.
    std::optional<Manifest> withChildren(const QList<Descriptor> &children, QString *error) const;

    // The bytes a signed schema 1 manifest's digest is computed over.
    static QByteArray schema1Payload(const QByteArray &raw, QString *error);

private:
    Kind m_kind = Kind::Image;
    QString m_mediaType;
    QByteArray m_raw;
    Digest m_digest;
    Descriptor m_config;
    QList<Descriptor> m_layers;
    QList<Descriptor> m_manifests;
    QJsonObject m_annotations;
    QJsonObject m_schema1Config;
};

} // namespace crossdock
