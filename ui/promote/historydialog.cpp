// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/promote/historydialog.h"

#include "core/transfer/transferhistory.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace crossdock {

HistoryDialog::HistoryDialog(TransferHistory *history, QWidget *parent)
    : QDialog(parent)
    , m_history(history)
    , m_model(new QStandardItemModel(this))
    , m_table(new QTableView)
    , m_status(new QLabel)
{
    setObjectName(QStringLiteral("historyDialog"));
    setWindowTitle(tr("Transfer history"));
    resize(980, 420);
    m_model->setHorizontalHeaderLabels(
        {tr("Finished"), tr("Outcome"), tr("Source"), tr("Destination"), tr("Digest"), tr("Streamed"), tr("Reason")});
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton *reloadButton = buttons->addButton(tr("Reload"), QDialogButtonBox::ActionRole);
    connect(reloadButton, &QPushButton::clicked, this, &HistoryDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    reload();
}

void HistoryDialog::reload()
{
    m_model->removeRows(0, m_model->rowCount());
    int skipped = 0;
    QString error;
    const QList<TransferRecord> records = m_history->read(Shown, &skipped, &error);
    for (auto it = records.crbegin(); it != records.crend(); ++it) {
        QList<QStandardItem *> row {
            new QStandardItem(QLocale().toString(it->time.toLocalTime(), QLocale::ShortFormat)),
            new QStandardItem(it->outcome),
            new QStandardItem(it->source),
            new QStandardItem(it->destination),
            new QStandardItem(it->digest.left(19)),
            new QStandardItem(QLocale().formattedDataSize(it->bytes)),
            new QStandardItem(it->error),
        };
        row.at(4)->setToolTip(it->digest);
        row.at(6)->setToolTip(it->error);
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    QStringList status;
    status << tr("%n transfer(s) in %1", nullptr, static_cast<int>(records.size())).arg(m_history->path());
    if (skipped > 0)
        status << tr("%n damaged line(s) skipped", nullptr, skipped);
    if (!error.isEmpty())
        status << error;
    m_status->setText(status.join(QStringLiteral("; ")));
}

} // namespace crossdock
