// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/localstore.h"

#include "core/base/durablefile.h"
#include "core/base/privatefiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QStandardPaths>

namespace crossdock {

LocalStore::LocalStore(QString directory)
    : m_directory(std::move(directory))
{
}

QString LocalStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/crossdock/local");
}

QString LocalStore::referencePrefix() const
{
    return QStringLiteral("oci:") + m_directory + QLatin1Char(':');
}

std::pair<QString, QString> LocalStore::splitName(const QString &refName)
{
    // The tag follows the last ':' that comes after the last '/'.
    const qsizetype slash = refName.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = refName.lastIndexOf(QLatin1Char(':'));
    if (colon > slash && colon > 0)
        return {refName.left(colon), refName.mid(colon + 1)};
    return {refName, QStringLiteral("latest")};
}

std::optional<OciLayout> LocalStore::layout(QString *error) const
{
    return OciLayout::open(m_directory, false, error);
}

bool LocalStore::hasBlob(const Digest &digest, qint64 size) const
{
    QString error;
    const auto folder = layout(&error);
    return folder && folder->hasBlob(digest, size);
}

bool LocalStore::ensureExists(QString *error) const
{
    // Images from private registries: the folder is the owner's alone.
    if (!makePrivateDirectory(m_directory, error))
        return false;
    return OciLayout::open(m_directory, true, error).has_value();
}

std::optional<QList<LocalStore::Image>> LocalStore::images(QString *error) const
{
    const auto store = layout(error);
    const auto named = store ? store->namedManifests(error) : std::nullopt;
    if (!named)
        return std::nullopt;
    QList<Image> images;
    for (const auto &[name, descriptor] : *named) {
        const auto [repository, tag] = splitName(name);
        images.append(Image {name, repository, tag, descriptor});
    }
    return images;
}

QStringList LocalStore::repositories(QString *error) const
{
    QStringList repositories;
    for (const Image &image : images(error).value_or(QList<Image>()))
        if (!repositories.contains(image.repository))
            repositories << image.repository;
    repositories.sort();
    return repositories;
}

QStringList LocalStore::tags(const QString &repository, QString *error) const
{
    QStringList tags;
    for (const Image &image : images(error).value_or(QList<Image>()))
        if (image.repository == repository && !tags.contains(image.tag))
            tags << image.tag;
    return tags;
}

std::optional<LocalStore::Image> LocalStore::find(const QString &repository, const QString &tag, QString *error) const
{
    const auto all = images(error);
    if (!all)
        return std::nullopt;
    for (const Image &image : *all)
        if (image.repository == repository && image.tag == tag)
            return image;
    *error = QStringLiteral("no image %1:%2 in the local folder %3").arg(repository, tag, m_directory);
    return std::nullopt;
}

std::optional<Descriptor> LocalStore::resolve(const QString &repository, const QString &tag, QString *error) const
{
    const auto image = find(repository, tag, error);
    return image ? std::optional<Descriptor>(image->manifest) : std::nullopt;
}

std::optional<QByteArray> LocalStore::read(const Digest &digest, qint64 maxSize, QString *error) const
{
    const auto store = layout(error);
    return store ? store->readBlob(digest, maxSize, error) : std::nullopt;
}

bool LocalStore::untag(const QString &repository, const QString &tag, QString *error) const
{
    const auto image = find(repository, tag, error);
    auto store = image ? layout(error) : std::nullopt;
    return store && store->untag(image->refName, error);
}

namespace {

QStringList leftoverFolders(const QString &directory)
{
    return {directory, directory + QStringLiteral("/blobs/sha256")};
}

// A leftover is a file or, for a dir: image being staged, a folder.
qint64 sizeOnDisk(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isDir())
        return info.size();
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

} // namespace

LocalStore::Leftovers LocalStore::staleTemporaries() const
{
    Leftovers found;
    for (const QString &folder : leftoverFolders(m_directory)) {
        for (const QString &path : DurableFile::findStale(folder)) {
            ++found.count;
            found.bytes += sizeOnDisk(path);
        }
    }
    return found;
}

qint64 LocalStore::removeStaleTemporaries() const
{
    const qint64 before = staleTemporaries().bytes;
    for (const QString &folder : leftoverFolders(m_directory))
        DurableFile::removeStale(folder);
    return before - staleTemporaries().bytes;
}

} // namespace crossdock
