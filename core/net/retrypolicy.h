// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>

namespace crossdock {

// When and how long to wait before trying a request again. Transient faults
// (connection reset or refused mid-operation, timeouts, 408/429/5xx) are
// retried with exponential backoff and jitter; Retry-After is honoured in
// seconds or HTTP-date form, within a cap. Authentication failures, 4xx
// answers and digest mismatches are never retried.
struct RetryPolicy
{
    int maxAttempts = 5;          // tries in all; 1 means no retry
    int baseDelayMs = 1000;       // first wait; doubles each time
    bool fixedDelay = false;      // every wait is baseDelayMs (skopeo's --retry-delay)
    int maxDelayMs = 30000;       // cap on a computed wait
    int maxRetryAfterMs = 120000; // cap on what a server may ask for
    int idleTimeoutMs = 30000;    // a transfer silent this long is abandoned (and retried)
    // A refused connection is tried again (a registry restarting behind a
    // pipeline); someone browsing wants to hear at once instead.
    bool retryRefusedConnections = true;

    // For what a person waits on (the GUI's browsing): one quick retry, and a
    // refused connection said at once - not 15-40 s of backoff.
    static RetryPolicy interactive();
    // isRetryableNetworkError, as this policy sees a refused connection.
    bool retries(QNetworkReply::NetworkError error) const;

    static bool isRetryableStatus(int status);
    static bool isRetryableNetworkError(QNetworkReply::NetworkError error);
    // The wait before retry number `retry` (1 for the first retry).
    int delayMs(int retry, const QByteArray &retryAfter, const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // Retry-After in milliseconds from now; -1 when absent or unreadable.
    static qint64 parseRetryAfter(const QByteArray &value, const QDateTime &now);
};

} // namespace crossdock
