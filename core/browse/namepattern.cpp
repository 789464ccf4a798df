// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/namepattern.h"

#include <QCoreApplication>

namespace crossdock::NamePattern {

QRegularExpression compile(const QString &pattern, Mode mode, QString *error)
{
    QRegularExpression re;
    switch (mode) {
    case Mode::Substring:
        re = QRegularExpression(QRegularExpression::escape(pattern), QRegularExpression::CaseInsensitiveOption);
        break;
    case Mode::Glob:
        // Anchored: a glob describes the whole name.
        re = QRegularExpression(QRegularExpression::wildcardToRegularExpression(pattern), QRegularExpression::CaseInsensitiveOption);
        break;
    case Mode::Regex:
        re = QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption);
        break;
    }
    if (!re.isValid() && error)
        *error = QCoreApplication::translate("NamePattern", "invalid pattern at position %1: %2")
                     .arg(re.patternErrorOffset())
                     .arg(re.errorString());
    return re;
}

} // namespace crossdock::NamePattern
