// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/blobsizelimit.h"

#include <QRegularExpression>

#include <atomic>

namespace crossdock::BlobSizeLimit {

namespace {
std::atomic<qint64> g_limit {Default};
}

qint64 current()
{
    return g_limit.load(std::memory_order_relaxed);
}

void set(qint64 bytes)
{
    g_limit.store(std::clamp<qint64>(bytes, 1, Ceiling), std::memory_order_relaxed);
}

std::optional<qint64> parse(const QString &text, QString *error)
{
    static const QRegularExpression form(QStringLiteral("\\A\\s*([0-9]{1,16})\\s*(?:([KMGTP])(?:i?B)?|B)?\\s*\\z"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = form.match(text);
    const auto refuse = [&](const QString &why) -> std::optional<qint64> {
        if (error)
            *error = QStringLiteral("\"%1\" is not a blob size %2").arg(text.left(40), why);
        return std::nullopt;
    };
    if (!match.hasMatch())
        return refuse(QStringLiteral("(write bytes, or a number with K, M, G, T or P: 500G, 2TiB)"));
    const qint64 number = match.captured(1).toLongLong();
    const QString unit = match.captured(2).toUpper();
    const int shift = unit.isEmpty() ? 0 : 10 * (1 + static_cast<int>(QStringLiteral("KMGTP").indexOf(unit)));
    // Compared before shifting: 16 digits shifted by 50 would overflow.
    if (number <= 0 || number > (Ceiling >> shift))
        return refuse(QStringLiteral("from 1 byte to 1 PiB"));
    return number << shift;
}

bool applyEnvironment(QString *error)
{
    if (!qEnvironmentVariableIsSet(EnvironmentVariable))
        return true;
    QString why;
    const auto bytes = parse(qEnvironmentVariable(EnvironmentVariable), &why);
    if (!bytes) {
        *error = QStringLiteral("%1: %2").arg(QString::fromLatin1(EnvironmentVariable), why);
        return false;
    }
    set(*bytes);
    return true;
}

} // namespace crossdock::BlobSizeLimit
