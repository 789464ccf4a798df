// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/promote/transferprogressdelegate.h"

#include "ui/promote/transfermodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace crossdock {

TransferProgressDelegate::TransferProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void TransferProgressDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant value = index.data(TransferModel::ProgressRole);
    if (!value.isValid())
        return QStyledItemDelegate::paint(painter, option, index);
    // The row's background (selection, alternating colours) first, then the bar.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const double progress = value.toDouble();
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    // The empty part a step away from the row's colour towards the text's:
    // styles paint it with Base, which in a dark palette is the row itself.
    const QColor base = option.palette.color(QPalette::Base);
    const QColor text = option.palette.color(QPalette::Text);
    constexpr double Step = 0.18;
    bar.palette.setColor(QPalette::Base,
        QColor::fromRgbF(base.redF() + (text.redF() - base.redF()) * Step, base.greenF() + (text.greenF() - base.greenF()) * Step,
            base.blueF() + (text.blueF() - base.blueF()) * Step));
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = progress < 0 ? 0 : static_cast<int>(std::min(1.0, progress) * 1000.0 + 0.5);
    bar.textVisible = progress >= 0;
    bar.text = progress < 0 ? QString() : QStringLiteral("%1%").arg(static_cast<int>(std::min(1.0, progress) * 100.0));
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize TransferProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 120));
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 6));
    return size;
}

} // namespace crossdock
