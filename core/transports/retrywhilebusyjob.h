// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"

#include <QElapsedTimer>
#include <QTimer>

#include <functional>

namespace crossdock {

// Quick local work that may find a lock held by another writer (a layout's
// index lock): tried from the event loop, and while `work` says busy, tried
// again a moment later - never waiting in a blocking call - until `patience`
// runs out, which fails with `what` named.
class RetryWhileBusyJob final : public Job
{
    Q_OBJECT

public:
    using Work = std::function<Error(bool *busy)>;
    RetryWhileBusyJob(Work work, QString what, QObject *parent = nullptr, int patienceMs = 30000)
        : Job(parent)
        , m_work(std::move(work))
        , m_what(std::move(what))
        , m_patienceMs(patienceMs)
    {
    }

protected:
    void doStart() override
    {
        m_clock.start();
        attempt();
    }

private:
    void attempt()
    {
        if (isFinished())
            return;
        bool busy = false;
        const Error error = m_work(&busy);
        if (busy) {
            if (m_clock.elapsed() >= m_patienceMs)
                return emitError(Error::Code::Io,
                    QStringLiteral("%1 is still locked by another writer after %2 s").arg(m_what).arg(m_patienceMs / 1000));
            QTimer::singleShot(10, this, [this] { attempt(); });
            return;
        }
        if (error.isError())
            emitError(error);
        else
            emitSuccess();
    }

    Work m_work;
    QString m_what;
    int m_patienceMs;
    QElapsedTimer m_clock;
};

} // namespace crossdock
