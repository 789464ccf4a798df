// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/ociarchive/ociarchivewriter.h"

#include "core/transports/archive/tarmembersink.h"
#include "core/transports/archive/tarwriter.h"
#include "core/transports/localblobjobs.h"
#include "core/transports/localjob.h"
#include "core/transports/oci/ocilayout.h"
#include "core/transports/writeblobjob.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

namespace {

QString blobName(const Digest &digest)
{
    return QStringLiteral("blobs/") + digest.algorithm() + QLatin1Char('/') + digest.hex();
}

} // namespace

OciArchiveWriter::OciArchiveWriter(const QString &path, const QString &name, QObject *parent)
    : ImageWriter(parent)
    , m_path(path)
    , m_name(name)
{
}

OciArchiveWriter::~OciArchiveWriter() = default;

QString OciArchiveWriter::describe() const
{
    return QStringLiteral("oci-archive:") + m_path + (m_name.isEmpty() ? QString() : QLatin1Char(':') + m_name);
}

QString OciArchiveWriter::streamKey() const
{
    return QStringLiteral("oci-archive:") + m_path;
}

TarWriter *OciArchiveWriter::archive(Error *error)
{
    if (m_archive)
        return m_archive.get();
    // What a killed run left beside the archive goes first.
    removeStaleTemporaries(QFileInfo(m_path).absolutePath());
    auto archive = std::make_unique<TarWriter>(m_path);
    QString why;
    if (!archive->open(&why) || !archive->addFile(QStringLiteral("oci-layout"), R"({"imageLayoutVersion":"1.0.0"})", &why)
        || !archive->addDirectory(QStringLiteral("blobs"), &why)
        || !archive->addDirectory(QStringLiteral("blobs/sha256"), &why)) {
        *error = Error::make(Error::Code::Io, why);
        return nullptr;
    }
    m_archive = std::move(archive);
    return m_archive.get();
}

CheckBlobJob *OciArchiveWriter::checkBlob(const Descriptor &, const RegistryOrigin &, QObject *parent)
{
    // Every copy writes a new archive: nothing is there yet.
    return new LocalCheckBlobJob(false, parent);
}

PutBlobJob *OciArchiveWriter::putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &, QObject *parent)
{
    Error error;
    TarWriter *tar = archive(&error);
    if (!tar)
        return new FailedBlobJob(blob, error, parent);
    if (tar->contains(blobName(blob.digest)))
        return new PresentBlobJob(blob, parent);
    const QString name = blobName(blob.digest);
    return new WriteBlobJob(blob, open, [tar, name] { return std::make_unique<TarMemberSink>(tar, name); }, parent);
}

Job *OciArchiveWriter::putManifest(const Manifest &manifest, bool, QObject *parent)
{
    return new LocalJob(
        [this, manifest] {
            Error error;
            TarWriter *tar = archive(&error);
            if (!tar)
                return error;
            const QString name = blobName(manifest.digest());
            QString why;
            if (!tar->contains(name) && !tar->addFile(name, manifest.raw(), &why))
                return Error::make(Error::Code::Io, why);
            return Error();
        },
        parent);
}

Job *OciArchiveWriter::commit(const Manifest &top, QObject *parent)
{
    return new LocalJob(
        [this, top] {
            Error error;
            TarWriter *tar = archive(&error);
            if (!tar)
                return error;
            if (!m_name.isEmpty() && !OciLayout::isValidRefName(m_name))
                return Error::make(Error::Code::InvalidInput,
                    QStringLiteral("invalid image name \"%1\" for %2").arg(printable(m_name, 200), describe()));
            QJsonObject entry{{QStringLiteral("mediaType"), top.mediaType()},
                {QStringLiteral("digest"), top.digest().toString()},
                {QStringLiteral("size"), static_cast<qint64>(top.raw().size())}};
            if (!m_name.isEmpty())
                entry.insert(QStringLiteral("annotations"), QJsonObject{{OciLayout::RefNameAnnotation, m_name}});
            const QJsonObject index{{QStringLiteral("schemaVersion"), 2},
                {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.index.v1+json")},
                {QStringLiteral("manifests"), QJsonArray{entry}}};
            QString why;
            if (!tar->addFile(QStringLiteral("index.json"), QJsonDocument(index).toJson(QJsonDocument::Compact), &why)
                || !tar->commit(&why))
                return Error::make(Error::Code::Io, why);
            m_archive.reset();
            return Error();
        },
        parent);
}

} // namespace crossdock
