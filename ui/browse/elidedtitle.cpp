// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/elidedtitle.h"

#include <QFontMetrics>

namespace crossdock {

ElidedTitle::ElidedTitle(QWidget *parent)
    : QLabel(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setTextFormat(Qt::RichText);
}

void ElidedTitle::setLines(const QString &title, const QString &subtitle)
{
    m_title = title;
    m_subtitle = subtitle;
    setToolTip(subtitle.isEmpty() ? title : title + QLatin1Char('\n') + subtitle);
    elide();
}

void ElidedTitle::clearLines()
{
    setLines({}, {});
}

QSize ElidedTitle::minimumSizeHint() const
{
    return {0, QLabel::minimumSizeHint().height()};
}

void ElidedTitle::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidedTitle::elide()
{
    if (m_title.isEmpty()) {
        clear();
        return;
    }
    const int room = std::max(0, contentsRect().width() - 2 * margin());
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QString first = QFontMetrics(bold).elidedText(m_title, Qt::ElideMiddle, room);
    const QString second = QFontMetrics(small).elidedText(m_subtitle, Qt::ElideMiddle, room);
    setText(QStringLiteral("<b>%1</b>").arg(first.toHtmlEscaped())
        + (m_subtitle.isEmpty() ? QString() : QStringLiteral("<br><small>%1</small>").arg(second.toHtmlEscaped())));
}

} // namespace crossdock
