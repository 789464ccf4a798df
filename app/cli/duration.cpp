// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "duration.h"

namespace crossdock::cli {

namespace {

constexpr double MaxMs = 100.0 * 24 * 3600 * 1000;

// Milliseconds per unit, longest spellings first so "ms" is not read as "m".
double unitMs(const QString &text, qsizetype *at)
{
    static const std::pair<const char *, double> units[] {{"ns", 1e-6}, {"us", 1e-3}, {"\u00b5s", 1e-3},
        {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}};
    for (const auto &[name, ms] : units) {
        const QString unit = QString::fromUtf8(name);
        if (text.mid(*at, unit.size()) == unit) {
            *at += unit.size();
            return ms;
        }
    }
    return -1;
}

} // namespace

std::optional<qint64> parseGoDuration(const QString &text, QString *why)
{
    if (text == QLatin1String("0"))
        return 0;
    if (text.isEmpty() || text.startsWith(QLatin1Char('-'))) {
        *why = QStringLiteral("\"%1\" is not a duration such as 90s, 10m or 1h30m").arg(text);
        return std::nullopt;
    }
    double total = 0;
    qsizetype at = text.startsWith(QLatin1Char('+')) ? 1 : 0;
    if (at == text.size()) {
        *why = QStringLiteral("\"%1\" is not a duration such as 90s, 10m or 1h30m").arg(text);
        return std::nullopt;
    }
    while (at < text.size()) {
        const qsizetype start = at;
        while (at < text.size() && (text.at(at).isDigit() || text.at(at) == QLatin1Char('.')))
            ++at;
        bool ok = false;
        const double number = text.mid(start, at - start).toDouble(&ok);
        const double ms = ok ? unitMs(text, &at) : -1;
        if (!ok || ms < 0) {
            *why = QStringLiteral("\"%1\" is not a duration such as 90s, 10m or 1h30m (a number and a unit: ns, "
                                  "us, ms, s, m, h)")
                       .arg(text);
            return std::nullopt;
        }
        total += number * ms;
        if (total > MaxMs) {
            *why = QStringLiteral("%1 is longer than 100 days").arg(text);
            return std::nullopt;
        }
    }
    return static_cast<qint64>(total);
}

} // namespace crossdock::cli
