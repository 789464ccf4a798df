// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/browse/namepattern.h"

#include <QSortFilterProxyModel>

namespace crossdock {

// Filters rows as the user types, by a NamePattern (substring, whole-name
// glob or regular expression, case-insensitively). An invalid expression
// filters nothing and says why (patternError), so a half-typed regex never
// blanks the list. Trees keep the ancestors of matching rows.
class PatternFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT

public:
    using Mode = NamePattern::Mode;

    explicit PatternFilterProxy(QObject *parent = nullptr);

    // Returns false (and patternError() explains) when the pattern is invalid.
    bool setPattern(const QString &pattern, Mode mode);
    QString patternError() const { return m_error; }

private:
    QString m_error;
};

} // namespace crossdock
