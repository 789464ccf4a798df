// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// SlowTransferGuard's deadline scaled to the body's size, with rules scaled
// down so the test takes seconds: a body that comes steadily, fast enough
// for every window, but too slowly as a whole is ended, and says so; the
// same body at speed is not; without Content-Length the caller's limit
// sets the deadline; time in which we hold the body up does not count.
#include "core/net/slowtransferguard.h"
#include "hostileserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace crossdock;
using namespace crossdock::test;

namespace {

// Half a second plus the size at 100 KiB/s; windows of 1 s, at least 1 KiB each.
SlowTransferGuard::Rules quickRules()
{
    SlowTransferGuard::Rules rules;
    rules.headTimeoutMs = 2000;
    rules.windowMs = 1000;
    rules.minBytesPerWindow = 1024;
    rules.bodyBaseMs = 500;
    rules.minAverageBytesPerSecond = 100 * 1024;
    return rules;
}

} // namespace

class TestSlowTransferGuard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void steadyButTooSlowBodyIsEnded_data();
    void steadyButTooSlowBodyIsEnded();
    void bodyWeHoldUpIsNotBlamed();

private:
    QNetworkReply *get(HostileServer &server, qint64 maxBodyBytes, qint64 readBuffer = 0);
    QNetworkAccessManager m_network;
};

QNetworkReply *TestSlowTransferGuard::get(HostileServer &server, qint64 maxBodyBytes, qint64 readBuffer)
{
    QNetworkReply *reply = m_network.get(QNetworkRequest(QUrl(QStringLiteral("http://%1/body").arg(server.hostAndPort()))));
    reply->setReadBufferSize(readBuffer);
    SlowTransferGuard::watch(reply, maxBodyBytes, quickRules());
    return reply;
}

void TestSlowTransferGuard::steadyButTooSlowBodyIsEnded_data()
{
    QTest::addColumn<qint64>("pace");       // bytes a second the server sends
    QTest::addColumn<bool>("withLength");   // Content-Length in the answer
    QTest::addColumn<QString>("expected");  // why it was ended; empty: not ended
    // 400 KiB: a budget of 0.5 + 4 = 4.5 s.
    QTest::newRow("20 KiB/s: 20 s for the body") << qint64(20 * 1024) << true << QStringLiteral("did not send its 409600-byte answer within 4 s");
    QTest::newRow("no length: the caller's limit") << qint64(20 * 1024) << false << QStringLiteral("did not send its 409600-byte answer within 4 s");
    QTest::newRow("1 MiB/s: in time") << qint64(1024 * 1024) << true << QString();
}

void TestSlowTransferGuard::steadyButTooSlowBodyIsEnded()
{
    QFETCH(qint64, pace);
    QFETCH(bool, withLength);
    QFETCH(QString, expected);
    const QByteArray body(400 * 1024, 'b');
    HostileServer server([&](const HostileServer::Request &) {
        HostileServer::Answer a;
        a.body = body;
        a.length = withLength ? HostileServer::Answer::Length::Exact : HostileServer::Answer::Length::None;
        a.bytesPerSecond = pace;
        return a;
    });
    QNetworkReply *reply = get(server, body.size());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(finished.wait(30000));
    const qint64 seconds = timer.elapsed() / 1000;
    QCOMPARE(SlowTransferGuard::reason(reply), expected);
    if (!expected.isEmpty())
        QVERIFY2(seconds >= 4 && seconds <= 6, qPrintable(QString::number(seconds))); // at the deadline, not the end
    else
        QCOMPARE(reply->readAll().size(), body.size());
    reply->deleteLater();
}

void TestSlowTransferGuard::bodyWeHoldUpIsNotBlamed()
{
    // A fast server, a reader that takes nothing for 6 s (a destination
    // slower than its source): over the 4.5 s budget in wall time, but the
    // waiting was ours.
    const QByteArray body(400 * 1024, 'h');
    HostileServer server([&](const HostileServer::Request &) {
        HostileServer::Answer a;
        a.body = body;
        return a;
    });
    QNetworkReply *reply = get(server, body.size(), 16 * 1024);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QTest::qWait(6000);
    QVERIFY(finished.isEmpty());
    QByteArray received;
    connect(reply, &QNetworkReply::readyRead, this, [&] { received += reply->readAll(); });
    received += reply->readAll();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 10000);
    received += reply->readAll();
    QCOMPARE(SlowTransferGuard::reason(reply), QString());
    QCOMPARE(received.size(), body.size());
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(TestSlowTransferGuard)
#include "test_slowtransferguard.moc"
