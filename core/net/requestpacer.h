// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>

#include <functional>

namespace crossdock {

// Spaces one registry's requests out when asked to, or when the registry
// says its budget runs low: an optional fixed rate (requests per second), and
// Docker Hub's "RateLimit-Remaining: 76;w=21600" - when few requests remain,
// the rest are spread over the window instead of running into 429s. With
// neither, requests go at once (no extra event-loop turn).
class RequestPacer final {
public:
    RequestPacer();

    // 0: no fixed rate.
    void setRate(double requestsPerSecond) { m_rate = requestsPerSecond; }
    double rate() const { return m_rate; }
    // Reads a RateLimit-Remaining header ("N" or "N;w=SECONDS").
    void observe(const QByteArray &rateLimitRemaining);
    // How long the next request must wait, in ms, and books its slot.
    qint64 reserve();
    // Runs go after reserve()'s delay (at once when there is none), if context lives.
    void whenAllowed(QObject *context, std::function<void()> go);

    static constexpr int LowRemaining = 10; // below this, spread what is left
    static constexpr qint64 MaxSpacingMs = 60000; // never wait longer than this per request

    // For tests: the clock in ms.
    void setClock(std::function<qint64()> clock) { m_now = std::move(clock); }

private:
    std::function<qint64()> m_now;
    QElapsedTimer m_timer;
    double m_rate = 0;
    qint64 m_remaining = -1; // unknown
    qint64 m_windowMs = 0;
    qint64 m_nextSlot = 0;
};

} // namespace crossdock
