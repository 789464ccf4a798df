// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Qt's QThread::wait() - and so the destruction of a QNetworkAccessManager -
// returns a moment before the thread itself has exited. ThreadExitBarrier
// waits out that moment, so main() never returns beside an exiting thread.
#include "core/base/threadexitbarrier.h"
#include "minihttpserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace crossdock;
using namespace crossdock::test;

class TestThreadExitBarrier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void networkThreadsAreWaitedFor();
    void namedThreadsOnly();
};

void TestThreadExitBarrier::networkThreadsAreWaitedFor()
{
    MiniHttpServer server([](const MiniHttpServer::Request &) { return MiniHttpServer::Response{200, {}, "ok"}; });
    int lingered = 0;
    // Up to 200 rounds: on a loaded machine the thread often wins the race,
    // and one lingering thread is enough to show the window.
    for (int i = 0; i < 200 && (i < 20 || lingered == 0); ++i) {
        auto network = std::make_unique<QNetworkAccessManager>();
        QNetworkReply *reply = network->get(QNetworkRequest(QUrl(server.baseUrl() + QStringLiteral("/x"))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        const ThreadExitBarrier barrier = ThreadExitBarrier::capture();
        QCOMPARE(barrier.count(), 1); // its network thread
        network.reset();              // waits for the thread's event loop...
        lingered += barrier.alive();  // ...but not for the thread itself
        QVERIFY(barrier.waitForExit(5000));
        QCOMPARE(barrier.alive(), 0);
    }
    // The window the barrier closes is real: without it main() would often
    // return while the thread still exits.
    QVERIFY2(lingered > 0, "the network thread was gone every time its manager was");
}

void TestThreadExitBarrier::namedThreadsOnly()
{
    QThread other;
    other.setObjectName(QStringLiteral("SomethingElse"));
    other.start();
    QThread engine;
    engine.setObjectName(QStringLiteral("TransferEngine"));
    engine.start();
    QTRY_VERIFY(ThreadExitBarrier::capture().count() == 1);
    const ThreadExitBarrier barrier = ThreadExitBarrier::capture();
    QVERIFY(!barrier.waitForExit(50)); // still running: the wait ends on its timeout
    engine.quit();
    engine.wait();
    QVERIFY(barrier.waitForExit(5000));
    other.quit();
    other.wait();
}

QTEST_GUILESS_MAIN(TestThreadExitBarrier)
#include "test_threadexitbarrier.moc"
