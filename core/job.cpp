#include "job.h"

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
    if (!m_finished)
        emitError(Error::Code::Cancelled, tr("cancelled"));
}

void Job::emitSuccess()
{
    m_error = {};
    finish();
}

void Job::emitError(const Error &error)
{
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
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace crossdock
