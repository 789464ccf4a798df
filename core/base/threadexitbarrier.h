// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QStringList>

namespace crossdock {

// Qt starts its threads detached: QThread::wait() - and with it the
// destruction of a QNetworkAccessManager, which waits for its network
// thread - returns once the thread's event loop has finished, while the
// thread itself still tears down its thread-local data. A program that
// returns from main() in that window runs exit()'s static destructors
// beside that thread's last steps: the "double free" crash at exit, about
// 1 in 1,500 runs under load. So main() remembers the threads it is about
// to stop, stops them (destroys the engine and every network access
// manager), and then waits here until the kernel no longer lists them.
// Linux only (/proc/self/task); elsewhere it remembers nothing.
class ThreadExitBarrier final
{
public:
    // The kernel's (15-character) names of the threads the programs stop at
    // exit: QNetworkAccessManager's network thread and the copy engine.
    static QStringList stoppedAtExit();

    // Remembers the threads alive now whose names are in `names`.
    static ThreadExitBarrier capture(const QStringList &names = stoppedAtExit());

    int count() const { return static_cast<int>(m_threadIds.size()); }
    // Blocks until every remembered thread has exited or timeoutMs passed
    // (called after the event loop, from main() only). False on timeout.
    bool waitForExit(int timeoutMs = 5000) const;
    // How many of the remembered threads are still alive.
    int alive() const;

private:
    QList<qint64> m_threadIds;
};

} // namespace crossdock
