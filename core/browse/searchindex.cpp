// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/searchindex.h"

#include <algorithm>

namespace crossdock {

namespace {

bool isWordStart(const QString &text, qsizetype at)
{
    if (at == 0)
        return true;
    const QChar before = text.at(at - 1);
    return before == QLatin1Char('/') || before == QLatin1Char('-') || before == QLatin1Char('_')
        || before == QLatin1Char('.') || before == QLatin1Char(':');
}

} // namespace

void SearchIndex::add(const QString &registry, const QString &repository, const QString &tag)
{
    const QString key = registry + QLatin1Char('/') + repository + (tag.isEmpty() ? QString() : QLatin1Char(':') + tag);
    if (m_positions.contains(key))
        return;
    Entry entry;
    entry.registry = registry;
    entry.repository = repository;
    entry.tag = tag;
    entry.name = (tag.isEmpty() ? repository : repository + QLatin1Char(':') + tag).toLower();
    entry.haystack = registry.toLower() + QLatin1Char('/') + entry.name;
    const qsizetype cut = std::max(entry.name.lastIndexOf(QLatin1Char('/')), entry.name.lastIndexOf(QLatin1Char(':')));
    entry.lastPart = cut + 1;
    m_positions.insert(key, m_entries.size());
    m_entries.append(std::move(entry));
}

void SearchIndex::addRepositories(const QString &registry, const QStringList &repositories)
{
    for (const QString &repository : repositories)
        add(registry, repository, QString());
}

void SearchIndex::addTags(const QString &registry, const QString &repository, const QStringList &tags)
{
    add(registry, repository, QString());
    for (const QString &tag : tags)
        add(registry, repository, tag);
}

void SearchIndex::removeRegistry(const QString &registry)
{
    m_entries.removeIf([&registry](const Entry &entry) { return entry.registry == registry; });
    m_positions.clear();
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const Entry &e = m_entries.at(i);
        m_positions.insert(e.registry + QLatin1Char('/') + e.repository + (e.tag.isEmpty() ? QString() : QLatin1Char(':') + e.tag), i);
    }
}

QList<SearchIndex::Hit> SearchIndex::search(const QString &query, int limit) const
{
    const QStringList words = query.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<Hit> hits;
    if (words.isEmpty())
        return hits;
    const QString &first = words.first();
    for (const Entry &entry : m_entries) {
        bool all = true;
        for (const QString &word : words)
            if (!entry.haystack.contains(word)) {
                all = false;
                break;
            }
        if (!all)
            continue;
        int score;
        const QStringView last = QStringView(entry.name).mid(entry.lastPart);
        const qsizetype at = entry.name.indexOf(first);
        if (last == first)
            score = 1000;
        else if (last.startsWith(first))
            score = 800;
        else if (at >= 0 && isWordStart(entry.name, at))
            score = 600;
        else if (at >= 0)
            score = 400;
        else
            score = 200; // the word is in the registry's name only
        score -= static_cast<int>(std::min<qsizetype>(entry.name.size(), 150)); // shorter first
        if (entry.tag.isEmpty())
            score += 5; // a repository before its own tags
        hits.append(Hit {entry.registry, entry.repository, entry.tag, score});
    }
    const qsizetype shown = std::min<qsizetype>(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + shown, hits.end(), [](const Hit &a, const Hit &b) {
        if (a.score != b.score)
            return a.score > b.score;
        return std::tie(a.repository, a.tag, a.registry) < std::tie(b.repository, b.tag, b.registry);
    });
    hits.resize(shown);
    return hits;
}

} // namespace crossdock
