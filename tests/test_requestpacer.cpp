// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Request pacing: a fixed rate books evenly spaced slots; a registry's
// RateLimit-Remaining (Docker Hub: "N;w=SECONDS") spreads the last few
// requests over the window; with neither, nothing waits.
#include "core/net/requestpacer.h"

#include <QTest>

using namespace crossdock;

class TestRequestPacer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nothingWaitsByDefault();
    void fixedRateSpacesRequests();
    void lowRemainingBudgetSpreadsTheRest();
    void malformedHeadersAreIgnored();
};

void TestRequestPacer::nothingWaitsByDefault()
{
    RequestPacer pacer;
    qint64 now = 1000;
    pacer.setClock([&now] { return now; });
    for (int i = 0; i < 5; ++i)
        QCOMPARE(pacer.reserve(), 0);
    pacer.observe("76;w=21600"); // plenty left: no change
    QCOMPARE(pacer.reserve(), 0);
    bool ran = false;
    pacer.whenAllowed(this, [&ran] { ran = true; });
    QVERIFY(ran); // at once, without an event-loop turn
}

void TestRequestPacer::fixedRateSpacesRequests()
{
    RequestPacer pacer;
    qint64 now = 0;
    pacer.setClock([&now] { return now; });
    pacer.setRate(4); // every 250 ms
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 250);
    QCOMPARE(pacer.reserve(), 500);
    now = 2000; // idle for a while: the next one goes at once
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 250);
}

void TestRequestPacer::lowRemainingBudgetSpreadsTheRest()
{
    RequestPacer pacer;
    qint64 now = 0;
    pacer.setClock([&now] { return now; });
    pacer.observe("5;w=100"); // 5 requests left in a 100 s window: one every 20 s
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 20000);
    pacer.observe("1;w=21600"); // one left in 6 hours: capped per request
    now = 100000;
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), RequestPacer::MaxSpacingMs);
    pacer.observe("50;w=21600"); // the window rolled over
    now = 500000;
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 0);
}

void TestRequestPacer::malformedHeadersAreIgnored()
{
    RequestPacer pacer;
    qint64 now = 0;
    pacer.setClock([&now] { return now; });
    pacer.observe("lots;w=abc");
    pacer.observe("");
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 0);
    // A window whose milliseconds overflow (found by fuzz_headers under
    // UBSan), or absurdly long: no window, nothing waits.
    pacer.observe("3;w=300001001000010013;w=w==0,3;w=");
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 0);
    pacer.observe("3;w=100000000");
    QCOMPARE(pacer.reserve(), 0);
    QCOMPARE(pacer.reserve(), 0);
}

QTEST_GUILESS_MAIN(TestRequestPacer)
#include "test_requestpacer.moc"
