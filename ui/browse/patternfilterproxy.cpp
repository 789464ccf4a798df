#include "ui/browse/patternfilterproxy.h"

#include <QRegularExpression>

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
    QRegularExpression re;
    switch (mode) {
    case Mode::Substring:
        re = QRegularExpression(QRegularExpression::escape(pattern), QRegularExpression::CaseInsensitiveOption);
        break;
    case Mode::Glob:
        // Unanchored like the substring mode: "app-*" finds "my-app-1" too.
        re = QRegularExpression(
            QRegularExpression::wildcardToRegularExpression(pattern, QRegularExpression::UnanchoredWildcardConversion),
            QRegularExpression::CaseInsensitiveOption);
        break;
    case Mode::Regex:
        re = QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption);
        break;
    }
    if (!re.isValid()) {
        m_error = tr("invalid pattern at position %1: %2").arg(re.patternErrorOffset()).arg(re.errorString());
        setFilterRegularExpression(QRegularExpression());
        return false;
    }
    setFilterRegularExpression(re);
    return true;
}

} // namespace crossdock
