// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "minihttpserver.h"

#include <QFile>
#include <QMetaObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <poll.h>
#include <sys/socket.h>

namespace crossdock::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

// Reads one request from the socket's buffer; returns false until complete.
bool parseRequest(QByteArray &buffer, MiniHttpServer::Request *request)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() < 2)
        return false;
    MiniHttpServer::Request r;
    r.method = requestLine[0];
    r.url = QUrl::fromEncoded(requestLine[1]);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            r.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const qint64 length = r.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return false;
    r.body = buffer.mid(headerEnd + 4, length);
    *request = r;
    return true;
}

// Accepts plain and TLS connections on one port: a TLS ClientHello starts
// with the handshake record type 0x16; anything else is plain HTTP.
class SniffingServer final : public QTcpServer
{
public:
    SniffingServer(const MiniHttpServer::TlsIdentity &tls, QObject *parent)
        : QTcpServer(parent)
    {
        if (tls.certificatePath.isEmpty())
            return;
        QFile cert(tls.certificatePath);
        QFile key(tls.keyPath);
        if (cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly)) {
            m_certificate = QSslCertificate(&cert, QSsl::Pem);
            m_key = QSslKey(&key, QSsl::Rsa, QSsl::Pem);
        }
        if (m_certificate.isNull() || m_key.isNull())
            qFatal("MiniHttpServer: cannot load the TLS identity %s", qPrintable(tls.certificatePath));
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        bool tls = false;
        if (!m_certificate.isNull()) {
            // Peek without consuming, so the TLS layer still sees the hello.
            pollfd fd{static_cast<int>(descriptor), POLLIN, 0};
            char first = 0;
            if (::poll(&fd, 1, 3000) == 1 && ::recv(static_cast<int>(descriptor), &first, 1, MSG_PEEK) == 1)
                tls = first == 0x16;
        }
        if (!tls) {
            auto *socket = new QTcpSocket(this);
            socket->setSocketDescriptor(descriptor);
            addPendingConnection(socket);
            return;
        }
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->setLocalCertificate(m_certificate);
        socket->setPrivateKey(m_key);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        socket->startServerEncryption();
        addPendingConnection(socket);
    }

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace

MiniHttpServer::Handler MiniHttpServer::serveFiles(const QString &root)
{
    return [root](const Request &r) -> Response {
        if (r.url.path().contains(QLatin1String("..")))
            return {400, {}, "bad path"};
        QFile file(root + r.url.path());
        if (!file.open(QIODevice::ReadOnly))
            return {404, {}, "no such blob"};
        return {200, {{"Content-Type", "application/octet-stream"}}, file.readAll()};
    };
}

MiniHttpServer::MiniHttpServer(Handler handler, const TlsIdentity &tls)
    : m_handler(std::move(handler))
    , m_tls(tls)
{
    m_thread.setObjectName(QStringLiteral("MiniHttpServer"));
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_server = new SniffingServer(m_tls, m_context);
            m_server->listen(QHostAddress::LocalHost, 0);
            m_port = m_server->serverPort();
            QObject::connect(m_server, &QTcpServer::newConnection, m_context, [this] {
                while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                    auto *buffer = new QByteArray;
                    QObject::connect(socket, &QObject::destroyed, m_context, [buffer] { delete buffer; });
                    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                    QObject::connect(socket, &QTcpSocket::readyRead, m_context, [this, socket, buffer] {
                        *buffer += socket->readAll();
                        const auto *tlsSocket = qobject_cast<QSslSocket *>(socket);
                        if (!buffer->isEmpty() && (buffer->at(0) < 'A' || buffer->at(0) > 'Z')) {
                            // Not HTTP (e.g. a TLS ClientHello): answer like Go's server does.
                            socket->write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n");
                            socket->disconnectFromHost();
                            buffer->clear();
                            return;
                        }
                        Request request;
                        if (!parseRequest(*buffer, &request))
                            return;
                        buffer->clear();
                        request.secure = tlsSocket && tlsSocket->isEncrypted();
                        {
                            QMutexLocker lock(&m_mutex);
                            m_requests << request;
                        }
                        // A handler may spin a nested event loop (the fault proxy
                        // does); the client can hang up and the socket be deleted
                        // meanwhile.
                        const QPointer<QTcpSocket> alive(socket);
                        const Response response = m_handler(request);
                        if (!alive)
                            return;
                        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
                            + reasonPhrase(response.status) + "\r\n";
                        for (const auto &h : response.headers)
                            out += h.first + ": " + h.second + "\r\n";
                        const qint64 length = response.announcedLength >= 0 ? response.announcedLength : response.body.size();
                        out += "Content-Length: " + QByteArray::number(length) + "\r\nConnection: close\r\n\r\n";
                        if (request.method != "HEAD")
                            out += response.body;
                        socket->write(out);
                        socket->disconnectFromHost();
                    });
                }
            });
        },
        Qt::BlockingQueuedConnection);
}

MiniHttpServer::~MiniHttpServer()
{
    QMetaObject::invokeMethod(m_context, [this] { delete m_context; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString MiniHttpServer::hostAndPort(const QString &host) const
{
    return host + QLatin1Char(':') + QString::number(m_port);
}

QString MiniHttpServer::baseUrl(const QString &host) const
{
    return (m_tls.certificatePath.isEmpty() ? QStringLiteral("http://") : QStringLiteral("https://")) + hostAndPort(host);
}

QList<MiniHttpServer::Request> MiniHttpServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

void MiniHttpServer::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

} // namespace crossdock::test
