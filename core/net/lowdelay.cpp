// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/lowdelay.h"

#include <QDir>
#include <QNetworkReply>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace crossdock {

int disableNagleOnTcpSockets()
{
    int count = 0;
#ifdef Q_OS_LINUX
    const QStringList fds = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System);
    for (const QString &name : fds) {
        const int fd = name.toInt();
        int type = 0;
        socklen_t length = sizeof type;
        sockaddr_storage address{};
        socklen_t addressLength = sizeof address;
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0 || type != SOCK_STREAM)
            continue;
        if (getsockname(fd, reinterpret_cast<sockaddr *>(&address), &addressLength) != 0
            || (address.ss_family != AF_INET && address.ss_family != AF_INET6))
            continue;
        const int on = 1;
        if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0)
            ++count;
    }
#endif
    return count;
}

void disableNagleWhenConnecting(QNetworkReply *reply)
{
#ifdef Q_OS_LINUX
    QObject::connect(reply, &QNetworkReply::socketStartedConnecting, reply, [] { disableNagleOnTcpSockets(); });
#else
    Q_UNUSED(reply)
#endif
}

} // namespace crossdock
