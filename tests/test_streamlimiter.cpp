// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The shared limits on concurrent blob streams.
#include "core/transfer/streamlimiter.h"

#include <QTest>

using namespace crossdock;

class TestStreamLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perHostAndGlobalLimits();
    void deadWaitersAreDropped();
};

void TestStreamLimiter::perHostAndGlobalLimits()
{
    StreamLimiter limiter(5, 3);
    QObject context;
    QStringList started;
    for (int i = 0; i < 6; ++i)
        limiter.acquire(QStringLiteral("a"), &context, [&started, i] { started << QStringLiteral("a%1").arg(i); });
    for (int i = 0; i < 4; ++i)
        limiter.acquire(QStringLiteral("b"), &context, [&started, i] { started << QStringLiteral("b%1").arg(i); });
    // 3 for a (its limit), then 2 for b (the global limit of 5).
    QCOMPARE(started, (QStringList{QStringLiteral("a0"), QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("b0"), QStringLiteral("b1")}));
    QCOMPARE(limiter.active(QStringLiteral("a")), 3);
    QCOMPARE(limiter.activeTotal(), 5);
    limiter.release(QStringLiteral("a")); // frees a global slot and an a-slot: a3 goes first (asked first)
    QCOMPARE(started.last(), QStringLiteral("a3"));
    limiter.release(QStringLiteral("b"));
    QCOMPARE(started.last(), QStringLiteral("b2"));
    QCOMPARE(limiter.activeTotal(), 5);
}

void TestStreamLimiter::deadWaitersAreDropped()
{
    StreamLimiter limiter(1, 1);
    QObject first;
    int ran = 0;
    limiter.acquire(QStringLiteral("h"), &first, [&ran] { ++ran; });
    {
        QObject gone;
        limiter.acquire(QStringLiteral("h"), &gone, [&ran] { ran += 100; });
    }
    QObject third;
    limiter.acquire(QStringLiteral("h"), &third, [&ran] { ran += 10; });
    limiter.release(QStringLiteral("h"));
    QCOMPARE(ran, 11); // the waiter whose context died never ran
}

QTEST_GUILESS_MAIN(TestStreamLimiter)
#include "test_streamlimiter.moc"
