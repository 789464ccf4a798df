// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// TCP_NODELAY on the process's TCP sockets (see core/lowdelay.h).
#include "core/net/lowdelay.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

class TestLowDelay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void setsNoDelayOnTcpSockets();
};

static int noDelay(qintptr fd)
{
    int value = -1;
    socklen_t length = sizeof value;
    getsockopt(static_cast<int>(fd), IPPROTO_TCP, TCP_NODELAY, &value, &length);
    return value;
}

void TestLowDelay::setsNoDelayOnTcpSockets()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QCOMPARE(noDelay(client.socketDescriptor()), 0); // Nagle on, as Qt leaves it
    QVERIFY(crossdock::disableNagleOnTcpSockets() >= 1);
    QCOMPARE(noDelay(client.socketDescriptor()), 1);
}

QTEST_GUILESS_MAIN(TestLowDelay)
#include "test_lowdelay.moc"
