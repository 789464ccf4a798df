// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/base/threadexitbarrier.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

namespace crossdock {

namespace {

const QString TaskDirectory = QStringLiteral("/proc/self/task");

QString threadName(const QString &threadId)
{
    QFile comm(TaskDirectory + QLatin1Char('/') + threadId + QStringLiteral("/comm"));
    if (!comm.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(comm.readAll()).trimmed();
}

} // namespace

QStringList ThreadExitBarrier::stoppedAtExit()
{
    // QThread names its threads after their objectName, cut to 15 bytes.
    return {QStringLiteral("QNetworkAccessM"), QStringLiteral("TransferEngine")};
}

ThreadExitBarrier ThreadExitBarrier::capture(const QStringList &names)
{
    ThreadExitBarrier barrier;
    const QStringList threads = QDir(TaskDirectory).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &id : threads) {
        if (names.contains(threadName(id)))
            barrier.m_threadIds << id.toLongLong();
    }
    return barrier;
}

int ThreadExitBarrier::alive() const
{
    int count = 0;
    for (const qint64 id : m_threadIds)
        count += QFileInfo::exists(TaskDirectory + QLatin1Char('/') + QString::number(id)) ? 1 : 0;
    return count;
}

bool ThreadExitBarrier::waitForExit(int timeoutMs) const
{
    QElapsedTimer clock;
    clock.start();
    while (alive() > 0) {
        if (clock.elapsed() >= timeoutMs)
            return false;
        QThread::usleep(200);
    }
    return true;
}

} // namespace crossdock
