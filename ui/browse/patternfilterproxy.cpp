// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/patternfilterproxy.h"

namespace crossdock {

PatternFilterProxy::PatternFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setRecursiveFilteringEnabled(true);
}

bool PatternFilterProxy::setPattern(const QString &pattern, Mode mode)
{
    m_error.clear();
    const QRegularExpression re = NamePattern::compile(pattern, mode, &m_error);
    setFilterRegularExpression(re.isValid() ? re : QRegularExpression());
    return re.isValid();
}

} // namespace crossdock
