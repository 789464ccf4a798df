// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/dockerarchive/dockerarchivereader.h"

#include "core/image/imagereference.h"
#include "core/image/mediatypes.h"
#include "core/transports/archive/tarreader.h"
#include "core/transports/failedblobstream.h"
#include "core/transports/fileblobstream.h"
#include "core/transports/localmanifestjob.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

namespace {

// Configs are small, but not as small as manifests must be.
constexpr qint64 MaxConfigSize = 16 * 1024 * 1024;

std::optional<QJsonArray> readArchiveManifest(const TarReader &tar, QString *error)
{
    const auto bytes = tar.read(QStringLiteral("manifest.json"), Manifest::MaxSize, error);
    if (!bytes) {
        *error = QStringLiteral("%1 is not a docker archive: %2").arg(tar.path(), *error);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &parseError);
    if (!document.isArray()) {
        *error = QStringLiteral("manifest.json in %1 is not a JSON list (%2)").arg(tar.path(), parseError.errorString());
        return std::nullopt;
    }
    return document.array();
}

QString canonical(const QString &reference)
{
    QString error;
    const ImageReference parsed = ImageReference::parse(reference, &error);
    return parsed.isValid() ? parsed.toString() : reference;
}

bool looksCompressed(const QString &path, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return false;
    const QByteArray head = file.read(4);
    return head.startsWith("\x1f\x8b") || head.startsWith(QByteArray::fromHex("28b52ffd"));
}

} // namespace

DockerArchiveReader::DockerArchiveReader(const QString &path, const QString &reference, int index, QObject *parent)
    : ImageReader(parent)
    , m_path(path)
    , m_reference(reference)
    , m_index(index)
{
}

DockerArchiveReader::~DockerArchiveReader() = default;

QString DockerArchiveReader::describe() const
{
    QString text = QStringLiteral("docker-archive:") + m_path;
    if (!m_reference.isEmpty())
        text += QLatin1Char(':') + m_reference;
    else if (m_index >= 0)
        text += QStringLiteral(":@%1").arg(m_index);
    return text;
}

std::optional<QList<QStringList>> DockerArchiveReader::repoTags(const QString &path, QString *error)
{
    const auto tar = TarReader::open(path, error);
    if (!tar)
        return std::nullopt;
    const auto items = readArchiveManifest(*tar, error);
    if (!items)
        return std::nullopt;
    QList<QStringList> tags;
    for (const QJsonValue &item : *items) {
        QStringList these;
        for (const QJsonValue &tag : item.toObject().value(QLatin1String("RepoTags")).toArray())
            these << tag.toString();
        tags << these;
    }
    return tags;
}

