// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/base/job.h"

#include <QTimer>

namespace crossdock {

Job::Job(QObject *parent) : QObject(parent) {}

Job::~Job() = default;

void Job::start()
{
    if (m_started)
        return;
    m_started = true;
    // Start from the event loop, so a caller can connect signals after start()
    // and a job that fails at once still reports asynchronously.
    QTimer::singleShot(0, this, [this] {
        if (!m_finished)
            doStart();
    });
}

void Job::cancel()
{
    if (m_finished)
        return;
    doCancel();
    if (!m_finished && !m_finishesOwnCancel)
        emitError(Error::Code::Cancelled, tr("cancelled"));
}

void Job::trackSubjob(Job *job)
{
    Q_ASSERT(job->parent() == this);
    m_subjobs.removeIf([](const QPointer<Job> &j) { return !j || j->isFinished(); });
    m_subjobs << job;
}

int Job::runningSubjobs() const
{
    int running = 0;
    for (const QPointer<Job> &job : m_subjobs)
        running += job && !job->isFinished() ? 1 : 0;
    return running;
}

void Job::cancelSubjobs()
{
    // A cancelled subjob may finish another one: work on a copy.
    const QList<QPointer<Job>> subjobs = std::exchange(m_subjobs, {});
    for (const QPointer<Job> &job : subjobs)
        if (job)
            job->cancel();
}

void Job::emitSuccess()
{
    if (m_finished) // the first outcome stands
        return;
    m_error = {};
    finish();
}

void Job::emitError(const Error &error)
{
    if (m_finished)
        return;
    m_error = error;
    finish();
}

void Job::emitError(Error::Code code, const QString &message, const QString &detail)
{
    emitError(Error::make(code, message, detail));
}

void Job::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    // Fail-and-stop: what still runs of a failed or cancelled job stops
    // now, while its handlers see this job finished and ignore the result.
    if (m_error.isError())
        cancelSubjobs();
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace crossdock
