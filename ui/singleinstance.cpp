// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/singleinstance.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

namespace crossdock {

SingleInstance::SingleInstance(QString socketPath, QObject *parent)
    : QObject(parent)
    , m_socketPath(std::move(socketPath))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultSocketPath()
{
    // $XDG_RUNTIME_DIR is the user's own (0700); else QLocalServer's
    // UserAccessOption keeps the socket theirs.
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())
        folder = QDir::tempPath();
    return folder + QStringLiteral("/crossdock-gui.socket");
}

void SingleInstance::start(const QString &reference)
{
    m_reference = reference;
    m_client = new QLocalSocket(this);
    connect(m_client, &QLocalSocket::connected, this, [this] {
        m_client->write("open " + m_reference.left(MaxMessage - 8).toUtf8() + '\n');
        m_client->disconnectFromServer(); // flushes what was written first
    });
    connect(m_client, &QLocalSocket::disconnected, this, [this] {
        m_client->deleteLater();
        Q_EMIT handedOver();
    });
    connect(m_client, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
        if (error == QLocalSocket::PeerClosedError)
            return; // disconnected() follows
        m_client->disconnect(this);
        m_client->deleteLater();
        listen(); // nobody there (or a socket left by a crash): this start is the primary
    });
    m_client->connectToServer(m_socketPath);
}

void SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_socketPath)) {
        // A socket file left by a program that crashed: nobody answered on it.
        QLocalServer::removeServer(m_socketPath);
        m_server->listen(m_socketPath);
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
    Q_EMIT becamePrimary();
}

void SingleInstance::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > MaxMessage)
                    socket->abort(); // not one of ours
                return;
            }
            const QString line = QString::fromUtf8(socket->readLine(MaxMessage)).trimmed();
            socket->disconnectFromServer();
            if (line == QLatin1String("open") || line.startsWith(QLatin1String("open ")))
                Q_EMIT openRequested(line.mid(5).trimmed());
        });
    }
}

} // namespace crossdock
