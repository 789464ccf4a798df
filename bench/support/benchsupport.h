// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

// Shared by the GUI benchmarks: an event-loop stall meter and a quick way to
// give a repository thousands of tags.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QTimer>

#include <algorithm>

namespace crossdock::bench {

// Tags the registry's way - current/link and index/<alg>/<hex>/link in its
// storage, which is what a push leaves there - all naming digest:
// prefix00001 .. prefix<count-1> (prefix00000 is the pushed one).
inline bool writeTags(
    const QString &storage, const QString &repository, const QString &digest, int count, const QString &prefix)
{
    const QString tagsDir = storage + QStringLiteral("/docker/registry/v2/repositories/") + repository
        + QStringLiteral("/_manifests/tags/");
    const QString hex = digest.section(QLatin1Char(':'), 1);
    for (int i = 1; i < count; ++i) {
        const QString tag = tagsDir + prefix + QStringLiteral("%1").arg(i, 5, 10, QLatin1Char('0'));
        for (const QString &dir :
            {QString(tag + QStringLiteral("/current")), QString(tag + QStringLiteral("/index/sha256/") + hex)}) {
            QDir().mkpath(dir);
            QFile link(dir + QStringLiteral("/link"));
            if (!link.open(QIODevice::WriteOnly) || link.write(digest.toLatin1()) != digest.size())
                return false;
        }
    }
    return true;
}

// The digest a pushed tag names, read from the registry's storage.
inline QString taggedDigest(const QString &storage, const QString &repository, const QString &tag)
{
    QFile link(storage + QStringLiteral("/docker/registry/v2/repositories/") + repository
        + QStringLiteral("/_manifests/tags/") + tag + QStringLiteral("/current/link"));
    return link.open(QIODevice::ReadOnly) ? QString::fromLatin1(link.readAll()).trimmed() : QString();
}

// A 10 ms timer timestamping the event loop: worst is how much later than
// 10 ms the latest tick came - a stall the user would feel.
struct StallMeter {
    QElapsedTimer clock;
    QTimer timer;
    qint64 last = 0;
    qint64 worst = 0;
    qint64 worstAt = 0; // when (ms since start) the worst stall ended
    int over50 = 0; // ticks more than 50 ms late
    void start()
    {
        clock.start();
        last = 0;
        worst = 0;
        over50 = 0;
        timer.setInterval(10);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.elapsed();
            const qint64 late = now - last - 10; // beyond the timer's own 10 ms
            if (late > worst) {
                worst = late;
                worstAt = now;
            }
            over50 += late > 50;
            last = now;
        });
        timer.start();
    }
};

} // namespace crossdock::bench
