#pragma once

#include "appservices.h"

#include <QMainWindow>

class QSplitter;

namespace crossdock {

class RegistryPane;

// Registries side by side: two panes to start with (add a third, close
// one), each browsing one registry. Registries and logins are managed in the
// Registries dialog (File > Registries…).
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const AppServices &services, QWidget *parent = nullptr);

    // Opens an image reference (host/repository[:tag]) in the first pane,
    // adding its registry to the list when it is not there yet.
    void openReference(const QString &reference);
    QList<RegistryPane *> panes() const;
    RegistryPane *addPane();

private:
    void closePane(RegistryPane *pane);
    void openRegistries();
    void reloadPanes();
    void updateCloseButtons();

    AppServices m_services;
    QSplitter *m_panes;
};

} // namespace crossdock
