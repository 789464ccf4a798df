// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/oci/ociimagereader.h"

#include "core/transports/fileblobstream.h"
#include "core/transports/localmanifestjob.h"
#include "core/transports/oci/ocilayout.h"

namespace crossdock {

OciImageReader::OciImageReader(const QString &directory, const QString &name, QObject *parent)
    : ImageReader(parent)
    , m_directory(directory)
    , m_name(name)
{
}

QString OciImageReader::describe() const
{
    return QStringLiteral("oci:") + m_directory + (m_name.isEmpty() ? QString() : QLatin1Char(':') + m_name);
}

ReadManifestJob *OciImageReader::readManifest(const Digest &digest, QObject *parent)
{
    return new LocalManifestJob(
        [directory = m_directory, name = m_name, digest](Error *error) -> std::optional<Manifest> {
            QString why;
            const auto layout = OciLayout::open(directory, false, &why);
            if (!layout) {
                *error = Error::make(Error::Code::InvalidInput, why);
                return std::nullopt;
            }
            Descriptor descriptor;
            if (digest.isValid()) {
                descriptor.digest = digest;
            } else {
                const auto named = layout->resolve(name, &why);
                if (!named) {
                    *error = Error::make(Error::Code::NotFound, why);
                    return std::nullopt;
                }
                descriptor = *named;
            }
            const auto bytes = layout->readBlob(descriptor.digest, Manifest::MaxSize, &why);
            if (!bytes) {
                *error = Error::make(Error::Code::BadResponse, why);
                return std::nullopt;
            }
            auto manifest = Manifest::parse(*bytes, descriptor.mediaType, &why);
            if (!manifest)
                *error = Error::make(Error::Code::BadResponse,
                    QStringLiteral("manifest %1 in %2: %3").arg(descriptor.digest.toString(), directory, why));
            return manifest;
        },
        parent);
}

BlobStream *OciImageReader::readBlob(const Descriptor &blob, QObject *parent)
{
    const QString path = m_directory + QStringLiteral("/blobs/") + blob.digest.algorithm() + QLatin1Char('/') + blob.digest.hex();
    return new FileBlobStream(path, 0, blob, QStringLiteral("blob %1 of %2").arg(blob.digest.toString(), describe()), parent);
}

} // namespace crossdock
