// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/image/manifest.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace crossdock {

// Remembers where blobs were seen (digest -> registry host and repository),
// as containers/image's blob info cache does, so a later copy into a
// registry that already holds a blob in another repository can mount it
// instead of streaming it again. Persisted as a tab-separated text file
// (one line per location or conversion), read on first use, written whole
// and atomically; bounded in size (oldest entries go first). Not
// thread-safe: it lives in the transfer engine's thread.
class BlobLocationCache final
{
public:
    struct Location
    {
        QString host;
        QString repository;
        QDateTime seen;
    };

    // path empty: memory only.
    explicit BlobLocationCache(QString path = {});

    void record(const Digest &digest, const QString &host, const QString &repository);
    void forget(const Digest &digest, const QString &host, const QString &repository);
    // Repositories on host known to hold digest, most recently seen first.
    QStringList repositoriesOn(const Digest &digest, const QString &host) const;

    // What a layer became when recompressed with the settings `conversion`
    // names (LayerCompression::Target::key()). Compression is deterministic,
    // so the next copy that converts the same layer the same way knows the
    // result beforehand: it is then skipped or mounted like any blob (and if
    // it must stream after all, the bytes it makes are checked against it).
    void recordConversion(const Digest &source, const QString &conversion, const Descriptor &result);
    std::optional<Descriptor> conversion(const Digest &source, const QString &conversion) const;
    void forgetConversion(const Digest &source, const QString &conversion);

    // Writes the file if anything changed; returns false (and leaves the old
    // file intact) if it cannot.
    bool save();

    static QString defaultPath();
    static constexpr int MaxDigests = 20000;
    static constexpr int MaxLocationsPerDigest = 8;

private:
    void ensureLoaded() const;
    QString intern(const QString &text) const;

    QString m_path;
    // Filled on first use (ensureLoaded), also from const queries.
    mutable bool m_loaded = false;
    mutable QSet<QString> m_strings; // hosts and repositories, shared
    mutable QHash<QString, QList<Location>> m_locations; // digest string -> locations
    struct Converted
    {
        Descriptor result;
        QDateTime seen;
    };
    mutable QHash<QString, Converted> m_conversions; // "source digest>conversion" -> what it became
    bool m_dirty = false;
};

} // namespace crossdock
