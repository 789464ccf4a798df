// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"

#include <functional>

namespace crossdock {

// A job for quick local work (a file written, an index updated): runs
// `work` from the event loop, as every job starts, and finishes with the
// error it returns.
class LocalJob final : public Job
{
    Q_OBJECT

public:
    using Work = std::function<Error()>;
    explicit LocalJob(Work work, QObject *parent = nullptr)
        : Job(parent)
        , m_work(std::move(work))
    {
    }

protected:
    void doStart() override
    {
        const Error error = m_work();
        if (error.isError())
            emitError(error);
        else
            emitSuccess();
    }

private:
    Work m_work;
};

} // namespace crossdock
