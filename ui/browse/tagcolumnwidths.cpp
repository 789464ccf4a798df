// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/tagcolumnwidths.h"

#include "ui/browse/tagtablemodel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QStyle>
#include <QTableView>

namespace crossdock {

namespace {

// The widest text each column usually shows, as the model formats it.
QString widestText(int column)
{
    const QLocale locale;
    switch (column) {
    case TagTableModel::TagColumn:
        return QStringLiteral("1.27.10-alpine");
    case TagTableModel::DigestColumn:
        return QStringLiteral("8bd0cf9e6f5b"); // Digest::shortHex()
    case TagTableModel::PlatformsColumn:
        return QStringLiteral("linux/amd64, linux/arm64");
    case TagTableModel::SizeColumn:
        return locale.formattedDataSize(qint64(999.99 * 1024 * 1024 * 1024));
    case TagTableModel::CreatedColumn:
        return locale.toString(QDateTime(QDate(2026, 12, 28), QTime(23, 58)), QLocale::ShortFormat);
    case TagTableModel::SignatureColumn:
        return QObject::tr("fails verification");
    }
    return {};
}

} // namespace

void fitTagColumns(QTableView *table)
{
    const QFontMetrics metrics(table->font());
    // A cell's text is inset by the focus frame margin on both sides, plus a
    // character of air so neighbouring columns do not run together.
    const int padding = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1)
        + metrics.averageCharWidth();
    for (int column : {TagTableModel::TagColumn, TagTableModel::DigestColumn, TagTableModel::PlatformsColumn,
             TagTableModel::SizeColumn, TagTableModel::CreatedColumn, TagTableModel::SignatureColumn}) {
        const int forText = metrics.horizontalAdvance(widestText(column)) + padding;
        const int forHeader = table->horizontalHeader()->sectionSizeHint(column); // with the sort arrow
        table->setColumnWidth(column, std::max(forText, forHeader));
    }
}

} // namespace crossdock
