#include "core/net/slowtransferguard.h"

#include <QNetworkReply>
#include <QTimer>

namespace crossdock {

namespace {
const char *const ReasonProperty = "crossdockTooSlow";
}

void SlowTransferGuard::watch(QNetworkReply *reply)
{
    new SlowTransferGuard(reply);
}

bool SlowTransferGuard::wasTooSlow(const QNetworkReply *reply)
{
    return !reason(reply).isEmpty();
}

QString SlowTransferGuard::reason(const QNetworkReply *reply)
{
    return reply->property(ReasonProperty).toString();
}

SlowTransferGuard::SlowTransferGuard(QNetworkReply *reply)
    : QObject(reply)
    , m_reply(reply)
{
    m_sinceStart.start();
    connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (!m_headDone) {
            m_headDone = true;
            m_sinceWindow.start();
        }
    });
    // The head is due after the request is sent: while a request body is
    // still going up (a manifest PUT over a slow link), the clock waits.
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64, qint64) { m_sinceStart.start(); });
    connect(reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) { m_received = received; });
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &SlowTransferGuard::check);
    connect(reply, &QNetworkReply::finished, timer, &QTimer::stop);
    timer->start(1000);
}

void SlowTransferGuard::check()
{
    if (!m_reply->isRunning())
        return;
    if (!m_headDone) {
        if (m_sinceStart.elapsed() > HeadTimeoutMs)
            trip(QStringLiteral("did not finish sending its response headers within %1 s").arg(HeadTimeoutMs / 1000));
        return;
    }
    if (m_sinceWindow.elapsed() < WindowMs)
        return;
    // A read buffer (nearly) full: the reader is the slow one, and Qt has
    // stopped reading the socket; the server is not to blame.
    const qint64 buffer = m_reply->readBufferSize();
    const bool heldUpByUs = buffer > 0 && m_reply->bytesAvailable() >= buffer / 2;
    if (!heldUpByUs && m_received - m_receivedAtWindow < MinBytesPerWindow) {
        trip(QStringLiteral("sent less than %1 bytes in %2 s").arg(MinBytesPerWindow).arg(WindowMs / 1000));
        return;
    }
    m_receivedAtWindow = m_received;
    m_sinceWindow.start();
}

void SlowTransferGuard::trip(const QString &why)
{
    m_reply->setProperty(ReasonProperty, why);
    m_reply->abort();
}

} // namespace crossdock
