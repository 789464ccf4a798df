// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/useragent.h"

namespace crossdock::UserAgent {

namespace {
QString g_prefix;
} // namespace

bool setPrefix(const QString &prefix, QString *why)
{
    for (const QChar c : prefix) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e) {
            *why = QStringLiteral("the User-Agent prefix may hold printable ASCII only (character U+%1)")
                       .arg(c.unicode(), 4, 16, QLatin1Char('0'));
            return false;
        }
    }
    if (prefix.size() > 256) {
        *why = QStringLiteral("the User-Agent prefix is longer than 256 characters");
        return false;
    }
    g_prefix = prefix.trimmed();
    return true;
}

QString value()
{
    const QString product = QStringLiteral("crossdock/" CROSSDOCK_VERSION);
    return g_prefix.isEmpty() ? product : g_prefix + QLatin1Char(' ') + product;
}

} // namespace crossdock::UserAgent
