// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/mainwindow.h"

#include "core/browse/localstore.h"
#include "core/image/imagereference.h"
#include "core/registry/registrysettings.h"
#include "core/transfer/transferengine.h"
#include "core/transfer/transferhistory.h"
#include "core/transfer/transferqueue.h"
#include "ui/browse/registrypane.h"
#include "ui/desktopnotifier.h"
#include "ui/search/searchdialog.h"
#include "ui/search/searchfeeder.h"
#include "ui/promote/historydialog.h"
#include "ui/promote/prefermirrorsjob.h"
#include "ui/promote/promotedialog.h"
#include "ui/promote/transferdock.h"
#include "ui/registries/registriesdialog.h"
#include "ui/registries/registriespolicy.h"

#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTreeView>

namespace crossdock {

MainWindow::MainWindow(const AppServices &services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_panes(new QSplitter(Qt::Horizontal))
{
    setWindowTitle(tr("Crossdock"));
    m_panes->setObjectName(QStringLiteral("panes"));
    m_panes->setChildrenCollapsible(false);
    setCentralWidget(m_panes);
    // 1280x760 where there is room; within the screen where there is not
    // (a laptop at a scale factor of 2 has 800x500 logical pixels).
    const QRect available = screen()->availableGeometry();
    resize(std::min(1280, available.width() * 9 / 10), std::min(760, available.height() * 9 / 10));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *registries = file->addAction(tr("&Registries…"), this, &MainWindow::openRegistries);
    registries->setObjectName(QStringLiteral("actionRegistries"));
    // Ctrl+, as the README says, whatever the desktop's own Preferences key is.
    registries->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence(QKeySequence::Preferences)});
    QAction *search = file->addAction(tr("&Search registries…"), this, [this] { openSearch(); });
    search->setObjectName(QStringLiteral("actionSearch"));
    search->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    QAction *newPane = file->addAction(tr("New &pane"), this, [this] { addPane(); });
    newPane->setObjectName(QStringLiteral("actionNewPane"));
    newPane->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    if (!m_services.transfers) {
        m_ownEngine = std::make_unique<TransferEngine>();
        m_ownHistory = std::make_unique<TransferHistory>(TransferHistory::defaultPath());
        m_services.transfers = new TransferQueue(m_ownEngine.get(), m_services.network, m_ownHistory.get(), {}, this);
    }
    TransferQueue *queue = m_services.transfers;
    m_searchFeeder = new SearchFeeder(m_services, &m_searchIndex, this);
    m_notifier = new DesktopNotifier(this);
    connect(m_notifier, &DesktopNotifier::unavailable, this, &MainWindow::notifyThroughTray);
    m_dock = new TransferDock(queue, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide(); // until the first promotion
    connect(m_dock, &TransferDock::showDestination, this, &MainWindow::showDestination);
    connect(m_dock, &TransferDock::historyRequested, this, &MainWindow::openHistory);
    connect(queue, &TransferQueue::transferFinished, this, &MainWindow::onTransferFinished);
    connect(queue, &TransferQueue::batchFinished, this,
        [this](int batch, int arrived, int failed) { notifyBatch(arrived, failed, m_batchSizes.take(batch)); });
    connect(queue, &TransferQueue::historyFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("The transfer history was not saved: %1").arg(error));
    });
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *showTransfers = m_dock->toggleViewAction();
    showTransfers->setText(tr("&Transfers"));
    showTransfers->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    view->addAction(showTransfers);
    view->addAction(tr("Transfer &history…"), this, &MainWindow::openHistory)
        ->setObjectName(QStringLiteral("actionHistory"));
    view->addSeparator();
    // F6 moves between panes, as between a browser's frames or an editor's splits.
    QAction *nextPane = view->addAction(tr("&Next pane"), this, [this] { focusPane(+1); });
    nextPane->setObjectName(QStringLiteral("actionNextPane"));
    nextPane->setShortcut(QKeySequence(Qt::Key_F6));
    QAction *previousPane = view->addAction(tr("&Previous pane"), this, [this] { focusPane(-1); });
    previousPane->setObjectName(QStringLiteral("actionPreviousPane"));
    previousPane->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));

    const WorkspaceState workspace
        = m_services.workspacePath.isEmpty() ? WorkspaceState() : WorkspaceState::load(m_services.workspacePath);
    if (!workspace.isEmpty()) {
        restoreWorkspace(workspace);
        return;
    }
    RegistryPane *first = addPane();
    RegistryPane *second = addPane();
    // First run: the local folder, and a welcome page beside it. Later: two
    // registries side by side, or a registry and the local folder.
    const QList<RegistryEntry> &configured = m_services.registries->entries();
    if (configured.isEmpty())
        first->openLocalFolder();
    else if (configured.size() > 1)
        second->openRegistry(configured.at(1).host);
    else
        second->openLocalFolder();
}

