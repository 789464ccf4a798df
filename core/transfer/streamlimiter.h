// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>

namespace crossdock {

// Shared limits on concurrent blob streams: a global one and one per
// registry host, so many jobs together never open more than the limits
// allow against any one registry. Waiters start in the order they asked.
class StreamLimiter final : public QObject
{
    Q_OBJECT

public:
    explicit StreamLimiter(int globalLimit = 12, int perHostLimit = 6, QObject *parent = nullptr);

    // Calls start() once a slot for host is free (maybe at once). The caller
    // must release(host) exactly once after start() ran. If context dies
    // before that, the request is dropped.
    void acquire(const QString &host, QObject *context, std::function<void()> start);
    void release(const QString &host);
    // A key with its own limit instead of the per-host one.
    void setLimit(const QString &key, int limit) { m_keyLimits.insert(key, limit); }
    // Layers being recompressed at once, in all copies: CPU-bound, and each
    // holds a compressor's buffers - as many as the machine has cores.
    static inline const QString RecompressKey = QStringLiteral("recompress:");

    int active(const QString &host) const { return m_perHost.value(host); }
    int activeTotal() const { return m_total; }

private:
    void dispatch();

    struct Waiter
    {
        QString host;
        QPointer<QObject> context;
        std::function<void()> start;
    };
    int m_globalLimit;
    int m_perHostLimit;
    int m_total = 0;
    QHash<QString, int> m_perHost;
    QHash<QString, int> m_keyLimits;
    std::deque<Waiter> m_waiting;
};

} // namespace crossdock
