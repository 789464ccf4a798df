// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The Job contract every asynchronous operation follows: started from the
// event loop, finished exactly once whatever happens (after KDE's
// testEmitAtMostOnce), cancelled into a Cancelled error, deleted after
// finishing unless told otherwise; and composite jobs: a failing subjob
// fails its parent and stops its siblings, cancelling the parent cancels
// every subjob.
#include "core/base/job.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace crossdock;

namespace {

// A job whose start does whatever the test says.
class ScriptedJob final : public Job
{
public:
    explicit ScriptedJob(std::function<void(ScriptedJob *)> onStart = {}, QObject *parent = nullptr)
        : Job(parent)
        , m_onStart(std::move(onStart))
    {
    }
    void succeed() { emitSuccess(); }
    void failWith(Error::Code code) { emitError(code, QStringLiteral("failed on purpose")); }
    using Job::startSubjob;
    int cancelled = 0;

protected:
    void doStart() override
    {
        if (m_onStart)
            m_onStart(this);
    }
    void doCancel() override { ++cancelled; }

private:
    std::function<void(ScriptedJob *)> m_onStart;
};

} // namespace

class TestJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsFromTheEventLoop();
    void finishedAtMostOnce_data();
    void finishedAtMostOnce();
    void cancelBeforeStartNeverStarts();
    void autoDeleteAfterFinished();
    void failingSubjobFailsParentAndStopsSiblings();
    void cancellingParentCancelsSubjobs();
    void subjobSuccessesLetTheParentFinish();
};

void TestJob::startsFromTheEventLoop()
{
    bool started = false;
    ScriptedJob job([&](ScriptedJob *j) {
        started = true;
        j->succeed();
    });
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    QVERIFY(!started); // a caller may still connect after start()
    QVERIFY(finished.wait());
    QVERIFY(started);
    job.start(); // a second start does nothing
    QTest::qWait(10);
    QCOMPARE(finished.count(), 1);
}

void TestJob::finishedAtMostOnce_data()
{
    QTest::addColumn<int>("script");
    QTest::newRow("success twice") << 0;
    QTest::newRow("success then error") << 1;
    QTest::newRow("error then success") << 2;
    QTest::newRow("error then cancel") << 3;
    QTest::newRow("success then cancel") << 4;
}

void TestJob::finishedAtMostOnce()
{
    QFETCH(int, script);
    ScriptedJob job([script](ScriptedJob *j) {
        switch (script) {
        case 0:
            j->succeed();
            j->succeed();
            break;
        case 1:
            j->succeed();
            j->failWith(Error::Code::Server);
            break;
        case 2:
        case 3:
            j->failWith(Error::Code::Server);
            if (script == 2)
                j->succeed();
            else
                j->cancel();
            break;
        case 4:
            j->succeed();
            j->cancel();
            break;
        }
    });
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    QVERIFY(finished.wait());
    QTest::qWait(20);
    QCOMPARE(finished.count(), 1);
    // The first outcome stands.
    const bool failedFirst = script == 2 || script == 3;
    QCOMPARE(job.error().isError(), failedFirst);
    if (failedFirst)
        QCOMPARE(job.error().code, Error::Code::Server);
}

void TestJob::cancelBeforeStartNeverStarts()
{
    bool started = false;
    ScriptedJob job([&](ScriptedJob *) { started = true; });
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    job.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.error().code, Error::Code::Cancelled);
    QCOMPARE(job.cancelled, 1);
    QTest::qWait(20);
    QVERIFY(!started);
    QCOMPARE(finished.count(), 1);
}

void TestJob::autoDeleteAfterFinished()
{
    QPointer<ScriptedJob> job = new ScriptedJob([](ScriptedJob *j) { j->succeed(); });
    QSignalSpy finished(job.data(), &Job::finished);
    job->start();
    QVERIFY(finished.wait());
    QTRY_VERIFY(job.isNull());
}

void TestJob::failingSubjobFailsParentAndStopsSiblings()
{
    QPointer<ScriptedJob> sibling;
    QPointer<ScriptedJob> failing;
    bool siblingResultUsed = false;
    ScriptedJob parent([&](ScriptedJob *p) {
        sibling = p->startSubjob(new ScriptedJob({}, p), [&](ScriptedJob *) { siblingResultUsed = true; });
        failing = p->startSubjob(new ScriptedJob([](ScriptedJob *j) { j->failWith(Error::Code::NotFound); }, p),
            [](ScriptedJob *) {});
    });
    parent.setAutoDelete(false);
    QSignalSpy finished(&parent, &Job::finished);
    parent.start();
    QVERIFY(finished.wait());
    QCOMPARE(parent.error().code, Error::Code::NotFound); // the subjob's error, not "cancelled"
    QVERIFY(sibling);
    QCOMPARE(sibling->error().code, Error::Code::Cancelled);
    QCOMPARE(sibling->cancelled, 1);
    QVERIFY(!siblingResultUsed);
    QCOMPARE(parent.runningSubjobs(), 0);
    QTest::qWait(20);
    QCOMPARE(finished.count(), 1);
}

void TestJob::cancellingParentCancelsSubjobs()
{
    QList<QPointer<ScriptedJob>> children;
    ScriptedJob parent([&](ScriptedJob *p) {
        for (int i = 0; i < 3; ++i)
            children << p->startSubjob(new ScriptedJob({}, p), [](ScriptedJob *) {});
    });
    parent.setAutoDelete(false);
    QSignalSpy finished(&parent, &Job::finished);
    parent.start();
    QTRY_COMPARE(parent.runningSubjobs(), 3);
    parent.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(parent.error().code, Error::Code::Cancelled);
    for (const auto &child : std::as_const(children)) {
        QVERIFY(child);
        QCOMPARE(child->error().code, Error::Code::Cancelled);
    }
}

void TestJob::subjobSuccessesLetTheParentFinish()
{
    int done = 0;
    ScriptedJob parent([&](ScriptedJob *p) {
        for (int i = 0; i < 3; ++i) {
            p->startSubjob(new ScriptedJob([](ScriptedJob *j) { j->succeed(); }, p), [&, p](ScriptedJob *) {
                if (++done == 3)
                    p->succeed();
            });
        }
    });
    parent.setAutoDelete(false);
    QSignalSpy finished(&parent, &Job::finished);
    parent.start();
    QVERIFY(finished.wait());
    QVERIFY(!parent.error().isError());
    QCOMPARE(done, 3);
    QCOMPARE(parent.runningSubjobs(), 0);
}

QTEST_GUILESS_MAIN(TestJob)
#include "test_job.moc"