void MainWindow::restoreWorkspace(const WorkspaceState &workspace)
{
    for (const PaneState &state : workspace.panes)
        addPane()->restore(state);
    if (!workspace.geometry.isEmpty())
        restoreGeometry(workspace.geometry);
    // Within the screen it opens on now (a laptop after a big monitor).
    const QRect available = screen()->availableGeometry();
    if (width() > available.width() || height() > available.height())
        resize(std::min(width(), available.width() * 9 / 10), std::min(height(), available.height() * 9 / 10));
    if (!available.contains(frameGeometry()))
        move(available.topLeft());
    if (workspace.paneWidths.size() == m_panes->count())
        m_panes->setSizes(workspace.paneWidths);
}

WorkspaceState MainWindow::workspaceState() const
{
    WorkspaceState state;
    state.geometry = saveGeometry();
    state.paneWidths = m_panes->sizes();
    for (const RegistryPane *pane : panes())
        state.panes << pane->state();
    return state;
}

void MainWindow::saveWorkspace()
{
    if (m_services.workspacePath.isEmpty())
        return;
    QString error;
    if (!workspaceState().save(m_services.workspacePath, &error))
        qWarning("the window's layout was not kept: %s", qPrintable(error));
}

MainWindow::~MainWindow()
{
    if (m_ownEngine) {
        // The dock's model reads the queue, and the queue's copies talk to
        // the engine: dock, then queue, then (as a member) the engine.
        delete m_dock;
        delete m_services.transfers;
    }
}

QList<RegistryPane *> MainWindow::panes() const
{
    QList<RegistryPane *> found;
    for (int i = 0; i < m_panes->count(); ++i)
        if (auto *pane = qobject_cast<RegistryPane *>(m_panes->widget(i)))
            found << pane;
    return found;
}

RegistryPane *MainWindow::addPane()
{
    auto *pane = new RegistryPane(m_services, m_services.contentCache);
    pane->setObjectName(QStringLiteral("pane%1").arg(m_panes->count() + 1));
    connect(pane, &RegistryPane::closeRequested, this, [this, pane] { closePane(pane); });
    // "Add registry…" and the welcome page's "Another registry…": a new, empty entry.
    connect(pane, &RegistryPane::openRegistriesDialog, this, [this] { openRegistries()->addEntry(); });
    connect(pane, &RegistryPane::openRegistrySettings, this,
        [this](const QString &host) { openRegistries()->selectHost(host); });
    pane->setPromoteTargets([this](const RegistryPane *source) {
        // Every other pane showing a registry (or the local folder).
        QList<RegistryPane::PromoteTarget> targets;
        for (RegistryPane *other : panes()) {
            if (other == source || !other->endpoint().isValid())
                continue;
            // Into the same repository path there, whatever that pane has
            // open: a keyboard promotion must not pick up an unrelated
            // repository (the dialog lets the user choose another).
            targets.append({other->endpoint().label(),
                [this, pane = QPointer<RegistryPane>(other)](const QList<DraggedImage> &images) {
                    if (pane)
                        promote(pane, images, QString());
                }});
        }
        return targets;
    });
    connect(pane, &RegistryPane::promoteRequested, this,
        [this, pane](
            const QList<DraggedImage> &images, const QString &repository) { promote(pane, images, repository); });
    connect(pane, &RegistryPane::tagsListed, this,
        [this](const QString &registry, const QString &repository, const QStringList &tags) {
            m_searchIndex.addTags(registry, repository, tags);
        });
    connect(pane, &RegistryPane::loginChanged, this, [this, pane](const QString &host) {
        for (RegistryPane *other : panes())
            if (other != pane)
                other->reconnectIfShowing(host);
    });
    connect(pane, &RegistryPane::registriesEdited, this, [this, pane] {
        for (RegistryPane *other : panes())
            if (other != pane)
                other->reloadRegistries();
    });
    m_panes->addWidget(pane);
    updateCloseButtons();
    return pane;
}

