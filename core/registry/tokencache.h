// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

namespace crossdock {

// Bearer tokens by (realm, service, scopes). A token is reused until it
// expires; expiry below 60 s counts as 60 s (docker's rule), and a token is
// dropped a few seconds early so it does not expire in flight.
class TokenCache final
{
public:
    using Clock = std::function<QDateTime()>;

    explicit TokenCache(Clock clock = &QDateTime::currentDateTimeUtc) : m_clock(std::move(clock)) {}

    static QString key(const QString &realm, const QString &service, QStringList scopes);

    QString find(const QString &key) const;
    void insert(const QString &key, const QString &token, qint64 expiresInSeconds, const QDateTime &issuedAt = {});
    void remove(const QString &key) { m_entries.remove(key); }
    void clear() { m_entries.clear(); }

    static constexpr qint64 MinimumLifetimeSeconds = 60;
    static constexpr qint64 SafetyMarginSeconds = 5;

private:
    struct Entry
    {
        QString token;
        QDateTime expires;
    };
    Clock m_clock;
    QHash<QString, Entry> m_entries;
};

} // namespace crossdock
