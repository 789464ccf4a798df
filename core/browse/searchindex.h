// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace crossdock {

// Every repository and tag name seen on the configured registries - from
// their catalogs and from tag lists already loaded - searchable as you type.
// A query is one or more words, all of which must appear (in the registry,
// the repository or the tag, case-insensitively); hits are ranked: the
// last part of a name equal to the first word, then starting with it, then
// a word of the name starting with it, then containing it anywhere;
// shorter names first, repositories before their tags. A plain scan, kept
// lower-cased: 30,000 names answer in a few milliseconds.
class SearchIndex final
{
public:
    struct Hit {
        QString registry;
        QString repository;
        QString tag; // empty for a repository
        int score = 0;
    };

    void addRepositories(const QString &registry, const QStringList &repositories);
    void addTags(const QString &registry, const QString &repository, const QStringList &tags);
    void removeRegistry(const QString &registry);
    qsizetype size() const { return m_entries.size(); }

    QList<Hit> search(const QString &query, int limit = 50) const;

private:
    struct Entry {
        QString registry;
        QString repository;
        QString tag;
        QString name;     // lower-cased "repository" or "repository:tag"
        QString haystack; // lower-cased "registry/name"
        qsizetype lastPart = 0; // where the name's last part (after / or :) begins
    };
    void add(const QString &registry, const QString &repository, const QString &tag);

    QList<Entry> m_entries;
    QHash<QString, qsizetype> m_positions; // registry/repository[:tag] -> entry
};

} // namespace crossdock
