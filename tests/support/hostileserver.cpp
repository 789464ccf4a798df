// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "hostileserver.h"

#include <QMetaObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace crossdock::test {

namespace {

constexpr qint64 FillerChunk = 64 * 1024;
// Enough queued to keep the client busy without the server growing.
constexpr qint64 MaxQueued = 256 * 1024;
constexpr qint64 EndlessBytesPerSecond = 32 * 1024 * 1024;
constexpr int EndlessTicksPerSecond = 50;

bool parseHead(const QByteArray &buffer, HostileServer::Request *request)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    const QList<QByteArray> first = lines.first().trimmed().split(' ');
    if (first.size() < 2)
        return false;
    request->method = first[0];
    request->url = QUrl::fromEncoded(first[1]);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request->headers.append({lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
    }
    return true;
}

QByteArray chunk(const QByteArray &bytes, bool chunked)
{
    if (!chunked || bytes.isEmpty())
        return bytes;
    return QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n";
}

// Streams one answer on one socket, as hostile as the answer says.
void answer(QTcpSocket *socket, const HostileServer::Answer &a, bool head)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(a.status) + " Status\r\n";
    for (const auto &h : a.headers)
        out += h.first + ": " + h.second + "\r\n";
    const bool chunked = a.length == HostileServer::Answer::Length::Chunked;
    if (a.length == HostileServer::Answer::Length::Exact)
        out += "Content-Length: " + QByteArray::number(a.body.size()) + "\r\n";
    if (chunked)
        out += "Transfer-Encoding: chunked\r\n";
    out += "Connection: close\r\n\r\n";

    const QPointer<QTcpSocket> alive(socket);
    if (a.slowHead) {
        auto *timer = new QTimer(socket);
        auto position = std::make_shared<qsizetype>(0);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, out, position] {
            // Never the last byte: the head is never complete.
            if (*position < out.size() - 1)
                socket->write(out.mid((*position)++, 1));
        });
        timer->start(a.dripMs);
        return;
    }
    socket->write(out);
    if (head) {
        socket->disconnectFromHost();
        return;
    }
    if (a.bytesPerSecond > 0 && a.tail == HostileServer::Answer::Tail::None) {
        // A slice every 50 ms; the end closes the connection.
        constexpr int SliceMs = 50;
        const qint64 slice = std::max<qint64>(1, a.bytesPerSecond * SliceMs / 1000);
        auto *timer = new QTimer(socket);
        auto position = std::make_shared<qsizetype>(0);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, body = a.body, chunked, slice, position] {
            if (socket->bytesToWrite() > MaxQueued)
                return;
            socket->write(chunk(body.mid(*position, slice), chunked));
            *position += slice;
            if (*position >= body.size()) {
                timer->stop();
                if (chunked)
                    socket->write("0\r\n\r\n");
                socket->disconnectFromHost();
            }
        });
        timer->start(SliceMs);
        return;
    }
    socket->write(chunk(a.body, chunked));
    switch (a.tail) {
    case HostileServer::Answer::Tail::None:
        if (chunked)
            socket->write("0\r\n\r\n");
        socket->disconnectFromHost();
        return;
    case HostileServer::Answer::Tail::Endless: {
        // At EndlessBytesPerSecond, not at loopback speed: Qt's HTTP thread
        // keeps filling its socket buffer until the client's main thread
        // runs and aborts, so at loopback speed a client descheduled for a
        // tenth of a second on a busy CI machine holds a few hundred MiB
        // whatever its cap. At this pace a client without a cap still passes
        // the tests' memory bound within seconds.
        const QByteArray filler = chunk(QByteArray(FillerChunk, 'A'), chunked);
        auto *timer = new QTimer(socket);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, filler] {
            if (socket->bytesToWrite() > MaxQueued)
                return;
            for (qint64 sent = 0; sent < EndlessBytesPerSecond / EndlessTicksPerSecond; sent += filler.size())
                socket->write(filler);
        });
        timer->start(1000 / EndlessTicksPerSecond);
        return;
    }
    case HostileServer::Answer::Tail::Drip: {
        auto *timer = new QTimer(socket);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, chunked] { socket->write(chunk("A", chunked)); });
        timer->start(a.dripMs);
        return;
    }
    }
}

} // namespace

HostileServer::HostileServer(Handler handler)
    : m_handler(std::move(handler))
{
    m_thread.setObjectName(QStringLiteral("HostileServer"));
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_server = new QTcpServer(m_context);
            m_server->listen(QHostAddress::LocalHost, 0);
            m_port = m_server->serverPort();
            QObject::connect(m_server, &QTcpServer::newConnection, m_context, [this] {
                while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                    auto buffer = std::make_shared<QByteArray>();
                    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                        *buffer += socket->readAll();
                        if (!buffer->isEmpty() && (buffer->at(0) < 'A' || buffer->at(0) > 'Z')) {
                            // A TLS hello: say so in HTTP, as Go's server does, so
                            // a loopback client falls back to plain http at once.
                            socket->write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n");
                            socket->disconnectFromHost();
                            buffer->clear();
                            return;
                        }
                        Request request;
                        if (buffer->size() > 1024 * 1024 || !parseHead(*buffer, &request))
                            return;
                        buffer->clear();
                        // Further bytes (an upload body) are read and dropped.
                        QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
                        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
                        {
                            QMutexLocker lock(&m_mutex);
                            m_requests << request;
                        }
                        answer(socket, m_handler(request), request.method == "HEAD");
                    });
                }
            });
        },
        Qt::BlockingQueuedConnection);
}

HostileServer::~HostileServer()
{
    QMetaObject::invokeMethod(m_context, [this] { delete m_context; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString HostileServer::hostAndPort() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

QList<HostileServer::Request> HostileServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

} // namespace crossdock::test
