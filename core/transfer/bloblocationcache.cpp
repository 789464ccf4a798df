// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/bloblocationcache.h"

#include "core/base/durablefile.h"
#include "core/base/logging.h"
#include "core/base/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cstdio>

namespace crossdock {

BlobLocationCache::BlobLocationCache(QString path)
    : m_path(std::move(path))
{
    load();
}

QString BlobLocationCache::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/crossdock/blob-locations.json");
}

void BlobLocationCache::load()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    // A damaged cache is only a lost optimisation: start empty.
    const QJsonObject root = QJsonDocument::fromJson(file.read(64 * 1024 * 1024)).object();
    const QJsonObject blobs = root.value(QLatin1String("blobs")).toObject();
    for (auto it = blobs.begin(); it != blobs.end(); ++it) {
        if (!Digest::parse(it.key()).isValid())
            continue;
        QList<Location> list;
        for (const QJsonValue &v : it.value().toArray()) {
            const QJsonObject o = v.toObject();
            list << Location{o.value(QLatin1String("host")).toString(), o.value(QLatin1String("repository")).toString(),
                             QDateTime::fromString(o.value(QLatin1String("seen")).toString(), Qt::ISODate)};
        }
        m_locations.insert(it.key(), list);
    }
    const QJsonObject conversions = root.value(QLatin1String("conversions")).toObject();
    for (auto it = conversions.begin(); it != conversions.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        Converted converted;
        converted.result.digest = Digest::parse(o.value(QLatin1String("digest")).toString());
        converted.result.size = o.value(QLatin1String("size")).toInteger(-1);
        converted.result.mediaType = o.value(QLatin1String("mediaType")).toString();
        converted.seen = QDateTime::fromString(o.value(QLatin1String("seen")).toString(), Qt::ISODate);
        if (converted.result.digest.isValid() && converted.result.size >= 0)
            m_conversions.insert(it.key(), converted);
    }
}

void BlobLocationCache::recordConversion(const Digest &source, const QString &conversion, const Descriptor &result)
{
    m_conversions.insert(source.toString() + QLatin1Char('>') + conversion, Converted {result, QDateTime::currentDateTimeUtc()});
    m_dirty = true;
}

void BlobLocationCache::forgetConversion(const Digest &source, const QString &conversion)
{
    if (m_conversions.remove(source.toString() + QLatin1Char('>') + conversion))
        m_dirty = true;
}

std::optional<Descriptor> BlobLocationCache::conversion(const Digest &source, const QString &conversion) const
{
    const auto it = m_conversions.constFind(source.toString() + QLatin1Char('>') + conversion);
    if (it == m_conversions.constEnd())
        return std::nullopt;
    return it->result;
}

void BlobLocationCache::record(const Digest &digest, const QString &host, const QString &repository)
{
    QList<Location> &list = m_locations[digest.toString()];
    list.removeIf([&](const Location &l) { return l.host == host && l.repository == repository; });
    list.prepend(Location{host, repository, QDateTime::currentDateTimeUtc()});
    while (list.size() > MaxLocationsPerDigest)
        list.removeLast();
    m_dirty = true;
}

void BlobLocationCache::forget(const Digest &digest, const QString &host, const QString &repository)
{
    auto it = m_locations.find(digest.toString());
    if (it == m_locations.end())
        return;
    it->removeIf([&](const Location &l) { return l.host == host && l.repository == repository; });
    if (it->isEmpty())
        m_locations.erase(it);
    m_dirty = true;
}

QStringList BlobLocationCache::repositoriesOn(const Digest &digest, const QString &host) const
{
    QStringList repositories;
    for (const Location &l : m_locations.value(digest.toString()))
        if (l.host == host)
            repositories << l.repository;
    return repositories;
}

bool BlobLocationCache::save()
{
    if (m_path.isEmpty() || !m_dirty)
        return true;
    // Bounded: keep the most recently seen digests.
    if (m_locations.size() > MaxDigests) {
        QList<QPair<QDateTime, QString>> byAge;
        for (auto it = m_locations.cbegin(); it != m_locations.cend(); ++it)
            byAge << qMakePair(it->isEmpty() ? QDateTime() : it->first().seen, it.key());
        std::sort(byAge.begin(), byAge.end());
        for (qsizetype i = 0; i < byAge.size() - MaxDigests; ++i)
            m_locations.remove(byAge[i].second);
    }
    if (m_conversions.size() > MaxDigests) {
        QList<QPair<QDateTime, QString>> byAge;
        for (auto it = m_conversions.cbegin(); it != m_conversions.cend(); ++it)
            byAge << qMakePair(it->seen, it.key());
        std::sort(byAge.begin(), byAge.end());
        for (qsizetype i = 0; i < byAge.size() - MaxDigests; ++i)
            m_conversions.remove(byAge[i].second);
    }
    QJsonObject conversions;
    for (auto it = m_conversions.cbegin(); it != m_conversions.cend(); ++it)
        conversions.insert(it.key(), QJsonObject {{QStringLiteral("digest"), it->result.digest.toString()},
                                         {QStringLiteral("size"), it->result.size},
                                         {QStringLiteral("mediaType"), it->result.mediaType},
                                         {QStringLiteral("seen"), it->seen.toString(Qt::ISODate)}});
    QJsonObject blobs;
    for (auto it = m_locations.cbegin(); it != m_locations.cend(); ++it) {
        QJsonArray list;
        for (const Location &l : *it)
            list.append(QJsonObject{{QStringLiteral("host"), l.host},
                                    {QStringLiteral("repository"), l.repository},
                                    {QStringLiteral("seen"), l.seen.toString(Qt::ISODate)}});
        blobs.insert(it.key(), list);
    }
    // Host and repository names are private: owner-only folder and file.
    if (!makePrivateDirectory(QFileInfo(m_path).absolutePath()))
        return false;
    // Whole or not at all, under a temporary name of this process's own (two
    // processes saving at once cannot mix their bytes).
    const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("blobs"), blobs},
                                                              {QStringLiteral("conversions"), conversions}}).toJson(QJsonDocument::Compact);
    QString error;
    if (!DurableFile::writeWhole(m_path, bytes, &error, 0600)) {
        qCWarning(lcHttp) << "cannot write blob location cache:" << error;
        return false;
    }
    m_dirty = false;
    return true;
}

} // namespace crossdock
