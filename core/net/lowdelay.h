// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

class QNetworkReply;

namespace crossdock {

// Qt's HTTP client leaves Nagle's algorithm on for its sockets. With
// keep-alive, the small header segment of an upload stays unacknowledged
// while the server delays its ACK, and Nagle then holds the body's last
// partial segment: up to 40 ms lost per blob PUT (measured; see
// bench/RESULTS.md). Qt offers no hook to set TCP_NODELAY on the sockets it
// creates, so when a reply starts a connection this sets TCP_NODELAY on the
// process's TCP sockets (Linux; elsewhere a no-op). That only changes
// packetisation, never data.
void disableNagleWhenConnecting(QNetworkReply *reply);

// Sets TCP_NODELAY on every TCP socket of this process; returns how many.
int disableNagleOnTcpSockets();

} // namespace crossdock
