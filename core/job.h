#pragma once

#include "error.h"

#include <QObject>

namespace crossdock {

// The one contract every asynchronous operation follows (after KDE's KJob):
//  - start() begins the work (asynchronously; nothing happens in the constructor);
//  - cancel() stops it and finishes with Error::Code::Cancelled;
//  - progress(done, total) in the job's own units (bytes, pages, images);
//  - finished(job) is emitted exactly once; error() is then set or not, and the
//    subclass exposes its typed value through accessors;
//  - the job deletes itself after finished unless setAutoDelete(false).
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

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    bool autoDelete() const { return m_autoDelete; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(crossdock::Job *job);

protected:
    virtual void doStart() = 0;
    // Stop network activity and child jobs. The base class finishes the job.
    virtual void doCancel() {}

    void emitSuccess();
    void emitError(const Error &error);
    void emitError(Error::Code code, const QString &message, const QString &detail = {});

private:
    void finish();

    Error m_error;
    bool m_started = false;
    bool m_finished = false;
    bool m_autoDelete = true;
};

} // namespace crossdock