std::optional<DockerArchiveReader::Image> DockerArchiveReader::load(Error *error)
{
    if (m_image)
        return m_image;
    const auto fail = [&](Error::Code code, const QString &why) {
        *error = Error::make(code, QStringLiteral("%1: %2").arg(describe(), why));
        return std::nullopt;
    };
    QString why;
    if (!m_archive) {
        auto opened = TarReader::open(m_path, &why);
        if (!opened)
            return fail(Error::Code::InvalidInput, why);
        m_archive = std::make_unique<TarReader>(std::move(*opened));
    }
    const auto items = readArchiveManifest(*m_archive, &why);
    if (!items)
        return fail(Error::Code::InvalidInput, why);

    // Which image: by one of its RepoTags, by position, or the only one.
    QJsonObject item;
    if (!m_reference.isEmpty()) {
        const QString wanted = canonical(m_reference);
        for (const QJsonValue &candidate : *items)
            for (const QJsonValue &tag : candidate.toObject().value(QLatin1String("RepoTags")).toArray())
                if (canonical(tag.toString()) == wanted)
                    item = candidate.toObject();
        if (item.isEmpty())
            return fail(Error::Code::NotFound, QStringLiteral("no image tagged %1 in the archive").arg(m_reference));
    } else if (m_index >= 0) {
        if (m_index >= items->size())
            return fail(Error::Code::NotFound,
                QStringLiteral("the archive holds %1 images; @%2 is not one of them (they count from @0)")
                    .arg(items->size())
                    .arg(m_index));
        item = items->at(m_index).toObject();
    } else {
        if (items->size() != 1)
            return fail(Error::Code::InvalidInput,
                QStringLiteral("the archive holds %1 images; name one with :REF or :@N").arg(items->size()));
        item = items->first().toObject();
    }

    const QString configName = item.value(QLatin1String("Config")).toString();
    const auto configBytes = m_archive->read(configName, MaxConfigSize, &why);
    if (configName.isEmpty() || !configBytes)
        return fail(Error::Code::BadResponse, configName.isEmpty() ? QStringLiteral("an image without a Config") : why);
    const QJsonObject config = QJsonDocument::fromJson(*configBytes).object();
    const QJsonArray diffIds = config.value(QLatin1String("rootfs")).toObject().value(QLatin1String("diff_ids")).toArray();
    const QJsonArray layerNames = item.value(QLatin1String("Layers")).toArray();
    if (diffIds.size() != layerNames.size())
        return fail(Error::Code::BadResponse,
            QStringLiteral("%1 layers listed, but the config has %2 diff_ids").arg(layerNames.size()).arg(diffIds.size()));

    QHash<QString, QString> members;
    const Digest configDigest = Digest::sha256Of(*configBytes);
    members.insert(configDigest.toString(), configName);
    QJsonArray layers;
    for (qsizetype i = 0; i < layerNames.size(); ++i) {
        const QString name = layerNames.at(i).toString();
        const Digest diffId = Digest::parse(diffIds.at(i).toString(), &why);
        if (!diffId.isValid())
            return fail(Error::Code::BadResponse, QStringLiteral("diff_ids[%1]: %2").arg(i).arg(why));
        const auto member = m_archive->member(name);
        if (!member)
            return fail(Error::Code::BadResponse, QStringLiteral("layer %1 is not in the archive").arg(name));
        if (looksCompressed(m_path, member->offset))
            return fail(Error::Code::Unsupported,
                QStringLiteral("layer %1 is compressed; only plain layer tars (as docker save writes) are read").arg(name));
        members.insert(diffId.toString(), name);
        layers.append(QJsonObject{{QStringLiteral("mediaType"), MediaType::DockerLayerUncompressed},
            {QStringLiteral("size"), member->size}, {QStringLiteral("digest"), diffId.toString()}});
    }
    const QJsonObject manifest{{QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), MediaType::DockerManifest},
        {QStringLiteral("config"),
            QJsonObject{{QStringLiteral("mediaType"), MediaType::DockerConfig},
                {QStringLiteral("size"), static_cast<qint64>(configBytes->size())},
                {QStringLiteral("digest"), configDigest.toString()}}},
        {QStringLiteral("layers"), layers}};
    auto parsed = Manifest::parse(QJsonDocument(manifest).toJson(QJsonDocument::Compact), MediaType::DockerManifest, &why);
    if (!parsed)
        return fail(Error::Code::BadResponse, why);
    m_image = Image{*parsed, members};
    return m_image;
}

ReadManifestJob *DockerArchiveReader::readManifest(const Digest &digest, QObject *parent)
{
    return new LocalManifestJob(
        [this, digest](Error *error) -> std::optional<Manifest> {
            const auto image = load(error);
            if (!image)
                return std::nullopt;
            if (digest.isValid() && digest != image->manifest.digest()) {
                *error = Error::make(Error::Code::NotFound,
                    QStringLiteral("%1 holds one image; it has no manifest %2").arg(describe(), digest.toString()));
                return std::nullopt;
            }
            return image->manifest;
        },
        parent);
}

BlobStream *DockerArchiveReader::readBlob(const Descriptor &blob, QObject *parent)
{
    const QString subject = QStringLiteral("blob %1 of %2").arg(blob.digest.toString(), describe());
    Error error;
    const auto image = load(&error);
    if (!image)
        return new FailedBlobStream(blob, error, subject, parent);
    const auto member = m_archive->member(image->members.value(blob.digest.toString()));
    if (!member)
        return new FailedBlobStream(
            blob, Error::make(Error::Code::NotFound, QStringLiteral("%1: not in the archive").arg(subject)), subject, parent);
    return new FileBlobStream(m_path, member->offset, blob, subject, parent);
}

} // namespace crossdock
