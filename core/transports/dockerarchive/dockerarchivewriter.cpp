// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/dockerarchive/dockerarchivewriter.h"

#include "core/image/mediatypes.h"
#include "core/transports/archive/tarmembersink.h"
#include "core/transports/archive/tarwriter.h"
#include "core/transports/dockerarchive/layertarsink.h"
#include "core/transports/localblobjobs.h"
#include "core/transports/localjob.h"
#include "core/transports/writeblobjob.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

DockerArchiveWriter::DockerArchiveWriter(const QString &path, const QStringList &repoTags, QObject *parent)
    : ImageWriter(parent)
    , m_path(path)
{
    for (const QString &tag : repoTags)
        if (!tag.isEmpty() && !m_repoTags.contains(tag))
            m_repoTags << tag;
}

DockerArchiveWriter::~DockerArchiveWriter() = default;

QString DockerArchiveWriter::describe() const
{
    return QStringLiteral("docker-archive:") + m_path + (m_repoTags.isEmpty() ? QString() : QLatin1Char(':') + m_repoTags.first());
}

QString DockerArchiveWriter::streamKey() const
{
    return QStringLiteral("docker-archive:") + m_path;
}

TarWriter *DockerArchiveWriter::archive(Error *error)
{
    if (m_archive)
        return m_archive.get();
    // What a killed run left beside the archive goes first.
    removeStaleTemporaries(QFileInfo(m_path).absolutePath());
    auto archive = std::make_unique<TarWriter>(m_path);
    QString why;
    if (!archive->open(&why)) {
        *error = Error::make(Error::Code::Io, why);
        return nullptr;
    }
    m_archive = std::move(archive);
    return m_archive.get();
}

CheckBlobJob *DockerArchiveWriter::checkBlob(const Descriptor &, const RegistryOrigin &, QObject *parent)
{
    return new LocalCheckBlobJob(false, parent);
}

PutBlobJob *DockerArchiveWriter::putBlob(
    const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &, QObject *parent)
{
    Error error;
    TarWriter *tar = archive(&error);
    if (!tar)
        return new FailedBlobJob(blob, error, parent);
    if (MediaType::isConfig(blob.mediaType)) {
        const QString name = blob.digest.hex() + QStringLiteral(".json");
        if (tar->contains(name))
            return new PresentBlobJob(blob, parent);
        return new WriteBlobJob(blob, open, [tar, name] { return std::make_unique<TarMemberSink>(tar, name); }, parent);
    }
    return new WriteBlobJob(blob, open, [tar, blob] { return std::make_unique<LayerTarSink>(tar, blob); }, parent);
}

Job *DockerArchiveWriter::putManifest(const Manifest &, bool, QObject *parent)
{
    // An archive holds no registry manifest: manifest.json, in commit(), names the parts.
    return new LocalJob([] { return Error(); }, parent);
}

Job *DockerArchiveWriter::commit(const Manifest &top, QObject *parent)
{
    return new LocalJob(
        [this, top] {
            Error error;
            TarWriter *tar = archive(&error);
            if (!tar)
                return error;
            if (!top.config().digest.isValid())
                return Error::make(Error::Code::Unsupported,
                    QStringLiteral("%1 holds container images only; %2 has no config").arg(describe(), top.mediaType()));
            QJsonArray layers;
            for (const Descriptor &layer : top.layers())
                layers.append(QString(layer.digest.hex() + QStringLiteral(".tar")));
            const QJsonArray repoTags = QJsonArray::fromStringList(m_repoTags);
            const QJsonObject image{{QStringLiteral("Config"), QString(top.config().digest.hex() + QStringLiteral(".json"))},
                {QStringLiteral("RepoTags"), repoTags}, {QStringLiteral("Layers"), layers}};
            const QJsonArray manifest{image};
            QString why;
            if (!tar->addFile(QStringLiteral("manifest.json"), QJsonDocument(manifest).toJson(QJsonDocument::Compact), &why)
                || !tar->commit(&why))
                return Error::make(Error::Code::Io, why);
            m_archive.reset();
            return Error();
        },
        parent);
}

} // namespace crossdock
