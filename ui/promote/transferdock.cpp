// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/promote/transferdock.h"

#include "core/transfer/transferqueue.h"
#include "ui/promote/transfermodel.h"
#include "ui/promote/transferprogressdelegate.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace crossdock {

namespace {

QPushButton *button(const QString &text, const char *name, const QString &tip = {})
{
    auto *b = new QPushButton(text);
    b->setObjectName(QString::fromLatin1(name));
    b->setToolTip(tip);
    return b;
}

} // namespace

TransferDock::TransferDock(TransferQueue *queue, QWidget *parent)
    : QDockWidget(tr("Transfers"), parent)
    , m_queue(queue)
    , m_model(new TransferModel(queue, this))
    , m_view(new QTreeView)
    , m_cancel(button(tr("Cancel"), "cancelTransfer"))
    , m_retry(button(tr("Retry"), "retryTransfer"))
    , m_remove(button(
          tr("Remove"), "removeTransfer", tr("Remove finished transfers from the list (the history keeps them)")))
    , m_copyError(button(tr("Copy error"), "copyError"))
    , m_show(button(tr("Show destination"), "showDestination"))
    , m_overwrite(button(tr("Overwrite"), "overwriteTag", tr("Replace the destination tag with this image")))
    , m_skip(button(tr("Skip"), "skipTransfer", tr("Leave the destination tag as it is")))
    , m_clear(button(tr("Clear finished"), "clearFinished"))
{
    setObjectName(QStringLiteral("transferDock"));
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    m_view->setObjectName(QStringLiteral("transferView"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(TransferModel::ProgressColumn, new TransferProgressDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->setColumnWidth(TransferModel::NameColumn, 280);
    m_view->setColumnWidth(TransferModel::RouteColumn, 170);
    m_view->setColumnWidth(TransferModel::StateColumn, 200);
    m_view->setColumnWidth(TransferModel::ProgressColumn, 140);
    m_view->setColumnWidth(TransferModel::BytesColumn, 170);
    m_view->setColumnWidth(TransferModel::SpeedColumn, 90);
    m_view->setColumnWidth(TransferModel::TimeLeftColumn, 80);
    m_view->header()->setSectionResizeMode(TransferModel::BlobsColumn, QHeaderView::Stretch);

    auto *history = button(tr("History…"), "transferHistory", tr("Every finished transfer, from the history log"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_cancel, m_retry, m_overwrite, m_skip, m_remove, m_copyError, m_show})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    buttons->addWidget(history);
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    setWidget(body);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        for (quint64 id : selectedIds())
            m_queue->cancel(id);
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        for (quint64 id : selectedIds())
            m_queue->retry(id);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        for (quint64 id : selectedIds())
            m_queue->remove(id);
    });
    connect(m_overwrite, &QPushButton::clicked, this, [this] {
        for (quint64 id : decisionTargets())
            m_queue->decide(id, true);
    });
    connect(m_skip, &QPushButton::clicked, this, [this] {
        for (quint64 id : decisionTargets())
            m_queue->decide(id, false);
    });
    connect(m_copyError, &QPushButton::clicked, this, &TransferDock::copyErrors);
    connect(m_show, &QPushButton::clicked, this, &TransferDock::showSelectedDestination);
    connect(m_clear, &QPushButton::clicked, m_queue, &TransferQueue::clearFinished);
    connect(history, &QPushButton::clicked, this, &TransferDock::historyRequested);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TransferDock::openContextMenu);
    connect(m_view, &QTreeView::doubleClicked, this, &TransferDock::showSelectedDestination);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TransferDock::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TransferDock::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TransferDock::updateButtons);
    updateButtons();
}

QList<quint64> TransferDock::selectedIds() const
{
    QList<quint64> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        const quint64 id = index.data(TransferModel::TransferIdRole).value<quint64>();
        if (!ids.contains(id))
            ids << id;
    }
    return ids;
}

QList<quint64> TransferDock::decisionTargets() const
{
    // The selected transfers that wait for a decision; with none of those
    // selected, every one that waits (the buttons say "all" then).
    QList<quint64> waiting;
    for (quint64 id : selectedIds())
        if (m_queue->at(m_queue->rowOf(id)).state == Transfer::State::NeedsDecision)
            waiting << id;
    if (!waiting.isEmpty())
        return waiting;
    for (int row = 0; row < m_queue->count(); ++row)
        if (m_queue->at(row).state == Transfer::State::NeedsDecision)
            waiting << m_queue->at(row).id;
    return waiting;
}

void TransferDock::updateButtons()
{
    bool active = false, retryable = false, finished = false, failed = false, deciding = false;
    const QList<quint64> ids = selectedIds();
    for (quint64 id : ids) {
        const Transfer &t = m_queue->at(m_queue->rowOf(id));
        active |= t.isActive();
        finished |= t.isFinished();
        retryable |= t.state == Transfer::State::Failed || t.state == Transfer::State::Cancelled
            || t.state == Transfer::State::Skipped;
        failed |= !t.error.isEmpty();
        deciding |= t.state == Transfer::State::NeedsDecision;
    }
    m_cancel->setEnabled(active);
    m_retry->setEnabled(retryable);
    m_remove->setEnabled(finished);
    m_copyError->setEnabled(failed);
    m_show->setEnabled(ids.size() == 1);
    // Shown as soon as any transfer waits for a decision, not only once its
    // row is selected.
    const QList<quint64> targets = decisionTargets();
    const bool all = !deciding && targets.size() > 1;
    m_overwrite->setVisible(!targets.isEmpty());
    m_skip->setVisible(!targets.isEmpty());
    m_overwrite->setText(all ? tr("Overwrite all") : tr("Overwrite"));
    m_skip->setText(all ? tr("Skip all") : tr("Skip"));
    bool anyFinished = false;
    for (int row = 0; row < m_queue->count(); ++row)
        anyFinished |= m_queue->at(row).isFinished();
    m_clear->setEnabled(anyFinished);
}

void TransferDock::copyErrors()
{
    QStringList lines;
    for (quint64 id : selectedIds()) {
        const Transfer &t = m_queue->at(m_queue->rowOf(id));
        if (!t.error.isEmpty())
            lines << QStringLiteral("%1 → %2: %3").arg(t.order.sourceName, t.order.destinationName, t.error);
    }
    if (!lines.isEmpty())
        QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void TransferDock::showSelectedDestination()
{
    const QList<quint64> ids = selectedIds();
    if (ids.size() != 1)
        return;
    const TransferOrder &order = m_queue->at(m_queue->rowOf(ids.first())).order;
    Q_EMIT showDestination(order.destinationRegistry, order.destinationRepository, order.destinationTag);
}

void TransferDock::openContextMenu(const QPoint &at)
{
    auto *menu = new QMenu(this); // popup(), not exec(): no nested event loop
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (QPushButton *b : {m_cancel, m_retry, m_overwrite, m_skip, m_remove, m_copyError, m_show}) {
        if (!b->isVisibleTo(this) && (b == m_overwrite || b == m_skip))
            continue;
        QAction *action = menu->addAction(b->text(), b, &QPushButton::click);
        action->setEnabled(b->isEnabled());
    }
    menu->addSeparator();
    menu->addAction(m_clear->text(), m_clear, &QPushButton::click)->setEnabled(m_clear->isEnabled());
    menu->popup(m_view->viewport()->mapToGlobal(at));
}

} // namespace crossdock
