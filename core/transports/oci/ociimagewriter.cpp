// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/oci/ociimagewriter.h"

#include "core/transports/localblobjobs.h"
#include "core/transports/localjob.h"
#include "core/transports/retrywhilebusyjob.h"
#include "core/transports/putblobjob.h"
#include "core/transports/writeblobjob.h"

#include <QDir>
#include <QFileInfo>

namespace crossdock {


std::unique_ptr<OciImageWriter> OciImageWriter::open(
    const QString &directory, const QString &name, Manifests manifests, QString *error, QObject *parent)
{
    // A folder that holds something else is refused before anything is
    // copied; one a concurrent writer is turning into a layout is not.
    if (!OciLayout::canHoldLayout(directory)) {
        *error = QStringLiteral("%1 is not an OCI image layout (no oci-layout file)").arg(directory);
        return nullptr;
    }
    return std::unique_ptr<OciImageWriter>(
        new OciImageWriter(QFileInfo(directory).absoluteFilePath(), name, manifests, parent));
}

OciImageWriter::OciImageWriter(const QString &directory, const QString &name, Manifests manifests, QObject *parent)
    : ImageWriter(parent)
    , m_directory(directory)
    , m_name(name)
    , m_manifests(manifests)
{
}

std::optional<OciLayout> OciImageWriter::layout(Error *error)
{
    if (!m_layout) {
        QString why;
        m_layout = OciLayout::open(m_directory, true, &why);
        if (!m_layout) {
            *error = Error::make(Error::Code::Io, why);
        } else {
            // What a killed run left behind goes before this one writes.
            removeStaleTemporaries(m_directory);
            removeStaleTemporaries(m_directory + QStringLiteral("/blobs/sha256"));
        }
    }
    return m_layout;
}

QString OciImageWriter::blobPath(const Digest &digest) const
{
    return m_directory + QStringLiteral("/blobs/") + digest.algorithm() + QLatin1Char('/') + digest.hex();
}

QString OciImageWriter::describe() const
{
    return QStringLiteral("oci:") + m_directory + (m_name.isEmpty() ? QString() : QLatin1Char(':') + m_name);
}

ImageWriter::Formats OciImageWriter::formats() const
{
    return m_manifests == Manifests::OciOnly ? Formats::OciOnly : Formats::Any;
}

QString OciImageWriter::streamKey() const
{
    return QStringLiteral("oci:") + m_directory;
}

CheckBlobJob *OciImageWriter::checkBlob(const Descriptor &blob, const RegistryOrigin &, QObject *parent)
{
    const QFileInfo file(blobPath(blob.digest));
    return new LocalCheckBlobJob(file.isFile() && file.size() == blob.size, parent);
}

PutBlobJob *OciImageWriter::putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &, QObject *parent)
{
    Error error;
    if (!layout(&error))
        return new FailedBlobJob(blob, error, parent);
    if (blob.size < 0) { // recompressed on the way: named by the digest it turns out to have
        const OciLayout layout = *m_layout;
        return WriteBlobJob::toFileNamedByDigest(blob, open, m_layout->directory() + QStringLiteral("/blobs/sha256"),
            [layout](const Digest &digest) { return layout.blobPath(digest); }, parent);
    }
    if (m_layout->hasBlob(blob.digest, blob.size))
        return new PresentBlobJob(blob, parent);
    return WriteBlobJob::toFile(blob, open, m_layout->blobPath(blob.digest), parent);
}

Job *OciImageWriter::putManifest(const Manifest &manifest, bool, QObject *parent)
{
    return new LocalJob(
        [this, manifest] {
            Error error;
            if (!layout(&error))
                return error;
            QString why;
            if (m_layout->hasBlob(manifest.digest(), manifest.raw().size())
                || m_layout->writeBlob(manifest.digest(), manifest.raw(), &why))
                return Error();
            return Error::make(Error::Code::Io, why);
        },
        parent);
}

Job *OciImageWriter::commit(const Manifest &top, QObject *parent)
{
    return new RetryWhileBusyJob(
        [this, top](bool *busy) {
            // The index entry last: a reader never sees a name whose content
            // is incomplete.
            Error error;
            if (!layout(&error))
                return error;
            Descriptor descriptor;
            descriptor.mediaType = top.mediaType();
            descriptor.digest = top.digest();
            descriptor.size = top.raw().size();
            QString why;
            if (!m_layout->tag(descriptor, m_name, &why, busy))
                return Error::make(Error::Code::Io, why);
            return Error();
        },
        QStringLiteral("the index of ") + describe(), parent);
}

} // namespace crossdock
