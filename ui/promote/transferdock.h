// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDockWidget>

class QPushButton;
class QTreeView;

namespace crossdock {

class TransferModel;
class TransferQueue;

// The transfer queue, docked: one row per transfer with its progress bar,
// expandable into its blobs. Buttons and the context menu act on the
// selected transfers: cancel, retry, remove, copy the error, show the
// destination, overwrite or skip when asked; "Clear finished"; History.
class TransferDock final : public QDockWidget {
    Q_OBJECT

public:
    TransferDock(TransferQueue *queue, QWidget *parent = nullptr);

    TransferModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

Q_SIGNALS:
    // Open the destination of a transfer in a pane.
    void showDestination(const QString &registry, const QString &repository, const QString &tag);
    void historyRequested();

private:
    QList<quint64> selectedIds() const;
    // What Overwrite and Skip act on.
    QList<quint64> decisionTargets() const;
    void updateButtons();
    void copyErrors();
    void showSelectedDestination();
    void openContextMenu(const QPoint &at);

    TransferQueue *m_queue;
    TransferModel *m_model;
    QTreeView *m_view;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_remove;
    QPushButton *m_copyError;
    QPushButton *m_show;
    QPushButton *m_overwrite;
    QPushButton *m_skip;
    QPushButton *m_clear;
};

} // namespace crossdock
