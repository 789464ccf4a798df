// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// A user-space TCP proxy that adds latency: every chunk of bytes, in either
// direction, is delivered DELAY_MS after it arrived (so a round trip costs
// twice that), without limiting bandwidth or concurrency. Benchmarks put it
// between a client and a registry on loopback to see how tools behave on a
// real network, where most of a sync's time is round trips.
//
// Usage: latencyproxy LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT DELAY_MS [LABEL]
// (LABEL is ignored: scripts use it to find their proxies again.)
#include <QCoreApplication>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cstdio>

namespace {

// Copies what one socket reads to the other, each chunk after the delay.
void pipeWithDelay(QTcpSocket *from, QTcpSocket *to, int delayMs)
{
    QObject::connect(from, &QTcpSocket::readyRead, to, [from, to, delayMs] {
        const QByteArray chunk = from->readAll();
        QTimer::singleShot(delayMs, Qt::PreciseTimer, to, [to, chunk] {
            if (to->state() == QAbstractSocket::ConnectedState)
                to->write(chunk);
        });
    });
    // A close travels with the same delay, after the data before it.
    QObject::connect(from, &QTcpSocket::disconnected, to, [to, delayMs] {
        QTimer::singleShot(delayMs + 1, Qt::PreciseTimer, to, [to] { to->disconnectFromHost(); });
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5 && args.size() != 6) {
        std::fprintf(stderr, "usage: latencyproxy LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT DELAY_MS [LABEL]\n");
        return 2;
    }
    const quint16 listenPort = args.at(1).toUShort();
    const QString upstreamHost = args.at(2);
    const quint16 upstreamPort = args.at(3).toUShort();
    const int delayMs = args.at(4).toInt();
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, listenPort)) {
        std::fprintf(stderr, "latencyproxy: cannot listen on %u: %s\n", listenPort, qPrintable(server.errorString()));
        return 1;
    }
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
        while (QTcpSocket *client = server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            // Connecting costs a round trip too.
            QTimer::singleShot(delayMs, Qt::PreciseTimer, client, [=] { upstream->connectToHost(upstreamHost, upstreamPort); });
            QObject::connect(upstream, &QTcpSocket::connected, client, [=] {
                pipeWithDelay(client, upstream, delayMs);
                pipeWithDelay(upstream, client, delayMs);
                if (client->bytesAvailable() > 0)
                    Q_EMIT client->readyRead();
            });
            // A refused upstream closes the client; an upstream that hangs up
            // after answering is passed on by pipeWithDelay, after its data.
            QObject::connect(upstream, &QTcpSocket::errorOccurred, client, [client, upstream](QAbstractSocket::SocketError error) {
                if (error != QAbstractSocket::RemoteHostClosedError && upstream->state() != QAbstractSocket::ConnectedState)
                    client->disconnectFromHost();
            });
            QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        }
    });
    return app.exec();
}
