// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/streamlimiter.h"

namespace crossdock {

StreamLimiter::StreamLimiter(int globalLimit, int perHostLimit, QObject *parent)
    : QObject(parent)
    , m_globalLimit(globalLimit)
    , m_perHostLimit(perHostLimit)
{
}

void StreamLimiter::acquire(const QString &host, QObject *context, std::function<void()> start)
{
    m_waiting.push_back({host, context, std::move(start)});
    dispatch();
}

void StreamLimiter::release(const QString &host)
{
    if (m_perHost.value(host) > 0) {
        --m_perHost[host];
        --m_total;
    }
    dispatch();
}

void StreamLimiter::dispatch()
{
    for (auto it = m_waiting.begin(); it != m_waiting.end() && m_total < m_globalLimit;) {
        if (!it->context) {
            it = m_waiting.erase(it);
            continue;
        }
        if (m_perHost.value(it->host) >= m_keyLimits.value(it->host, m_perHostLimit)) {
            ++it;
            continue;
        }
        Waiter waiter = std::move(*it);
        it = m_waiting.erase(it);
        ++m_perHost[waiter.host];
        ++m_total;
        waiter.start();
        // start() may have changed the queue (e.g. a synchronous release).
        it = m_waiting.begin();
    }
}

} // namespace crossdock
