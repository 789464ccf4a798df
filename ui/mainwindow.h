// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/appservices.h"
#include "ui/promote/imagedrag.h"
#include "ui/workspace.h"
#include "core/browse/searchindex.h"
#include "core/transfer/transferqueue.h"

#include <QMainWindow>

#include <memory>

class QSplitter;
class QSystemTrayIcon;

namespace crossdock {

class DesktopNotifier;
class SearchDialog;
class SearchFeeder;
class RegistriesDialog;
class RegistryPane;
class TransferDock;
class TransferEngine;
class TransferHistory;

// Registries side by side: two panes to start with (add a third, close
// one), each browsing one registry. Registries and logins are managed in the
// Registries dialog (File > Registries…). Tags dragged from one pane to
// another are promoted: the promote dialog says what will happen, the
// transfer dock shows it happening, and the destination pane refreshes when
// it is done.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const AppServices &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens an image reference (host/repository[:tag]) in the first pane,
    // adding its registry to the list when it is not there yet.
    void openReference(const QString &reference);
    QList<RegistryPane *> panes() const;
    RegistryPane *addPane();
    TransferDock *transferDock() const { return m_dock; }
    TransferQueue *transfers() const { return m_services.transfers; }

    // Ctrl+K: repositories and tags across every registry.
    SearchDialog *openSearch();

    // The window's layout and each pane's state, as kept between runs.
    WorkspaceState workspaceState() const;
    // Writes workspaceState() to services.workspacePath (done on close).
    void saveWorkspace();

    // Opens the promote dialog for images dropped on a pane.
    void promote(RegistryPane *destination, const QList<DraggedImage> &images, const QString &destinationRepository);

protected:
    // Quitting with transfers running asks first, then cancels them and
    // waits (without blocking) for their upload sessions to be cleaned up.
    void closeEvent(QCloseEvent *event) override;

private:
    // Queues a dialog's orders and shows the transfer panel.
    void enqueue(const QList<TransferOrder> &orders);
    void restoreWorkspace(const WorkspaceState &workspace);
    void closePane(RegistryPane *pane);
    // Focus to the pane step places after (or before) the one that has it.
    void focusPane(int step);
    RegistriesDialog *openRegistries();
    void openHistory();
    void reloadPanes();
    void updateCloseButtons();
    void showDestination(const QString &registry, const QString &repository, const QString &tag);
    void onTransferFinished(quint64 id);
    void notifyBatch(int arrived, int failed, int total);
    void notifyThroughTray(const QString &title, const QString &message, bool isWarning);

    AppServices m_services;
    QSplitter *m_panes;
    TransferDock *m_dock = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    SearchIndex m_searchIndex;
    SearchFeeder *m_searchFeeder = nullptr;
    SearchDialog *m_search = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QHash<int, int> m_batchSizes; // batch -> transfers, for the notification
    bool m_quitting = false;
    // Made here when the application passed no queue (tests that do not promote).
    std::unique_ptr<TransferEngine> m_ownEngine;
    std::unique_ptr<TransferHistory> m_ownHistory;
};

} // namespace crossdock
