// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/summaryloader.h"

#include "core/browse/summarizeimagejob.h"

namespace crossdock {

SummaryLoader::SummaryLoader(
    const ImageSource &source, ContentCache *cache, const QString &repository, int concurrency, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_cache(cache)
    , m_repository(repository)
    , m_concurrency(std::max(1, concurrency))
{
}

SummaryLoader::~SummaryLoader()
{
    cancel();
}

void SummaryLoader::enqueue(const QStringList &tags)
{
    for (const QString &tag : tags) {
        if (m_state.contains(tag))
            continue;
        m_state.insert(tag, State::Queued);
        m_queue.push_back(tag);
        ++m_total;
    }
    Q_EMIT progress(m_finished, m_total);
    startMore();
}

void SummaryLoader::prioritize(const QStringList &tags)
{
    for (auto it = tags.crbegin(); it != tags.crend(); ++it) {
        if (m_state.value(*it, State::Done) == State::Queued)
            m_queue.push_front(*it); // the later copy is skipped when reached
    }
    startMore();
}

void SummaryLoader::cancel()
{
    m_cancelled = true;
    m_queue.clear();
    const auto running = m_running;
    m_running.clear();
    for (const QPointer<SummarizeImageJob> &job : running) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void SummaryLoader::startMore()
{
    while (!m_cancelled && m_running.size() < m_concurrency && !m_queue.empty()) {
        const QString tag = m_queue.front();
        m_queue.pop_front();
        if (m_state.value(tag) != State::Queued)
            continue;
        m_state.insert(tag, State::Running);
        auto *job = new SummarizeImageJob(m_source, m_cache, m_repository, tag, this);
        m_running << job;
        connect(job, &Job::finished, this, [this, job, tag] {
            m_running.removeAll(job);
            m_state.insert(tag, State::Done);
            ++m_finished;
            if (job->error().isError())
                Q_EMIT summaryFailed(tag, job->error());
            else
                Q_EMIT summaryReady(tag, job->summary());
            Q_EMIT progress(m_finished, m_total);
            startMore();
        });
        job->start();
    }
}

} // namespace crossdock
