// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/bloblocationcache.h"

#include "core/base/durablefile.h"
#include "core/base/logging.h"
#include "core/base/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstdio>

namespace crossdock {

BlobLocationCache::BlobLocationCache(QString path)
    : m_path(std::move(path))
{
}

QString BlobLocationCache::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/crossdock/blob-locations.tsv");
}

namespace {

const QByteArray Header = QByteArrayLiteral("crossdock-blob-locations\t2");

// Before version 2 the cache was JSON under this name; it is removed once a
// version 2 file is written beside it (its contents are only lost hints).
const char LegacyName[] = "blob-locations.json";

} // namespace

QString BlobLocationCache::intern(const QString &text) const
{
    // Hosts and repositories repeat across thousands of digests: one shared
    // copy each keeps a full cache to a few MiB.
    const auto it = m_strings.constFind(text);
    if (it != m_strings.constEnd())
        return *it;
    m_strings.insert(text);
    return text;
}

void BlobLocationCache::ensureLoaded() const
{
    // Read on first use, not at start-up: a copy between local layouts never
    // needs it.
    if (m_loaded)
        return;
    m_loaded = true;
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    // A damaged or foreign file is only a lost optimisation: what cannot be
    // read is left out, the rest used. One line at a time: a full cache is
    // never held twice.
    if (file.readLine(256).trimmed() != Header)
        return;
    QByteArray line;
    while (!(line = file.readLine(16384)).isEmpty()) {
        const QList<QByteArray> f = line.trimmed().split('\t');
        bool ok = false;
        if (f.size() >= 5 && f.size() % 3 == 2 && f.at(0) == "B") {
            // B, the digest, then seen, host, repository for each location.
            const QString digest = QString::fromLatin1(f.at(1));
            if (!Digest::parse(digest).isValid())
                continue;
            QList<Location> list;
            for (qsizetype i = 2; i + 2 < f.size() && list.size() < MaxLocationsPerDigest; i += 3) {
                const qint64 seen = f.at(i).toLongLong(&ok);
                if (ok && !f.at(i + 1).isEmpty() && !f.at(i + 2).isEmpty())
                    list << Location {intern(QString::fromUtf8(f.at(i + 1))), intern(QString::fromUtf8(f.at(i + 2))),
                        QDateTime::fromSecsSinceEpoch(seen, Qt::UTC)};
            }
            if (!list.isEmpty())
                m_locations.insert(digest, list);
        } else if (f.size() == 7 && f.at(0) == "C") {
            Converted converted;
            converted.result.digest = Digest::parse(QString::fromLatin1(f.at(3)));
            converted.result.size = f.at(4).toLongLong(&ok);
            converted.seen = QDateTime::fromSecsSinceEpoch(f.at(5).toLongLong(), Qt::UTC);
            converted.result.mediaType = QString::fromUtf8(f.at(6));
            if (ok && converted.result.size >= 0 && converted.result.digest.isValid()
                && Digest::parse(QString::fromLatin1(f.at(1))).isValid())
                m_conversions.insert(QString::fromLatin1(f.at(1)) + QLatin1Char('>') + QString::fromUtf8(f.at(2)), converted);
        }
    }
}

void BlobLocationCache::recordConversion(const Digest &source, const QString &conversion, const Descriptor &result)
{
    ensureLoaded();
    m_conversions.insert(source.toString() + QLatin1Char('>') + conversion, Converted {result, QDateTime::currentDateTimeUtc()});
    m_dirty = true;
}

void BlobLocationCache::forgetConversion(const Digest &source, const QString &conversion)
{
    ensureLoaded();
    if (m_conversions.remove(source.toString() + QLatin1Char('>') + conversion))
        m_dirty = true;
}

std::optional<Descriptor> BlobLocationCache::conversion(const Digest &source, const QString &conversion) const
{
    ensureLoaded();
    const auto it = m_conversions.constFind(source.toString() + QLatin1Char('>') + conversion);
    if (it == m_conversions.constEnd())
        return std::nullopt;
    return it->result;
}

void BlobLocationCache::record(const Digest &digest, const QString &host, const QString &repository)
{
    ensureLoaded();
    QList<Location> &list = m_locations[digest.toString()];
    list.removeIf([&](const Location &l) { return l.host == host && l.repository == repository; });
    list.prepend(Location{intern(host), intern(repository), QDateTime::currentDateTimeUtc()});
    while (list.size() > MaxLocationsPerDigest)
        list.removeLast();
    m_dirty = true;
}

void BlobLocationCache::forget(const Digest &digest, const QString &host, const QString &repository)
{
    ensureLoaded();
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
    ensureLoaded();
    QStringList repositories;
    for (const Location &l : m_locations.value(digest.toString()))
        if (l.host == host)
            repositories << l.repository;
    return repositories;
}

bool BlobLocationCache::save()
{
    if (m_path.isEmpty() || !m_dirty)
        return true; // (dirty means loaded: every change loads first)
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
    // Host and repository names are private: owner-only folder and file.
    if (!makePrivateDirectory(QFileInfo(m_path).absolutePath()))
        return false;
    // Whole or not at all, under a temporary name of this process's own (two
    // processes saving at once cannot mix their bytes); written in pieces,
    // so a full cache (about 10 MB) is not held twice in memory.
    DurableFile file(m_path, 0600);
    QString error;
    QByteArray bytes = Header + '\n';
    const auto flush = [&](qsizetype above) {
        if (bytes.size() <= above)
            return true;
        const bool written = file.write(bytes, &error);
        bytes.clear();
        return written;
    };
    bool ok = file.open(&error);
    for (auto it = m_locations.cbegin(); ok && it != m_locations.cend(); ++it) {
        bytes += "B\t" + it.key().toLatin1();
        for (const Location &l : *it)
            bytes += '\t' + QByteArray::number(l.seen.toSecsSinceEpoch()) + '\t' + l.host.toUtf8() + '\t'
                + l.repository.toUtf8();
        bytes += '\n';
        ok = flush(64 * 1024);
    }
    for (auto it = m_conversions.cbegin(); ok && it != m_conversions.cend(); ++it) {
        const qsizetype split = it.key().indexOf(QLatin1Char('>'));
        bytes += "C\t" + it.key().left(split).toLatin1() + '\t' + it.key().mid(split + 1).toUtf8() + '\t'
            + it->result.digest.toString().toLatin1() + '\t' + QByteArray::number(it->result.size) + '\t'
            + QByteArray::number(it->seen.toSecsSinceEpoch()) + '\t' + it->result.mediaType.toUtf8() + '\n';
        ok = flush(64 * 1024);
    }
    if (!ok || !flush(0) || !file.commit(&error)) {
        file.discard();
        qCWarning(lcHttp) << "cannot write blob location cache:" << error;
        return false;
    }
    if (QFileInfo(m_path).fileName() != QLatin1String(LegacyName))
        QFile::remove(QFileInfo(m_path).absolutePath() + QLatin1Char('/') + QLatin1String(LegacyName));
    m_dirty = false;
    return true;
}

} // namespace crossdock
