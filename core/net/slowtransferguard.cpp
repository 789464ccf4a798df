// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/slowtransferguard.h"

#include <QNetworkReply>
#include <QVariant>

#include <algorithm>
#include <QTimer>

namespace crossdock {

namespace {
const char *const ReasonProperty = "crossdockTooSlow";
// A check this many intervals after the last one means we were not running.
constexpr int LateCheckFactor = 3;
}

void SlowTransferGuard::watch(QNetworkReply *reply, qint64 maxBodyBytes, const Rules &rules)
{
    new SlowTransferGuard(reply, maxBodyBytes, rules);
}

bool SlowTransferGuard::wasTooSlow(const QNetworkReply *reply)
{
    return !reason(reply).isEmpty();
}

QString SlowTransferGuard::reason(const QNetworkReply *reply)
{
    return reply->property(ReasonProperty).toString();
}

SlowTransferGuard::SlowTransferGuard(QNetworkReply *reply, qint64 maxBodyBytes, const Rules &rules)
    : QObject(reply)
    , m_reply(reply)
    , m_rules(rules)
    , m_maxBodyBytes(maxBodyBytes)
{
    m_sinceStart.start();
    m_sinceCheck.start();
    connect(reply, &QNetworkReply::metaDataChanged, this, &SlowTransferGuard::onHead);
    // The head is due after the request is sent: while a request body is
    // still going up (a manifest PUT over a slow link), the clock waits.
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64, qint64) {
        m_sinceStart.start();
        m_stalledMs = 0;
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) { m_received = received; });
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &SlowTransferGuard::check);
    connect(reply, &QNetworkReply::finished, timer, &QTimer::stop);
    // Often enough for the shortest rule to hold to within a fifth.
    m_checkEveryMs = std::clamp(std::min(m_rules.headTimeoutMs, m_rules.windowMs) / 5, 50, 1000);
    timer->start(m_checkEveryMs);
}

void SlowTransferGuard::onHead()
{
    if (m_headDone)
        return;
    m_headDone = true;
    m_sinceHead.start();
    m_sinceWindow.start();
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    qint64 bytes = length.isValid() ? length.toLongLong() : m_maxBodyBytes;
    if (bytes >= 0 && m_maxBodyBytes >= 0)
        bytes = std::min(bytes, m_maxBodyBytes);
    if (bytes < 0 || m_rules.minAverageBytesPerSecond <= 0)
        return;
    m_bodyBytes = bytes;
    // Divided before multiplying: a 1 TiB blob's budget must not overflow.
    m_bodyBudgetMs = m_rules.bodyBaseMs + bytes / m_rules.minAverageBytesPerSecond * 1000;
}

void SlowTransferGuard::check()
{
    if (!m_reply->isRunning())
        return;
    const qint64 sinceCheck = m_sinceCheck.restart();
    if (sinceCheck > LateCheckFactor * m_checkEveryMs) {
        // This check comes late: this process was not running (a loaded
        // machine, a suspended laptop), and what the server sent meanwhile
        // may still be queued inside Qt. That time is not the server's.
        m_stalledMs += sinceCheck;
        m_receivedAtWindow = m_received;
        m_sinceWindow.start();
        return;
    }
    if (!m_headDone) {
        if (m_sinceStart.elapsed() - m_stalledMs > m_rules.headTimeoutMs)
            trip(QStringLiteral("did not finish sending its response headers within %1 s").arg(m_rules.headTimeoutMs / 1000));
        return;
    }
    // A read buffer (nearly) full: the reader is the slow one, and Qt has
    // stopped reading the socket; the server is not to blame.
    const qint64 buffer = m_reply->readBufferSize();
    const bool heldUpByUs = buffer > 0 && m_reply->bytesAvailable() >= buffer / 2;
    if (heldUpByUs)
        m_heldUpMs += sinceCheck;
    if (m_bodyBytes >= 0 && m_sinceHead.elapsed() - m_heldUpMs - m_stalledMs > m_bodyBudgetMs) {
        trip(QStringLiteral("did not send its %1-byte answer within %2 s").arg(m_bodyBytes).arg(m_bodyBudgetMs / 1000));
        return;
    }
    if (heldUpByUs) {
        // The window measures the server only while we take what it sends:
        // it starts again from here, a whole window once we read again.
        m_receivedAtWindow = m_received;
        m_sinceWindow.start();
        return;
    }
    if (m_sinceWindow.elapsed() < m_rules.windowMs)
        return;
    if (m_received - m_receivedAtWindow < m_rules.minBytesPerWindow) {
        trip(QStringLiteral("sent less than %1 bytes in %2 s").arg(m_rules.minBytesPerWindow).arg(m_rules.windowMs / 1000));
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
