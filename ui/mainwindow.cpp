#include "mainwindow.h"

#include "imagereference.h"
#include "registriesdialog.h"
#include "registrypane.h"
#include "registrysettings.h"

#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>

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
    resize(1280, 760);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *registries = file->addAction(tr("&Registries…"), this, &MainWindow::openRegistries);
    registries->setObjectName(QStringLiteral("actionRegistries"));
    registries->setShortcut(QKeySequence::Preferences);
    QAction *newPane = file->addAction(tr("New &pane"), this, [this] { addPane(); });
    newPane->setObjectName(QStringLiteral("actionNewPane"));
    newPane->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

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
    connect(pane, &RegistryPane::openRegistriesDialog, this, &MainWindow::openRegistries);
    connect(pane, &RegistryPane::registriesEdited, this, [this, pane] {
        for (RegistryPane *other : panes())
            if (other != pane)
                other->reloadRegistries();
    });
    m_panes->addWidget(pane);
    updateCloseButtons();
    return pane;
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

void MainWindow::openRegistries()
{
    auto *dialog = new RegistriesDialog(m_services, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegistriesDialog::registriesChanged, this, &MainWindow::reloadPanes);
    dialog->open();
}

void MainWindow::openReference(const QString &text)
{
    QString error;
    const ImageReference reference = ImageReference::parse(text.trimmed(), &error);
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
