// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class QNetworkReply;

namespace crossdock {

// The numbers SlowTransferGuard holds a reply to (tests scale them down).
struct SlowTransferRules
{
    int headTimeoutMs = 20000;
    int windowMs = 10000;
    qint64 minBytesPerWindow = 1024;
    int bodyBaseMs = 60000;
    qint64 minAverageBytesPerSecond = 32 * 1024;
};

// Ends a reply that arrives too slowly to be a working registry. Qt's idle
// timeout only catches silence: a server sending one byte a second (its
// headers - slowloris - or its body) would otherwise hold a copy for ever.
// The rules:
// - the status line and headers must be complete within headTimeoutMs of
//   the request's last byte going out;
// - after that, at least minBytesPerWindow must arrive in every windowMs,
//   unless we are the ones holding the body up (the reply's read buffer is
//   full: a blob whose destination is slower than its source);
// - and the whole body must be in within a deadline scaled to its size:
//   bodyBaseMs plus its length (Content-Length, else the most the caller
//   will take) at minAverageBytesPerSecond - so a server that sends just
//   enough each window cannot stretch a 4 MiB manifest over hours. Time we
//   hold the body up does not count.
// A tripped reply is aborted; wasTooSlow() says so and why, and callers
// report that rather than a cancellation.
class SlowTransferGuard final : public QObject
{
    Q_OBJECT

public:
    using Rules = SlowTransferRules;

    // Watches `reply` until it finishes (the guard is its child).
    // maxBodyBytes: the most the caller will read (-1: unknown), for the
    // deadline when the answer gives no Content-Length.
    static void watch(QNetworkReply *reply, qint64 maxBodyBytes = -1, const SlowTransferRules &rules = {});
    static bool wasTooSlow(const QNetworkReply *reply);
    // "sent its headers too slowly (not complete after 20 s)", "sent under
    // 1024 bytes in 10 s" or "did not send its 4194304 bytes within 188 s";
    // empty when the reply was not too slow.
    static QString reason(const QNetworkReply *reply);

private:
    SlowTransferGuard(QNetworkReply *reply, qint64 maxBodyBytes, const Rules &rules);
    void onHead();
    void check();
    void trip(const QString &why);

    QNetworkReply *m_reply;
    Rules m_rules;
    qint64 m_maxBodyBytes;
    qint64 m_bodyBytes = -1;  // what the deadline is for (-1: no deadline)
    qint64 m_bodyBudgetMs = 0;
    qint64 m_heldUpMs = 0;    // time the body waited for us, not the server
    qint64 m_stalledMs = 0;   // time this process did not run (late checks)
    int m_checkEveryMs = 0;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceHead;
    QElapsedTimer m_sinceWindow;
    QElapsedTimer m_sinceCheck;
    qint64 m_received = 0;
    qint64 m_receivedAtWindow = 0;
    bool m_headDone = false;
};

} // namespace crossdock
