// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QLabel;
class QStandardItemModel;
class QTableView;

namespace crossdock {

class TransferHistory;

// The transfer history log, newest first: when, what happened, from where
// to where, the digest and the bytes moved. Read when opened and on Reload.
class HistoryDialog final : public QDialog {
    Q_OBJECT

public:
    static constexpr int Shown = 1000; // the most recent entries

    HistoryDialog(TransferHistory *history, QWidget *parent = nullptr);

    void reload();
    QStandardItemModel *model() const { return m_model; }

private:
    TransferHistory *m_history;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QLabel *m_status;
};

} // namespace crossdock
