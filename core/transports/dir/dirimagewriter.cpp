// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/dir/dirimagewriter.h"

#include "core/base/durablefile.h"
#include "core/transports/dir/dirformat.h"
#include "core/transports/localblobjobs.h"
#include "core/transports/localjob.h"
#include "core/transports/writeblobjob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace crossdock {

namespace {

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    return DurableFile::writeWhole(path, bytes, error);
}

QString osError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

std::unique_ptr<DirImageWriter> DirImageWriter::open(const QString &folder, QString *error, QObject *parent)
{
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir()) {
        *error = QStringLiteral("dir:%1 is a file, not a folder").arg(folder);
        return nullptr;
    }
    if (info.isDir() && !QDir(folder).isEmpty()) {
        QFile version(DirFormat::versionPath(folder));
        if (!version.open(QIODevice::ReadOnly) || version.read(DirFormat::Version.size() + 1) != DirFormat::Version) {
            *error = QStringLiteral("dir:%1 is not empty and is not a dir: image (no \"%2\" version file); "
                                    "it is left as it is")
                         .arg(folder, QString::fromLatin1(DirFormat::Version.trimmed()));
            return nullptr;
        }
    }
    return std::unique_ptr<DirImageWriter>(new DirImageWriter(info.absoluteFilePath(), parent));
}

DirImageWriter::DirImageWriter(const QString &folder, QObject *parent)
    : ImageWriter(parent)
    , m_folder(folder)
{
}

DirImageWriter::~DirImageWriter()
{
    // Not committed: the new folder goes, the old image stays as it was.
    if (!m_staging.isEmpty())
        QDir(m_staging).removeRecursively();
}

QString DirImageWriter::describe() const
{
    return QStringLiteral("dir:") + m_folder;
}

QString DirImageWriter::streamKey() const
{
    return QStringLiteral("dir:") + m_folder;
}

QString DirImageWriter::staging(Error *error)
{
    if (!m_staging.isEmpty())
        return m_staging;
    const QFileInfo target(m_folder);
    if (!QDir().mkpath(target.absolutePath())) {
        *error = Error::make(Error::Code::Io, QStringLiteral("cannot create %1").arg(target.absolutePath()));
        return {};
    }
    // What a killed run left beside the target goes first.
    removeStaleTemporaries(target.absolutePath());
    // Beside the target, so commit() is a rename on the same file system.
    const QString folder = DurableFile::temporaryPathFor(m_folder);
    if (::mkdir(QFile::encodeName(folder).constData(), 0755) != 0) {
        *error = Error::make(Error::Code::Io, QStringLiteral("cannot write beside %1: %2").arg(m_folder, osError()));
        return {};
    }
    m_staging = folder;
    QString why;
    if (!writeFile(DirFormat::versionPath(folder), DirFormat::Version, &why)) {
        *error = Error::make(Error::Code::Io, why);
        return {};
    }
    return m_staging;
}

bool DirImageWriter::hasOldBlob(const Descriptor &blob) const
{
    const QFileInfo old(DirFormat::blobPath(m_folder, blob.digest));
    return old.isFile() && old.size() == blob.size;
}

CheckBlobJob *DirImageWriter::checkBlob(const Descriptor &blob, const RegistryOrigin &, QObject *parent)
{
    return new LocalCheckBlobJob(hasOldBlob(blob), parent);
}

PutBlobJob *DirImageWriter::putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &, QObject *parent)
{
    Error error;
    const QString folder = staging(&error);
    if (folder.isEmpty())
        return new FailedBlobJob(blob, error, parent);
    if (blob.size < 0) // recompressed on the way: named by the digest it turns out to have
        return WriteBlobJob::toFileNamedByDigest(
            blob, open, folder, [folder](const Digest &digest) { return DirFormat::blobPath(folder, digest); }, parent);
    const QString target = DirFormat::blobPath(folder, blob.digest);
    // The old image's file, shared rather than copied (both names stay valid
    // until the old folder goes).
    if (hasOldBlob(blob)
        && ::link(QFile::encodeName(DirFormat::blobPath(m_folder, blob.digest)).constData(),
               QFile::encodeName(target).constData())
            == 0)
        return new PresentBlobJob(blob, parent);
    return WriteBlobJob::toFile(blob, open, target, parent);
}

Job *DirImageWriter::putManifest(const Manifest &manifest, bool isTop, QObject *parent)
{
    return new LocalJob(
        [this, manifest, isTop] {
            Error error;
            const QString folder = staging(&error);
            if (folder.isEmpty())
                return error;
            QString why;
            if (!writeFile(DirFormat::manifestPath(folder, isTop ? Digest() : manifest.digest()), manifest.raw(), &why))
                return Error::make(Error::Code::Io, why);
            return Error();
        },
        parent);
}

Job *DirImageWriter::commit(const Manifest &, QObject *parent)
{
    return new LocalJob(
        [this] {
            Error error;
            const QString folder = staging(&error);
            if (folder.isEmpty())
                return error;
            const QByteArray target = QFile::encodeName(m_folder);
            QByteArray old;
            if (QFileInfo(m_folder).isDir() && !QDir(m_folder).isEmpty()) {
                // The old image steps aside first; it goes once the new one is in place.
                old = QFile::encodeName(DurableFile::temporaryPathFor(m_folder));
                if (::rename(target.constData(), old.constData()) != 0)
                    return Error::make(Error::Code::Io, QStringLiteral("cannot replace %1: %2").arg(m_folder, osError()));
            }
            if (::rename(QFile::encodeName(folder).constData(), target.constData()) != 0) {
                const QString why = osError();
                if (!old.isEmpty())
                    ::rename(old.constData(), target.constData());
                return Error::make(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(m_folder, why));
            }
            m_staging.clear();
            if (!old.isEmpty())
                QDir(QFile::decodeName(old)).removeRecursively();
            QString why;
            if (!DurableFile::syncFolder(QFileInfo(m_folder).absolutePath(), &why))
                return Error::make(Error::Code::Io, why);
            return Error();
        },
        parent);
}

} // namespace crossdock
