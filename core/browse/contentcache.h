// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace crossdock {

// Manifests and image configs on disk, by digest. Content addressed means
// they never change, so a repository opened again needs no download for
// what was seen before. Every read is verified against its digest (a file
// damaged on disk is a miss, not wrong data); writes are atomic. An empty
// directory makes a cache that remembers nothing.
class ContentCache final {
public:
    struct Entry {
        QByteArray bytes;
        QString mediaType; // as the registry sent it (manifests); may be empty
    };

    explicit ContentCache(QString directory = {});

    // ~/.cache/crossdock/content
    static QString defaultDirectory();

    std::optional<Entry> get(const Digest &digest) const;
    // Stores bytes whose digest the caller verified; failures are ignored
    // (a cache that cannot write is just a slower cache).
    void put(const Digest &digest, const QByteArray &bytes, const QString &mediaType = {});

    static constexpr qint64 MaxEntrySize = 8 * 1024 * 1024;

private:
    QString pathFor(const Digest &digest) const;

    QString m_directory;
};

} // namespace crossdock
