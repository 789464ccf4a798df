// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QThread>
#include <QUrl>

#include <functional>

class QTcpServer;

namespace crossdock::test {

// A tiny HTTP/1.1 server for the test helpers that the real registry cannot
// stand in for (the token service, fault injection, redirect targets). It
// runs in its own thread so a test may block (QProcess::waitForFinished)
// while a child process talks to it. One request per connection.
//
// With a TLS identity it speaks https, and still answers plain http on the
// same port (it looks at a connection's first byte): so a test can see a
// client that was sent from https to http:// on the same host and port -
// the request, its headers and that it arrived in plain text.
class MiniHttpServer final
{
public:
    struct Request
    {
        QByteArray method;
        QUrl url; // path and query
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        bool secure = false; // arrived over TLS
    };
    struct TlsIdentity
    {
        QString certificatePath; // PEM
        QString keyPath;         // PEM
    };
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        // When set, the body is announced with this length but only `body`
        // is sent before the connection closes (a truncated transfer).
        qint64 announcedLength = -1;
    };
    using Handler = std::function<Response(const Request &)>;
    // Serves the files under root by URL path (a storage host for the
    // registry's redirect middleware).
    static Handler serveFiles(const QString &root);

    explicit MiniHttpServer(Handler handler, const TlsIdentity &tls = {});
    ~MiniHttpServer();
    Q_DISABLE_COPY_MOVE(MiniHttpServer)

    quint16 port() const { return m_port; }
    QString hostAndPort(const QString &host = QStringLiteral("127.0.0.1")) const;
    // "https://host:port" with a TLS identity, else "http://host:port".
    QString baseUrl(const QString &host = QStringLiteral("127.0.0.1")) const;
    // Every request seen so far (thread-safe copy).
    QList<Request> requests() const;
    void clearRequests();

private:
    Handler m_handler;
    TlsIdentity m_tls;
    QThread m_thread;
    QObject *m_context = nullptr;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<Request> m_requests;
};

} // namespace crossdock::test