SearchDialog *MainWindow::openSearch()
{
    if (!m_search) {
        m_search = new SearchDialog(&m_searchIndex, m_searchFeeder, this);
        connect(m_search, &SearchDialog::openRequested, this, &MainWindow::showDestination);
    }
    m_search->show();
    m_search->raise();
    m_search->activateWindow();
    return m_search;
}

void MainWindow::focusPane(int step)
{
    const QList<RegistryPane *> all = panes();
    if (all.isEmpty())
        return;
    int current = 0;
    for (int i = 0; i < all.size(); ++i)
        if (all.at(i)->isAncestorOf(QApplication::focusWidget()))
            current = i;
    const int next = static_cast<int>((current + step + all.size()) % all.size());
    all.at(next)->focusBrowsing();
}

void MainWindow::closePane(RegistryPane *pane)
{
    if (panes().size() <= 1)
        return;
    pane->hide();
    pane->deleteLater();
    pane->setParent(nullptr);
    updateCloseButtons();
}

void MainWindow::updateCloseButtons()
{
    const QList<RegistryPane *> all = panes();
    for (RegistryPane *pane : all)
        pane->findChild<QPushButton *>(QStringLiteral("closePane"))->setVisible(all.size() > 1);
}

void MainWindow::reloadPanes()
{
    for (RegistryPane *pane : panes())
        pane->reloadRegistries();
}

RegistriesDialog *MainWindow::openRegistries()
{
    auto *dialog = new RegistriesDialog(m_services, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegistriesDialog::registriesChanged, this, &MainWindow::reloadPanes);
    connect(dialog, &RegistriesDialog::loginChanged, this, [this](const QString &host) {
        for (RegistryPane *pane : panes())
            pane->reconnectIfShowing(host);
    });
    dialog->open();
    return dialog;
}

void MainWindow::promote(
    RegistryPane *destination, const QList<DraggedImage> &images, const QString &destinationRepository)
{
    if (images.isEmpty())
        return;
    // The drag came from a pane showing its registry; its client carries the login.
    const QString sourceId = images.first().registry;
    RegistryPane *source = nullptr;
    for (RegistryPane *pane : panes())
        if (pane->registryId() == sourceId && pane->endpoint().isValid())
            source = pane;
    if (!source)
        return statusBar()->showMessage(tr("Open %1 in a pane to promote images from it.").arg(sourceId), 10000);
    if (const QString blocked = RegistriesPolicy::blockedReason(m_services, destination->registryId()); !blocked.isEmpty())
        return statusBar()->showMessage(tr("Nothing can be promoted there: %1.").arg(blocked), 10000);
    if (!destination->endpoint().isValid())
        return statusBar()->showMessage(tr("The destination pane is not connected yet; try again in a moment."), 10000);
    QList<DraggedImage> fromSource;
    for (const DraggedImage &image : images)
        if (image.registry == sourceId)
            fromSource << image; // one registry per drag: panes show one each
    auto *dialog = new PromoteDialog(
        source->endpoint(), fromSource, destination->endpoint(), destinationRepository, m_services.trust, m_services.signingKeys, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QList<TransferOrder> orders = dialog->orders();
        if (!PreferMirrorsJob::hasMirrors(m_services, orders))
            return enqueue(orders);
        // registries.conf mirrors: pull from one that has the digest.
        auto *prefer = new PreferMirrorsJob(m_services, orders, this);
        connect(prefer, &Job::finished, this, [this, prefer] { enqueue(prefer->orders()); });
        statusBar()->showMessage(tr("Asking the mirrors in registries.conf for the images…"), 5000);
        prefer->start();
    });
    dialog->open();
}

void MainWindow::enqueue(const QList<TransferOrder> &orders)
{
    const int batch = m_services.transfers->enqueue(orders);
    if (batch > 0)
        m_batchSizes.insert(batch, static_cast<int>(orders.size()));
    if (m_dock->isHidden()) {
        m_dock->show();
        resizeDocks({m_dock}, {height() / 3}, Qt::Vertical); // the panes keep most of the window
    }
    m_dock->raise();
}

