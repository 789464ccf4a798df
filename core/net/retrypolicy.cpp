// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/retrypolicy.h"

#include <QLocale>
#include <QTimeZone>
#include <QRandomGenerator>

namespace crossdock {

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool RetryPolicy::isRetryableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
        return true;
    default:
        return false;
    }
}

RetryPolicy RetryPolicy::interactive()
{
    RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.baseDelayMs = 500;
    policy.maxDelayMs = 2000;
    policy.maxRetryAfterMs = 5000;
    policy.retryRefusedConnections = false;
    policy.idleTimeoutMs = 15000;
    return policy;
}

bool RetryPolicy::retries(QNetworkReply::NetworkError error) const
{
    if (error == QNetworkReply::ConnectionRefusedError)
        return retryRefusedConnections;
    return isRetryableNetworkError(error);
}

qint64 RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return -1;
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber) // clamped first: a huge value must not overflow the product
        return seconds < 0 ? -1 : std::min<qint64>(seconds, 100LL * 365 * 24 * 3600) * 1000;
    // HTTP-date: "Sun, 06 Nov 1994 08:49:37 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        when = QDateTime::fromString(QString::fromLatin1(text), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    when.setTimeZone(QTimeZone::utc());
    return std::max<qint64>(0, now.msecsTo(when));
}

int RetryPolicy::delayMs(int retry, const QByteArray &retryAfter, const QDateTime &now) const
{
    const qint64 asked = parseRetryAfter(retryAfter, now);
    if (asked >= 0)
        return static_cast<int>(std::min<qint64>(asked, maxRetryAfterMs));
    if (fixedDelay)
        return baseDelayMs;
    const qint64 exponential = std::min<qint64>(static_cast<qint64>(baseDelayMs) << std::min(retry - 1, 20), maxDelayMs);
    // Up to 30% jitter, so many clients do not retry in lockstep.
    const qint64 jitter = QRandomGenerator::global()->bounded(static_cast<int>(exponential * 3 / 10) + 1);
    return static_cast<int>(std::min<qint64>(exponential + jitter, maxDelayMs));
}

} // namespace crossdock
