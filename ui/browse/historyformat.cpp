// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/historyformat.h"

#include <QRegularExpression>

namespace crossdock {

QString dockerfileLine(const QString &createdBy)
{
    QString line = createdBy.trimmed();
    static const QRegularExpression buildkitSuffix(QStringLiteral("\\s*# buildkit$"));
    line.remove(buildkitSuffix);
    static const QRegularExpression nop(QStringLiteral("^/bin/sh -c #\\(nop\\)\\s*"));
    if (line.contains(nop))
        return line.remove(nop).trimmed();
    static const QRegularExpression shell(QStringLiteral("^(?:RUN\\s+)?/bin/(?:ba)?sh -c\\s+"));
    if (line.contains(shell))
        return QStringLiteral("RUN ") + line.remove(shell).trimmed();
    return line;
}

} // namespace crossdock
