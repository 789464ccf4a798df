// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/ociarchive/ociarchivereader.h"

#include "core/transports/archive/tarreader.h"
#include "core/transports/failedblobstream.h"
#include "core/transports/fileblobstream.h"
#include "core/transports/localmanifestjob.h"
#include "core/transports/oci/ocilayout.h"

#include <QJsonDocument>

namespace crossdock {

namespace {

QString blobName(const Digest &digest)
{
    return QStringLiteral("blobs/") + digest.algorithm() + QLatin1Char('/') + digest.hex();
}

} // namespace

OciArchiveReader::OciArchiveReader(const QString &path, const QString &name, QObject *parent)
    : ImageReader(parent)
    , m_path(path)
    , m_name(name)
{
}

OciArchiveReader::~OciArchiveReader() = default;

QString OciArchiveReader::describe() const
{
    return QStringLiteral("oci-archive:") + m_path + (m_name.isEmpty() ? QString() : QLatin1Char(':') + m_name);
}

const TarReader *OciArchiveReader::archive(Error *error)
{
    if (!m_archive) {
        QString why;
        auto opened = TarReader::open(m_path, &why);
        if (!opened) {
            *error = Error::make(Error::Code::InvalidInput, why);
            return nullptr;
        }
        m_archive = std::make_unique<TarReader>(std::move(*opened));
    }
    return m_archive.get();
}

ReadManifestJob *OciArchiveReader::readManifest(const Digest &digest, QObject *parent)
{
    return new LocalManifestJob(
        [this, digest](Error *error) -> std::optional<Manifest> {
            const TarReader *tar = archive(error);
            if (!tar)
                return std::nullopt;
            QString why;
            Descriptor descriptor;
            if (digest.isValid()) {
                descriptor.digest = digest;
            } else {
                if (!tar->member(QStringLiteral("oci-layout"))) {
                    *error = Error::make(Error::Code::InvalidInput,
                        QStringLiteral("%1 is not an OCI archive (it has no oci-layout file)").arg(m_path));
                    return std::nullopt;
                }
                const auto indexBytes = tar->read(QStringLiteral("index.json"), Manifest::MaxSize, &why);
                if (!indexBytes) {
                    *error = Error::make(Error::Code::InvalidInput, why);
                    return std::nullopt;
                }
                QJsonParseError parseError;
                const QJsonDocument index = QJsonDocument::fromJson(*indexBytes, &parseError);
                if (!index.isObject()) {
                    *error = Error::make(Error::Code::InvalidInput,
                        QStringLiteral("index.json in %1 is not valid JSON (%2)").arg(m_path, parseError.errorString()));
                    return std::nullopt;
                }
                const auto named
                    = OciLayout::resolveIn(index.object(), m_name, QStringLiteral("OCI archive ") + m_path, &why);
                if (!named) {
                    *error = Error::make(Error::Code::NotFound, why);
                    return std::nullopt;
                }
                descriptor = *named;
            }
            const auto bytes = tar->read(blobName(descriptor.digest), Manifest::MaxSize, &why);
            if (!bytes) {
                *error = Error::make(Error::Code::BadResponse, why);
                return std::nullopt;
            }
            auto manifest = Manifest::parse(*bytes, descriptor.mediaType, &why);
            if (manifest && manifest->digest() != descriptor.digest)
                why = QStringLiteral("its bytes hash to %1").arg(manifest->digest().toString());
            if (!manifest || manifest->digest() != descriptor.digest) {
                *error = Error::make(Error::Code::BadResponse,
                    QStringLiteral("manifest %1 in %2: %3").arg(descriptor.digest.toString(), m_path, why));
                return std::nullopt;
            }
            return manifest;
        },
        parent);
}

BlobStream *OciArchiveReader::readBlob(const Descriptor &blob, QObject *parent)
{
    const QString subject = QStringLiteral("blob %1 of %2").arg(blob.digest.toString(), describe());
    Error error;
    const TarReader *tar = archive(&error);
    if (!tar)
        return new FailedBlobStream(blob, error, subject, parent);
    const auto member = tar->member(blobName(blob.digest));
    if (!member)
        return new FailedBlobStream(blob,
            Error::make(Error::Code::NotFound, QStringLiteral("%1: the archive has no %2").arg(subject, blobName(blob.digest))),
            subject, parent);
    if (member->size != blob.size)
        return new FailedBlobStream(blob,
            Error::make(Error::Code::BadResponse,
                QStringLiteral("%1: %2 bytes in the archive, %3 in the manifest").arg(subject).arg(member->size).arg(blob.size)),
            subject, parent);
    return new FileBlobStream(m_path, member->offset, blob, subject, parent);
}

} // namespace crossdock
