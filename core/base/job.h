// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace crossdock {

// The one contract every asynchronous operation follows (after KDE's KJob):
//  - start() begins the work (asynchronously; nothing happens in the constructor);
//  - cancel() stops it and finishes with Error::Code::Cancelled;
//  - progress(done, total) in the job's own units (bytes, pages, images);
//  - finished(job) is emitted exactly once; error() is then set or not, and the
//    subclass exposes its typed value through accessors;
//  - the job deletes itself after finished unless setAutoDelete(false).
// A job made of other jobs (after KDE's KCompositeJob) adds them as
// subjobs: they are cancelled when it is cancelled or fails, and the
// common case - fail with the first subjob that fails and stop the rest -
// is startSubjob().
class Job : public QObject
{
    Q_OBJECT

public:
    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    const Error &error() const { return m_error; }
    bool succeeded() const { return m_finished && !m_error.isError(); }
    // Subjobs still running.
    int runningSubjobs() const;

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    bool autoDelete() const { return m_autoDelete; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(crossdock::Job *job);

protected:
    virtual void doStart() = 0;
    // Stop network activity that is not a subjob's. Subjobs are cancelled by
    // the base class, which then finishes the job.
    virtual void doCancel() {}
    // For a job whose work runs elsewhere (another thread): cancel() only
    // calls doCancel(), and the job finishes when that work reports back -
    // Cancelled, or the outcome it reached first - so what it reports (bytes
    // sent, say) is the work's own.
    void setFinishesOwnCancel() { m_finishesOwnCancel = true; }

    void emitSuccess();
    // Finishes with error; subjobs still running are cancelled first (their
    // own finishing cannot replace this error).
    void emitError(const Error &error);
    void emitError(Error::Code code, const QString &message, const QString &detail = {});

    // Makes job (which must be parented to this one) part of this job's
    // work: cancelled with it, forgotten once finished. Not started here.
    template<typename J> J *addSubjob(J *job)
    {
        trackSubjob(job);
        return job;
    }
    // Adds and starts job; when it succeeds onSuccess(job) runs, when it
    // fails this job fails with its error and the other subjobs stop.
    template<typename J, typename F> J *startSubjob(J *job, F onSuccess)
    {
        addSubjob(job);
        connect(job, &Job::finished, this, [this, job, onSuccess = std::move(onSuccess)]() mutable {
            if (isFinished())
                return;
            if (job->error().isError())
                return emitError(job->error());
            onSuccess(job);
        });
        job->start();
        return job;
    }
    void cancelSubjobs();

private:
    void trackSubjob(Job *job);
    void finish();

    QList<QPointer<Job>> m_subjobs;
    Error m_error;
    bool m_started = false;
    bool m_finished = false;
    bool m_autoDelete = true;
    bool m_finishesOwnCancel = false;
};

} // namespace crossdock
