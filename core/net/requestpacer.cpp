// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/requestpacer.h"

#include "core/base/logging.h"

#include <QTimer>

namespace crossdock {

RequestPacer::RequestPacer()
{
    m_timer.start();
    m_now = [this] { return m_timer.elapsed(); };
}

void RequestPacer::observe(const QByteArray &header)
{
    if (header.isEmpty())
        return;
    const QList<QByteArray> parts = header.split(';');
    bool ok = false;
    const qint64 remaining = parts.value(0).trimmed().toLongLong(&ok);
    if (!ok)
        return;
    m_remaining = remaining;
    for (const QByteArray &part : parts.mid(1)) {
        const QByteArray p = part.trimmed();
        if (p.startsWith("w=")) {
            // Seconds; anything beyond a day (or not a number) is not a
            // window to pace by - and must not overflow into one.
            bool valid = false;
            const qint64 seconds = p.mid(2).toLongLong(&valid);
            if (valid && seconds > 0 && seconds <= 24 * 3600)
                m_windowMs = seconds * 1000;
        }
    }
    if (m_remaining < LowRemaining)
        qCDebug(lcHttp) << "registry rate limit: " << m_remaining << "requests left; slowing down";
}

qint64 RequestPacer::reserve()
{
    qint64 spacing = 0;
    if (m_rate > 0)
        spacing = static_cast<qint64>(1000.0 / m_rate);
    if (m_remaining >= 0 && m_remaining < LowRemaining && m_windowMs > 0)
        spacing = std::max(spacing, std::min(MaxSpacingMs, m_windowMs / std::max<qint64>(1, m_remaining)));
    const qint64 now = m_now();
    if (spacing == 0) {
        m_nextSlot = now;
        return 0;
    }
    const qint64 slot = std::max(now, m_nextSlot);
    m_nextSlot = slot + spacing;
    return slot - now;
}

void RequestPacer::whenAllowed(QObject *context, std::function<void()> go)
{
    const qint64 delay = reserve();
    if (delay <= 0)
        return go();
    QTimer::singleShot(delay, Qt::PreciseTimer, context, std::move(go));
}

} // namespace crossdock
