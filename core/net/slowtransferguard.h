#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class QNetworkReply;

namespace crossdock {

// Ends a reply that arrives too slowly to be a working registry. Qt's idle
// timeout only catches silence: a server sending one byte a second (its
// headers - slowloris - or its body) would otherwise hold a copy for ever.
// The rules:
// - the status line and headers must be complete within HeadTimeoutMs of
//   the request's last byte going out;
// - after that, at least MinBytesPerWindow must arrive in every WindowMs,
//   unless we are the ones holding the body up (the reply's read buffer is
//   full: a blob whose destination is slower than its source).
// A tripped reply is aborted; wasTooSlow() says so and why, and callers
// report that rather than a cancellation.
class SlowTransferGuard final : public QObject
{
    Q_OBJECT

public:
    static constexpr int HeadTimeoutMs = 20000;
    static constexpr int WindowMs = 10000;
    static constexpr qint64 MinBytesPerWindow = 1024;

    // Watches `reply` until it finishes (the guard is its child).
    static void watch(QNetworkReply *reply);
    static bool wasTooSlow(const QNetworkReply *reply);
    // "sent its headers too slowly (not complete after 20 s)" or "sent
    // under 1024 bytes in 10 s"; empty when the reply was not too slow.
    static QString reason(const QNetworkReply *reply);

private:
    explicit SlowTransferGuard(QNetworkReply *reply);
    void check();
    void trip(const QString &why);

    QNetworkReply *m_reply;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceWindow;
    qint64 m_received = 0;
    qint64 m_receivedAtWindow = 0;
    bool m_headDone = false;
};

} // namespace crossdock
