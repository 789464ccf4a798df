// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QThread>
#include <QUrl>

#include <functional>

class QTcpServer;

namespace crossdock::test {

// A registry that means harm, for the attacks a real registry never makes:
// bodies that never end, bodies that drip a byte at a time, headers sent
// slowly (slowloris), lengths that lie. Each request is answered by a
// test-chosen handler; the answer's head and body can be streamed in those
// hostile ways. Runs in its own thread, so a test may block on a child
// process talking to it. One request per connection.
class HostileServer final
{
public:
    struct Request
    {
        QByteArray method;
        QUrl url;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    struct Answer
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        enum class Length { Exact, None, Chunked } length = Length::Exact;
        // After `body`: nothing, filler bytes at 32 MiB/s as long as the
        // client reads them (for ever), or one byte every dripMs (for ever).
        enum class Tail { None, Endless, Drip } tail = Tail::None;
        // The status line and headers one byte every dripMs, never finished.
        bool slowHead = false;
        int dripMs = 500;
        // With Tail::None: the body goes out at this pace (0: at once), for a
        // large blob still on its way when a test acts.
        qint64 bytesPerSecond = 0;
    };
    using Handler = std::function<Answer(const Request &)>;

    explicit HostileServer(Handler handler);
    ~HostileServer();
    Q_DISABLE_COPY_MOVE(HostileServer)

    QString hostAndPort() const;
    // How many requests arrived, and their paths.
    QList<Request> requests() const;

private:
    Handler m_handler;
    QThread m_thread;
    QObject *m_context = nullptr;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<Request> m_requests;
};

} // namespace crossdock::test
