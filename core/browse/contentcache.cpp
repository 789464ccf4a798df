// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/contentcache.h"

#include "core/base/durablefile.h"
#include "core/base/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace crossdock {

ContentCache::ContentCache(QString directory)
    : m_directory(std::move(directory))
{
}

QString ContentCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
        + QStringLiteral("/crossdock/content");
}

QString ContentCache::pathFor(const Digest &digest) const
{
    return m_directory + QLatin1Char('/') + digest.algorithm() + QLatin1Char('/') + digest.hex();
}

std::optional<ContentCache::Entry> ContentCache::get(const Digest &digest) const
{
    if (m_directory.isEmpty() || digest.algorithm() != QLatin1String("sha256"))
        return std::nullopt;
    QFile file(pathFor(digest));
    if (!file.open(QIODevice::ReadOnly) || file.size() > MaxEntrySize)
        return std::nullopt;
    Entry entry;
    entry.bytes = file.readAll();
    if (Digest::sha256Of(entry.bytes) != digest)
        return std::nullopt;
    QFile type(pathFor(digest) + QStringLiteral(".type"));
    if (type.open(QIODevice::ReadOnly))
        entry.mediaType = QString::fromUtf8(type.read(256)).trimmed();
    return entry;
}

void ContentCache::put(const Digest &digest, const QByteArray &bytes, const QString &mediaType)
{
    if (m_directory.isEmpty() || digest.algorithm() != QLatin1String("sha256") || bytes.size() > MaxEntrySize)
        return;
    const QString path = pathFor(digest);
    if (QFile::exists(path))
        return;
    if (!makePrivateDirectory(m_directory + QLatin1Char('/') + digest.algorithm()))
        return;
    if (!mediaType.isEmpty()) {
        // The type goes first: a document is only found once both are there.
        // A cache: a failed write only means a later download.
        QString ignored;
        if (!DurableFile::writeWhole(path + QStringLiteral(".type"), mediaType.toUtf8(), &ignored, 0600))
            return;
    }
    QString ignored;
    DurableFile::writeWhole(path, bytes, &ignored, 0600);
}

} // namespace crossdock
