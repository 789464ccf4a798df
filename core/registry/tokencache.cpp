// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/tokencache.h"

namespace crossdock {

QString TokenCache::key(const QString &realm, const QString &service, QStringList scopes)
{
    scopes.sort();
    scopes.removeDuplicates();
    return realm + QLatin1Char('\n') + service + QLatin1Char('\n') + scopes.join(QLatin1Char(' '));
}

QString TokenCache::find(const QString &key) const
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.constEnd())
        return {};
    if (m_clock() >= it->expires)
        return {};
    return it->token;
}

void TokenCache::insert(const QString &key, const QString &token, qint64 expiresInSeconds, const QDateTime &issuedAt)
{
    const qint64 lifetime = std::max(expiresInSeconds, MinimumLifetimeSeconds);
    // issued_at from the server is not trusted beyond our own clock: a skewed
    // server clock must not make a token look valid for longer.
    QDateTime base = m_clock();
    if (issuedAt.isValid() && issuedAt < base)
        base = std::max(issuedAt, base.addSecs(-lifetime));
    m_entries.insert(key, Entry{token, base.addSecs(lifetime - SafetyMarginSeconds)});
}

} // namespace crossdock