void MainWindow::onTransferFinished(quint64 id)
{
    TransferQueue *queue = m_services.transfers;
    const Transfer &transfer = queue->at(queue->rowOf(id));
    if (transfer.state != Transfer::State::Copied)
        return;
    // The new tag shows up wherever its repository is open.
    for (RegistryPane *pane : panes())
        if (pane->registryId() == transfer.order.destinationRegistry)
            pane->reloadRepository(transfer.order.destinationRepository);
}

void MainWindow::notifyBatch(int arrived, int failed, int total)
{
    if (total <= 0)
        return;
    const QString title = failed == 0 ? tr("Promotion finished") : tr("Promotion finished with failures");
    QString message = failed == 0
        ? tr("%n of %1 image(s) promoted.", nullptr, arrived).arg(total)
        : tr("%n image(s) failed; %1 of %2 promoted.", nullptr, failed).arg(arrived).arg(total);
    if (arrived + failed < total)
        message += QLatin1Char(' ') + tr("%n skipped or cancelled.", nullptr, total - arrived - failed);
    statusBar()->showMessage(message, 15000);
    // A desktop notification: through the desktop's notification service,
    // or a tray balloon where there is only a tray. The status bar says it anyway.
    m_notifier->notify(title, message, failed > 0);
}

void MainWindow::notifyThroughTray(const QString &title, const QString &message, bool isWarning)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(windowTitle());
    }
    m_tray->show();
    m_tray->showMessage(title, message, isWarning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

void MainWindow::showDestination(const QString &registry, const QString &repository, const QString &tag)
{
    for (RegistryPane *pane : panes())
        if (pane->registryId() == registry) {
            pane->openRepository(repository, tag);
            return;
        }
    // Not open anywhere: the last pane switches to it.
    RegistryPane *pane = panes().last();
    if (registry.startsWith(QLatin1String("oci:")))
        pane->openLocalFolder();
    else if (!pane->openRegistry(registry))
        return statusBar()->showMessage(tr("%1 is no longer in the registry list.").arg(registry), 10000);
    pane->openRepository(repository, tag);
}

void MainWindow::openHistory()
{
    auto *dialog = new HistoryDialog(m_services.transfers->history(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    TransferQueue *queue = m_services.transfers;
    if (m_quitting || queue->activeCount() == 0) {
        saveWorkspace();
        return QMainWindow::closeEvent(event);
    }
    event->ignore();
    auto *ask = new QMessageBox(QMessageBox::Question, tr("Quit Crossdock?"),
        tr("%n transfer(s) are not finished. Quitting cancels them; nothing is tagged at the destination until a "
           "copy completes.",
            nullptr, queue->activeCount()),
        QMessageBox::NoButton, this);
    ask->setObjectName(QStringLiteral("quitWithTransfers"));
    QPushButton *quit = ask->addButton(tr("Cancel transfers and quit"), QMessageBox::AcceptRole);
    quit->setObjectName(QStringLiteral("cancelAndQuit"));
    ask->setDefaultButton(ask->addButton(tr("Keep running"), QMessageBox::RejectRole));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(quit, &QPushButton::clicked, this, [this, queue] {
        m_quitting = true;
        statusBar()->showMessage(tr("Cancelling transfers and cleaning up upload sessions…"));
        queue->cancelAll();
        queue->engine()->whenIdle(this, [this] { close(); });
    });
    ask->open();
}

void MainWindow::openReference(const QString &text)
{
    QString error;
    // "docker://host/repo:tag" (as skopeo and a desktop's URL handler write
    // it) or the bare reference.
    QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1String("docker://")))
        trimmed = trimmed.mid(9);
    const ImageReference reference = ImageReference::parse(trimmed, &error);
    if (!reference.isValid()) {
        statusBar()->showMessage(error);
        return;
    }
    if (!m_services.registries->find(reference.registry())) {
        RegistrySettings next = *m_services.registries;
        RegistryEntry entry;
        entry.host = reference.registry();
        if (!next.upsert(entry, &error) || !next.save(m_services.registriesPath, &error)) {
            statusBar()->showMessage(error);
            return;
        }
        *m_services.registries = next;
        reloadPanes();
        statusBar()->showMessage(tr("Added %1 to the registries.").arg(reference.registry()), 8000);
    }
    RegistryPane *pane = panes().first();
    pane->openRegistry(reference.registry());
    pane->openRepository(reference.repository(), reference.tag());
}

} // namespace crossdock
