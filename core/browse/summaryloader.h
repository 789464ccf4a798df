// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/browse/imagesource.h"
#include "core/image/imagesummary.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <deque>

namespace crossdock {

class ContentCache;
class RegistryClient;
class SummarizeImageJob;

// Loads the summaries of a repository's tags a few at a time: the rows a
// user looks at first (prioritize), then every other tag in the background,
// so sorting by size or date can cover all of them. Each load is a
// SummarizeImageJob (the job contract); the loader only orders them, and
// cancels them when it is destroyed or cancelled.
class SummaryLoader final : public QObject {
    Q_OBJECT

public:
    SummaryLoader(const ImageSource &source, ContentCache *cache, const QString &repository,
        int concurrency = DefaultConcurrency, QObject *parent = nullptr);
    ~SummaryLoader() override;

    // Adds tags at the back of the queue.
    void enqueue(const QStringList &tags);
    // Moves tags (not yet loaded) to the front, first one first.
    void prioritize(const QStringList &tags);
    void cancel();

    int finishedCount() const { return m_finished; }
    int totalCount() const { return m_total; }

    // Four of the six connections Qt opens per host: the other two stay free
    // for what the user clicks (details, a delete) while summaries load.
    static constexpr int DefaultConcurrency = 4;

Q_SIGNALS:
    void summaryReady(const QString &tag, const crossdock::ImageSummary &summary);
    void summaryFailed(const QString &tag, const crossdock::Error &error);
    // finished of total tags (ready or failed).
    void progress(int finished, int total);

private:
    void startMore();

    ImageSource m_source;
    ContentCache *m_cache;
    QString m_repository;
    int m_concurrency;
    std::deque<QString> m_queue; // may hold stale duplicates; skipped by m_state
    enum class State { Queued, Running, Done };
    QHash<QString, State> m_state;
    QList<QPointer<SummarizeImageJob>> m_running;
    int m_finished = 0;
    int m_total = 0;
    bool m_cancelled = false;
};

} // namespace crossdock
