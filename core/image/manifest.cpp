// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/manifest.h"

#include "core/image/blobsizelimit.h"
#include "core/image/mediatypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace crossdock {

namespace {

// "application/vnd.oci.image.manifest.v1+json; charset=utf-8" -> the type alone.
QString bareType(const QString &contentType)
{
    return contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

bool isGenericType(const QString &type)
{
    return type.isEmpty() || type == QLatin1String("application/json") || type == QLatin1String("text/plain")
        || type == QLatin1String("application/octet-stream");
}

std::optional<Descriptor> parseDescriptor(const QJsonValue &value, const QString &where, QString *error)
{
    if (!value.isObject()) {
        *error = QStringLiteral("%1 is not an object").arg(where);
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    Descriptor d;
    d.mediaType = object.value(QLatin1String("mediaType")).toString();
    QString digestError;
    d.digest = Digest::parse(object.value(QLatin1String("digest")).toString(), &digestError);
    if (!d.digest.isValid()) {
        *error = QStringLiteral("%1: %2").arg(where, digestError);
        return std::nullopt;
    }
    // Checked before anything is built from it: a size of 2^63 or 1e300
    // would overflow what it is cast to (a request's length, a buffer).
    const QJsonValue size = object.value(QLatin1String("size"));
    const double bytes = size.toDouble(-1);
    // Whole numbers as they were written; beyond 10^18 in short form.
    const QString shown = std::abs(bytes) < 1e18 ? QString::number(bytes, 'f', bytes == std::floor(bytes) ? 0 : 3)
                                                 : QString::number(bytes, 'g', 6);
    if (!size.isDouble() || !std::isfinite(bytes) || bytes < 0 || bytes != std::floor(bytes)) {
        *error = QStringLiteral("%1: size %2 is not a whole, non-negative number of bytes")
                     .arg(where, size.isDouble() ? shown : QStringLiteral("(missing)"));
        return std::nullopt;
    }
    if (bytes > static_cast<double>(BlobSizeLimit::current())) {
        *error = QStringLiteral("%1: size %2 is over the %3-byte limit for one blob (%4)")
                     .arg(where, shown)
                     .arg(BlobSizeLimit::current())
                     .arg(QString::fromLatin1(BlobSizeLimit::EnvironmentVariable));
        return std::nullopt;
    }
    d.size = static_cast<qint64>(bytes);
    d.annotations = object.value(QLatin1String("annotations")).toObject();
    if (object.contains(QLatin1String("platform")))
        d.platform = Platform::fromJson(object.value(QLatin1String("platform")).toObject());
    for (const QJsonValue &url : object.value(QLatin1String("urls")).toArray())
        d.urls << url.toString();
    return d;
}

std::optional<QList<Descriptor>> parseDescriptorList(const QJsonObject &object, const QString &key, QString *error)
{
    const QJsonValue value = object.value(key);
    if (!value.isArray()) {
        *error = QStringLiteral("\"%1\" is missing or not a list").arg(key);
        return std::nullopt;
    }
    QList<Descriptor> list;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto d = parseDescriptor(array.at(i), QStringLiteral("%1[%2]").arg(key).arg(i), error);
        if (!d)
            return std::nullopt;
        list << *d;
    }
    return list;
}

QByteArray base64UrlDecode(const QString &text)
{
    return QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QByteArray Manifest::schema1Payload(const QByteArray &raw, QString *error)
{
    // A libtrust JWS: the payload is the document up to formatLength, then
    // formatTail, as named in each signature's protected header.
    const QJsonObject object = QJsonDocument::fromJson(raw).object();
    const QJsonArray signatures = object.value(QLatin1String("signatures")).toArray();
    if (signatures.isEmpty())
        return raw;
    const QJsonObject header = QJsonDocument::fromJson(
        base64UrlDecode(signatures.first().toObject().value(QLatin1String("protected")).toString())).object();
    const qint64 formatLength = header.value(QLatin1String("formatLength")).toInteger(-1);
    const QByteArray tail = base64UrlDecode(header.value(QLatin1String("formatTail")).toString());
    if (formatLength < 0 || formatLength > raw.size()) {
        *error = QStringLiteral("schema 1 signature header has no valid formatLength");
        return {};
    }
    return raw.left(formatLength) + tail;
}

std::optional<Manifest> Manifest::parse(const QByteArray &raw, const QString &contentType, QString *error)
{
    if (raw.size() > MaxSize) {
        *error = QStringLiteral("manifest is %1 bytes, over the %2-byte limit").arg(raw.size()).arg(MaxSize);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(raw, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("manifest is not valid JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset)
            : QStringLiteral("manifest is not a JSON object");
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    const QString headerType = bareType(contentType);
    const QString fieldType = object.value(QLatin1String("mediaType")).toString();
    const bool hasManifests = object.contains(QLatin1String("manifests"));
    const bool hasImageParts = object.contains(QLatin1String("layers")) || object.contains(QLatin1String("config"));
    const int schemaVersion = object.value(QLatin1String("schemaVersion")).toInt();

    if (hasManifests && hasImageParts) {
        *error = QStringLiteral("manifest has both \"manifests\" and \"layers\"/\"config\"; refusing an ambiguous document");
        return std::nullopt;
    }
    if (!fieldType.isEmpty() && !isGenericType(headerType) && fieldType != headerType) {
        *error = QStringLiteral("manifest says mediaType \"%1\" but was served as \"%2\"").arg(fieldType, headerType);
        return std::nullopt;
    }

    QString type = !fieldType.isEmpty() ? fieldType : (!isGenericType(headerType) ? headerType : QString());
    if (type.isEmpty()) {
        // Untyped documents (older OCI, local files): infer from the structure.
        if (schemaVersion == 1)
            type = MediaType::DockerSchema1Signed;
        else if (hasManifests)
            type = MediaType::OciIndex;
        else if (hasImageParts)
            type = MediaType::OciManifest;
    }

    Manifest m;
    m.m_raw = raw;
    m.m_mediaType = type;

    if (MediaType::isSchema1(type)) {
        if (schemaVersion != 1) {
            *error = QStringLiteral("schema 1 manifest has schemaVersion %1").arg(schemaVersion);
            return std::nullopt;
        }
        m.m_kind = Kind::Schema1;
        const QByteArray payload = schema1Payload(raw, error);
        if (payload.isEmpty())
            return std::nullopt;
        m.m_digest = Digest::sha256Of(payload);
        const QJsonArray fsLayers = object.value(QLatin1String("fsLayers")).toArray();
        // fsLayers lists the top layer first.
        for (qsizetype i = fsLayers.size() - 1; i >= 0; --i) {
            Descriptor d;
            QString digestError;
            d.digest = Digest::parse(fsLayers.at(i).toObject().value(QLatin1String("blobSum")).toString(), &digestError);
            if (!d.digest.isValid()) {
                *error = QStringLiteral("fsLayers[%1]: %2").arg(i).arg(digestError);
                return std::nullopt;
            }
            d.mediaType = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
            m.m_layers << d;
        }
        const QJsonArray history = object.value(QLatin1String("history")).toArray();
        if (!history.isEmpty())
            m.m_schema1Config = QJsonDocument::fromJson(
                history.first().toObject().value(QLatin1String("v1Compatibility")).toString().toUtf8()).object();
        return m;
    }

    if (schemaVersion != 2) {
        *error = QStringLiteral("unsupported schemaVersion %1 (expected 2)").arg(schemaVersion);
        return std::nullopt;
    }
    m.m_digest = Digest::sha256Of(raw);
    m.m_annotations = object.value(QLatin1String("annotations")).toObject();

    if (MediaType::isIndex(type)) {
        if (hasImageParts) {
            *error = QStringLiteral("index \"%1\" carries layers or config").arg(type);
            return std::nullopt;
        }
        auto manifests = parseDescriptorList(object, QStringLiteral("manifests"), error);
        if (!manifests)
            return std::nullopt;
        m.m_kind = Kind::Index;
        m.m_manifests = *manifests;
        return m;
    }
    if (MediaType::isImageManifest(type)) {
        if (hasManifests) {
            *error = QStringLiteral("image manifest \"%1\" carries a manifests list").arg(type);
            return std::nullopt;
        }
        auto config = parseDescriptor(object.value(QLatin1String("config")), QStringLiteral("config"), error);
        if (!config)
            return std::nullopt;
        auto layers = parseDescriptorList(object, QStringLiteral("layers"), error);
        if (!layers)
            return std::nullopt;
        m.m_kind = Kind::Image;
        m.m_config = *config;
        m.m_layers = *layers;
        return m;
    }
    *error = type.isEmpty() ? QStringLiteral("manifest has no media type and no recognisable structure")
                            : QStringLiteral("unknown manifest media type \"%1\"").arg(type);
    return std::nullopt;
}

std::optional<Manifest> Manifest::withChildren(const QList<Descriptor> &children, QString *error) const
{
    QJsonObject object = QJsonDocument::fromJson(m_raw).object();
    const QJsonArray original = object.value(QLatin1String("manifests")).toArray();
    QJsonArray kept;
    for (const QJsonValue &entry : original) {
        const QString digest = entry.toObject().value(QLatin1String("digest")).toString();
        for (const Descriptor &child : children)
            if (child.digest.toString() == digest)
                kept.append(entry);
    }
    object.insert(QStringLiteral("manifests"), kept);
    return parse(QJsonDocument(object).toJson(QJsonDocument::Indented), m_mediaType, error);
}

std::optional<Descriptor> Manifest::childFor(const Platform &wanted) const
{
    for (const Descriptor &d : m_manifests) {
        if (d.platform && d.platform->satisfies(wanted))
            return d;
    }
    return std::nullopt;
}

QStringList Manifest::platformNames() const
{
    QStringList names;
    for (const Descriptor &d : m_manifests)
        names << (d.platform ? d.platform->toString() : QStringLiteral("unknown"));
    return names;
}

} // namespace crossdock
