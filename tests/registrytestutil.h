// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

// Small helpers shared by the registry integration tests.

#include "core/base/job.h"

#include <QSignalSpy>
#include <QTest>

namespace crossdock::test {

// Starts a job and waits (spinning the event loop) until it finishes.
// Returns false on timeout. The job must have autoDelete off.
inline bool runJob(Job *job, int timeoutMs = 30000)
{
    job->setAutoDelete(false);
    QSignalSpy spy(job, &Job::finished);
    job->start();
    return spy.wait(timeoutMs) && spy.count() == 1;
}

} // namespace crossdock::test
