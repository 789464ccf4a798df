// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStyledItemDelegate>

namespace crossdock {

// Draws a progress bar from the model's ProgressRole (0..1; below 0:
// unknown, drawn empty without a percentage) with the widget's style, so
// rows stay plain data and no widget is created per row.
class TransferProgressDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit TransferProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace crossdock
