// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/dir/dirimagereader.h"

#include "core/transports/dir/dirformat.h"
#include "core/transports/fileblobstream.h"
#include "core/transports/localmanifestjob.h"

#include <QFile>
#include <QFileInfo>

namespace crossdock {

DirImageReader::DirImageReader(const QString &folder, QObject *parent)
    : ImageReader(parent)
    , m_folder(folder)
{
}

QString DirImageReader::describe() const
{
    return QStringLiteral("dir:") + m_folder;
}

ReadManifestJob *DirImageReader::readManifest(const Digest &digest, QObject *parent)
{
    return new LocalManifestJob(
        [this, digest](Error *error) -> std::optional<Manifest> {
            if (!QFileInfo(m_folder).isDir()) {
                *error = Error::make(Error::Code::NotFound, QStringLiteral("%1: no such folder").arg(describe()));
                return std::nullopt;
            }
            QFile file(DirFormat::manifestPath(m_folder, digest));
            if (!file.open(QIODevice::ReadOnly)) {
                *error = Error::make(digest.isValid() ? Error::Code::BadResponse : Error::Code::NotFound,
                    QStringLiteral("%1: cannot read %2: %3").arg(describe(), file.fileName(), file.errorString()));
                return std::nullopt;
            }
            if (file.size() > Manifest::MaxSize) {
                *error = Error::make(Error::Code::BadResponse,
                    QStringLiteral("%1: %2 is %3 bytes, larger than any manifest may be")
                        .arg(describe(), file.fileName())
                        .arg(file.size()));
                return std::nullopt;
            }
            QString why;
            auto manifest = Manifest::parse(file.readAll(), QString(), &why);
            if (manifest && digest.isValid() && manifest->digest() != digest)
                why = QStringLiteral("its bytes hash to %1, not %2").arg(manifest->digest().toString(), digest.toString());
            if (!manifest || !why.isEmpty()) {
                *error = Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2: %3").arg(describe(), file.fileName(), why));
                return std::nullopt;
            }
            return manifest;
        },
        parent);
}

BlobStream *DirImageReader::readBlob(const Descriptor &blob, QObject *parent)
{
    return new FileBlobStream(DirFormat::blobPath(m_folder, blob.digest), 0, blob,
        QStringLiteral("blob %1 of %2").arg(blob.digest.toString(), describe()), parent);
}

} // namespace crossdock
