// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/registrypane.h"

#include "core/browse/localstore.h"
#include "core/credentials/resolvecredentialsjob.h"
#include "core/credentials/sessioncredentials.h"
#include "core/image/imagereference.h"
#include "core/registry/registryclient.h"
#include "ui/browse/cleanupbar.h"
#include "ui/browse/deletetagflow.h"
#include "ui/browse/detailspanel.h"
#include "ui/browse/patternfilterproxy.h"
#include "ui/browse/repositorytreemodel.h"
#include "ui/browse/tagcolumnwidths.h"
#include "ui/browse/tagtablemodel.h"
#include "ui/registries/credentialsdialog.h"
#include "ui/registries/loginlookup.h"
#include "ui/registries/registriespolicy.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace crossdock {

namespace {

const QString AddRegistryItem = QStringLiteral("\x01add");
const QString LocalItem = QStringLiteral("\x01local");
constexpr int RecentRepositories = 6;

QAction *paneAction(QWidget *owner, const QString &text, const QKeySequence &shortcut, const char *name)
{
    auto *action = new QAction(text, owner);
    action->setObjectName(QString::fromLatin1(name));
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut); // the pane with focus
    owner->addAction(action);
    return action;
}

} // namespace

RegistryPane::RegistryPane(const AppServices &services, ContentCache *cache, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_cache(cache)
    , m_stack(new QStackedWidget)
    , m_selector(new QComboBox)
    , m_close(new QPushButton)
    , m_problemBar(new QWidget)
    , m_cleanupBar(new CleanupBar)
    , m_problemText(new QLabel)
    , m_retry(new QPushButton(tr("Retry")))
    , m_login(new QPushButton(tr("Log in…")))
    , m_settings(new QPushButton(tr("Registry settings…")))
    , m_openRepository(new QPushButton(tr("Open…")))
    , m_repositoryFilter(new QLineEdit)
    , m_tree(new QTreeView)
    , m_treeProxy(new PatternFilterProxy(this))
    , m_filter(new QLineEdit)
    , m_filterMode(new QComboBox)
    , m_progress(new QProgressBar)
    , m_table(new QTableView)
    , m_tagProxy(new PatternFilterProxy(this))
    , m_status(new QLabel)
    , m_details(new DetailsPanel(cache, services.trust.policy))
{
    m_selector->setObjectName(QStringLiteral("registrySelector"));
    // Narrow enough for three panes on a laptop screen; the full name is in
    // the list and the tooltip.
    m_selector->setMinimumContentsLength(10);
    m_selector->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *refreshButton = new QToolButton;
    refreshButton->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    refreshButton->setObjectName(QStringLiteral("refresh"));
    refreshButton->setToolTip(tr("Refresh (F5)"));
    m_openRepository->setObjectName(QStringLiteral("openRepository"));
    m_openRepository->setToolTip(tr("Open a repository by name (for registries that hide their catalog)"));
    m_close->setObjectName(QStringLiteral("closePane"));
    m_close->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    m_close->setFlat(true);
    m_close->setToolTip(tr("Close this pane"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_selector, 1);
    top->addWidget(refreshButton);
    top->addWidget(m_openRepository);
    top->addWidget(m_close);

    // Inline problems: what happened, and what can be done about it.
    m_problemBar->setObjectName(QStringLiteral("problemBar"));
    m_problemText->setObjectName(QStringLiteral("problemText"));
    m_problemText->setWordWrap(true);
    m_problemText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("retry"));
    m_login->setObjectName(QStringLiteral("login"));
    m_settings->setObjectName(QStringLiteral("registrySettings"));
    m_settings->hide(); // for TLS problems only (showProblem)
    connect(m_settings, &QPushButton::clicked, this, [this] { Q_EMIT openRegistrySettings(m_host); });
    auto *problem = new QHBoxLayout(m_problemBar);
    problem->setContentsMargins(6, 4, 6, 4);
    auto *problemIcon = new QLabel;
    problemIcon->setPixmap(QIcon(QStringLiteral(":/icons/warning.svg")).pixmap(18, 18));
    problem->addWidget(problemIcon);
    problem->addWidget(m_problemText, 1);
    problem->addWidget(m_login);
    problem->addWidget(m_settings);
    problem->addWidget(m_retry);
    m_problemBar->setAutoFillBackground(true);
    m_problemBar->setBackgroundRole(QPalette::ToolTipBase);
    m_problemBar->hide();

    m_repositoryFilter->setObjectName(QStringLiteral("repositoryFilter"));
    m_repositoryFilter->setPlaceholderText(tr("Filter repositories"));
    m_repositoryFilter->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("repositoryTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setModel(m_treeProxy);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_tree->indexAt(at);
        if (m_local || !index.data(RepositoryTreeModel::IsRepositoryRole).toBool())
            return;
        const QString path = index.data(RepositoryTreeModel::PathRole).toString();
        const auto entry = m_services.registries->find(m_host);
        const bool marked = entry && entry->bookmarks.contains(path);
        auto *menu = new QMenu(this); // popup(), not exec(): no nested event loop
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(marked ? tr("Remove bookmark") : tr("Bookmark this repository"), this,
            [this, path, marked] { setBookmarked(path, !marked); });
        menu->popup(m_tree->viewport()->mapToGlobal(at));
    });
    m_treeProxy->setFilterRole(RepositoryTreeModel::PathRole);
    enableDragAndDrop(m_tree);
    auto *treeBox = new QWidget;
    auto *treeLayout = new QVBoxLayout(treeBox);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addWidget(m_repositoryFilter);
    treeLayout->addWidget(m_tree, 1);

    m_filter->setObjectName(QStringLiteral("tagFilter"));
    m_filter->setPlaceholderText(tr("Filter tags (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(60);
    m_filterMode->setObjectName(QStringLiteral("filterMode"));
    m_filterMode->addItem(tr("Substring"), static_cast<int>(PatternFilterProxy::Mode::Substring));
    m_filterMode->addItem(tr("Glob"), static_cast<int>(PatternFilterProxy::Mode::Glob));
    m_filterMode->addItem(tr("Regex"), static_cast<int>(PatternFilterProxy::Mode::Regex));
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setFormat(tr("%v / %m"));
    m_progress->setToolTip(
        tr("Tags whose details are loaded; sorting by size or date covers all of them once complete"));
    m_progress->setMinimumWidth(60);
    m_progress->setMaximumWidth(180);
    m_progress->hide();
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_filterMode);
    filterRow->addWidget(m_progress);

    m_table->setObjectName(QStringLiteral("tagTable"));
    m_table->setModel(m_tagProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TagTableModel::TagColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(110);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Tags that differ at their end (pr-1707-…-abcdef) stay told apart.
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    // Arrow keys move between tags; Tab leaves the table for the details, as in
    // every other list, instead of walking its cells for ever.
    m_table->setTabKeyNavigation(false);
    m_tagProxy->setSortRole(TagTableModel::SortRole);
    enableDragAndDrop(m_table);
    m_tagProxy->setFilterKeyColumn(TagTableModel::TagColumn);
    m_status->setObjectName(QStringLiteral("paneStatus"));
    m_status->setWordWrap(true);

    auto *tagBox = new QWidget;
    auto *tagLayout = new QVBoxLayout(tagBox);
    tagLayout->setContentsMargins(0, 0, 0, 0);
    tagLayout->addLayout(filterRow);
    tagLayout->addWidget(m_table, 1);
    tagLayout->addWidget(m_status);
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(tagBox);
    right->addWidget(m_details);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto *browser = new QSplitter(Qt::Horizontal);
    browser->setObjectName(QStringLiteral("browser"));
    browser->addWidget(treeBox);
    browser->addWidget(right);
    // The tree gives up width with the tags and details when panes are
    // added, a third to their two thirds.
    browser->setStretchFactor(0, 1);
    browser->setStretchFactor(1, 2);
    browser->setSizes({300, 600});
    treeBox->setMinimumWidth(110);

    // First run: one click to a registry most people use.
    auto *welcomeColumn = new QWidget;
    auto *welcomeLayout = new QVBoxLayout(welcomeColumn);
    auto *hello
        = new QLabel(tr("<h3>Add a registry to browse</h3>Pick a common one, or add your own. Logins are kept in "
                        "your system's keychain."));
    hello->setWordWrap(true);
    welcomeLayout->addStretch(1);
    welcomeLayout->addWidget(hello);
    const struct {
        const char *name;
        QString label;
        QString host;
        QStringList bookmarks;
    } wellKnown[] = {
        {"addDockerHub", tr("Docker Hub"), QStringLiteral("docker.io"),
            {QStringLiteral("library/alpine"), QStringLiteral("library/debian")}},
        {"addQuay", tr("Quay.io"), QStringLiteral("quay.io"), {}},
        {"addGhcr", tr("GitHub Container Registry"), QStringLiteral("ghcr.io"), {}},
        {"addLocalhost", tr("Local registry (localhost:5000)"), QStringLiteral("localhost:5000"), {}},
    };
    for (const auto &known : wellKnown) {
        auto *button = new QPushButton(known.label);
        button->setObjectName(QString::fromLatin1(known.name));
        connect(button, &QPushButton::clicked, this,
            [this, known] { addWellKnownRegistry(known.label, known.host, known.bookmarks); });
        welcomeLayout->addWidget(button);
    }
    auto *other = new QPushButton(tr("Another registry…"));
    connect(other, &QPushButton::clicked, this, &RegistryPane::openRegistriesDialog);
    welcomeLayout->addWidget(other);
    welcomeLayout->addStretch(2);
    auto *welcomePage = new QWidget;
    welcomePage->setObjectName(QStringLiteral("welcome"));
    auto *welcomeBox = new QHBoxLayout(welcomePage);
    welcomeBox->addStretch(1);
    welcomeBox->addWidget(welcomeColumn, 2);
    welcomeBox->addStretch(1);

    m_stack->addWidget(welcomePage);
    m_stack->addWidget(browser);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_problemBar);
    layout->addWidget(m_cleanupBar);
    layout->addWidget(m_stack, 1);
    connect(m_cleanupBar, &CleanupBar::cleanUpRequested, this, [this] {
        if (!m_local || !m_services.localStore)
            return;
        const qint64 freed = m_services.localStore->removeStaleTemporaries();
        showLeftovers();
        m_status->setText(tr("Removed leftovers of interrupted copies: %1 freed").arg(QLocale().formattedDataSize(freed)));
    });

    // Keyboard: the pane with focus answers.
    connect(paneAction(this, tr("Filter"), QKeySequence::Find, "actionFilter"), &QAction::triggered, this,
        &RegistryPane::focusFilter);
    connect(paneAction(this, tr("Refresh"), QKeySequence::Refresh, "actionRefresh"), &QAction::triggered, this,
        &RegistryPane::refresh);
    QAction *deleteAction = paneAction(m_table, tr("Delete tag…"), QKeySequence::Delete, "actionDelete");
    connect(deleteAction, &QAction::triggered, this, &RegistryPane::deleteSelectedTag);
    QAction *copyAction = paneAction(m_table, tr("Copy pull reference (tag)"), QKeySequence::Copy, "actionCopy");
    connect(copyAction, &QAction::triggered, this, [this] { copySelectedReference(false); });
    auto *copyDigest = new QAction(tr("Copy pull reference (digest)"), this);
    connect(copyDigest, &QAction::triggered, this, [this] { copySelectedReference(true); });
    connect(m_table, &QWidget::customContextMenuRequested, this,
        [this, copyAction, copyDigest, deleteAction](const QPoint &at) {
            auto *menu = new QMenu(this); // popup(), not exec(): no nested event loop
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->addAction(copyAction);
            menu->addAction(copyDigest);
            const QList<DraggedImage> images = selectedImages();
            const QList<PromoteTarget> targets
                = m_promoteTargets && !images.isEmpty() ? m_promoteTargets(this) : QList<PromoteTarget>();
            if (!targets.isEmpty()) {
                QMenu *promote = menu->addMenu(tr("&Promote to"));
                promote->setObjectName(QStringLiteral("promoteMenu"));
                for (const PromoteTarget &target : targets)
                    promote->addAction(target.label, this, [target, images] { target.promote(images); });
            }
            menu->addSeparator();
            menu->addAction(deleteAction);
            menu->popup(m_table->viewport()->mapToGlobal(at));
        });

    // Shift+F10 opens the context menu as the Menu key does (Qt maps only the latter).
    auto *menuKey = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10), m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(menuKey, &QShortcut::activated, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        const QPoint at = current.isValid() ? m_table->visualRect(current).center() : m_table->viewport()->rect().center();
        Q_EMIT m_table->customContextMenuRequested(at);
    });

    connect(m_details, &DetailsPanel::registryFailed, this, [this](const Error &error) { showProblem(error, m_repository); });
    connect(refreshButton, &QToolButton::clicked, this, &RegistryPane::refresh);
    connect(m_close, &QPushButton::clicked, this, &RegistryPane::closeRequested);
    connect(m_openRepository, &QPushButton::clicked, this, &RegistryPane::openRepositoryPrompt);
    connect(m_retry, &QPushButton::clicked, this, &RegistryPane::refresh);
    connect(m_login, &QPushButton::clicked, this, &RegistryPane::logIn);
    connect(m_selector, &QComboBox::activated, this, [this](int index) {
        const QString host = m_selector->itemData(index).toString();
        if (host == AddRegistryItem) {
            m_selector->setCurrentIndex(m_local ? 0 : m_selector->findData(m_host));
            return Q_EMIT openRegistriesDialog();
        }
        if (host == LocalItem)
            return openLocalFolder();
        openRegistry(host);
    });
    connect(m_repositoryFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_treeProxy->setPattern(text, PatternFilterProxy::Mode::Substring);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    connect(m_filter, &QLineEdit::textChanged, this, &RegistryPane::applyFilter);
    connect(m_filterMode, &QComboBox::currentIndexChanged, this, &RegistryPane::applyFilter);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.data(RepositoryTreeModel::IsRepositoryRole).toBool())
            selectRepository(current.data(RepositoryTreeModel::PathRole).toString());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RegistryPane::showSelectedTag);
    // Rows in view load first: after scrolling, resizing, sorting or filtering.
    auto *prioritize = new QTimer(this);
    prioritize->setSingleShot(true);
    prioritize->setInterval(50);
    connect(prioritize, &QTimer::timeout, this, &RegistryPane::prioritizeVisibleRows);
    auto later = [prioritize] { prioritize->start(); };
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, later);
    connect(m_tagProxy, &QAbstractItemModel::layoutChanged, this, later);
    connect(m_tagProxy, &QAbstractItemModel::rowsInserted, this, later);
    connect(m_tagProxy, &QAbstractItemModel::modelReset, this, later);

    setAcceptDrops(true);
    reloadRegistries();
}

RegistryPane::~RegistryPane()
{
    // Children are deleted in the order they were made, and the client is made
    // after the views but before the models that load through it. A model
    // deleted after its client cancels jobs whose last words would go to a
    // dead client (UBSan caught it), so the client goes last.
    if (m_client) {
        m_client->setParent(nullptr);
        m_client->setParent(this);
    }
}

void RegistryPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitTagColumns(m_table);
}

void RegistryPane::enableDragAndDrop(QAbstractItemView *view)
{
    // Drag tags or repositories out; drop images in to promote them.
    view->setDragEnabled(true);
    view->setAcceptDrops(true);
    view->setDropIndicatorShown(true);
    view->setDragDropMode(QAbstractItemView::DragDrop);
    view->setDefaultDropAction(Qt::CopyAction);
}

QString RegistryPane::registryId() const
{
    if (m_local)
        return m_services.localStore ? QStringLiteral("oci:") + m_services.localStore->directory() : QString();
    return m_host;
}

PromoteEndpoint RegistryPane::endpoint() const
{
    PromoteEndpoint endpoint;
    endpoint.registryId = registryId();
    endpoint.images = m_source;
    endpoint.displayName = m_local ? tr("Local folder") : m_host;
    if (const auto entry = m_local ? std::nullopt : m_services.registries->find(m_host)) {
        endpoint.tls = RegistriesPolicy::tlsFor(m_services, *entry);
        if (!entry->displayName.isEmpty())
            endpoint.displayName = entry->displayName;
    }
    return endpoint;
}

QStringList RegistryPane::dragTagsOf(const QString &repository) const
{
    if (repository != m_repository || !m_tagModel || m_filter->text().isEmpty())
        return {};
    QStringList tags;
    for (int row = 0; row < m_tagProxy->rowCount(); ++row)
        tags << m_tagProxy->index(row, 0).data(TagTableModel::TagRole).toString();
    return tags;
}

void RegistryPane::reloadRepository(const QString &repository)
{
    if (!m_treeModel)
        return;
    m_treeModel->addRepository(repository); // a new repository appears in the tree
    if (m_repository.isEmpty() && m_pendingRepository.isEmpty())
        return openRepository(repository); // nothing open here: show where it landed
    TagTableModel *stale = m_tagModels.take(repository);
    m_recent.removeAll(repository);
    if (!stale)
        return;
    if (stale == m_tagModel) {
        // Reopen it in place, keeping the selected tag.
        const QString selected = m_table->currentIndex().data(TagTableModel::TagRole).toString();
        m_tagModel = nullptr;
        m_repository.clear();
        m_pendingTag = selected;
        selectRepository(repository);
    }
    stale->deleteLater();
}

void RegistryPane::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(ImageDrag::MimeType) && endpoint().isValid())
        event->acceptProposedAction();
}

void RegistryPane::dragMoveEvent(QDragMoveEvent *event)
{
    event->acceptProposedAction();
}

void RegistryPane::dropEvent(QDropEvent *event)
{
    const QList<DraggedImage> images = ImageDrag::decode(event->mimeData());
    if (images.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT promoteRequested(images, QString());
}

void RegistryPane::reloadRegistries()
{
    const QString keep = m_host;
    const QSignalBlocker blocker(m_selector);
    m_selector->clear();
    m_selector->addItem(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Local folder (OCI layout)"), LocalItem);
    for (const RegistryEntry &entry : m_services.registries->entries())
        m_selector->addItem(QIcon(QStringLiteral(":/icons/registry.svg")),
            entry.displayName.isEmpty() ? entry.host : QStringLiteral("%1 (%2)").arg(entry.displayName, entry.host),
            entry.host);
    m_selector->insertSeparator(m_selector->count());
    m_selector->addItem(tr("Add registry…"), AddRegistryItem);
    if (m_local) {
        m_selector->setCurrentIndex(0);
        return;
    }
    if (m_services.registries->entries().isEmpty()) {
        m_stack->setCurrentIndex(0); // welcome
        m_selector->setCurrentIndex(-1);
        m_host.clear();
        return;
    }
    m_stack->setCurrentIndex(1);
    if (!keep.isEmpty() && m_services.registries->find(keep)) {
        m_selector->setCurrentIndex(m_selector->findData(keep));
        const RegistryEntry now = *m_services.registries->find(keep);
        // Only a change to how the registry is reached connects again;
        // a new name or bookmark keeps the tree, the open repository and
        // the details as they are.
        if (now.tlsSettings() == m_entry.tlsSettings() && now.maxStreams == m_entry.maxStreams && m_treeModel) {
            for (const QString &bookmark : now.bookmarks)
                if (!m_entry.bookmarks.contains(bookmark))
                    m_treeModel->addRepository(bookmark);
            m_entry = now;
            return;
        }
        connectTo(now);
    } else {
        m_selector->setCurrentIndex(1);
        connectTo(m_services.registries->entries().first());
    }
}

bool RegistryPane::openRegistry(const QString &host)
{
    const auto entry = m_services.registries->find(host);
    if (!entry)
        return false;
    m_selector->setCurrentIndex(m_selector->findData(host));
    m_stack->setCurrentIndex(1);
    if (host != m_host || !m_client || m_local)
        connectTo(*entry);
    return true;
}

void RegistryPane::openLocalFolder()
{
    resetBrowsing();
    m_local = true;
    m_selector->setCurrentIndex(0);
    m_stack->setCurrentIndex(1);
    QString error;
    if (!m_services.localStore)
        return showProblem(Error::make(Error::Code::InvalidInput, tr("no local folder is set up")), QString());
    if (!m_services.localStore->ensureExists(&error))
        return showProblem(Error::make(Error::Code::Io, error), QString());
    m_source = ImageSource::local(m_services.localStore);
    m_status->setText(tr("Images in %1").arg(m_services.localStore->directory()));
    showTree({}); // an empty folder then says what to do with it
    showLeftovers();
}

void RegistryPane::showLeftovers()
{
    const LocalStore::Leftovers found = m_services.localStore->staleTemporaries();
    m_cleanupBar->showLeftovers(found.count, found.bytes);
}

void RegistryPane::resetBrowsing()
{
    hideProblem();
    m_cleanupBar->hide();
    m_details->clear();
    m_tagProxy->setSourceModel(nullptr);
    qDeleteAll(m_tagModels);
    m_tagModels.clear();
    m_recent.clear();
    m_tagModel = nullptr;
    m_treeProxy->setSourceModel(nullptr);
    delete m_treeModel;
    m_treeModel = nullptr;
    if (m_connecting)
        m_connecting->cancel();
    if (m_client)
        m_client->deleteLater();
    m_source = ImageSource();
    m_local = false;
    m_host.clear();
    m_repository.clear();
    m_progress->hide();
}

void RegistryPane::showTree(const QStringList &bookmarks)
{
    m_treeModel = new RepositoryTreeModel(m_source, this);
    m_treeModel->setRegistryId(registryId());
    m_treeModel->setDragTags([this](const QString &repository) { return dragTagsOf(repository); });
    connect(m_treeModel, &RepositoryTreeModel::imagesDropped, this, &RegistryPane::promoteRequested);
    connect(m_treeModel, &RepositoryTreeModel::catalogUnavailable, this, &RegistryPane::showCatalogProblem);
    connect(m_treeModel, &RepositoryTreeModel::catalogPageLoaded, this, [this](int repositories) {
        if (m_tagModel) // an open repository's line (tags, loading) is the one that matters
            return;
        if (m_local && repositories == 0) {
            m_status->setToolTip(tr("Or from a terminal: crossdock-cli copy docker://HOST/REPOSITORY:TAG "
                                    "oci:%1:REPOSITORY:TAG")
                                     .arg(m_services.localStore->directory()));
            return m_status->setText(tr("The local folder is empty: drag tags here from another pane to keep copies "
                                        "of them."));
        }
        m_status->setToolTip(QString());
        m_status->setText(repositories == 1 ? tr("1 repository") : tr("%1 repositories").arg(repositories));
    });
    m_treeProxy->setSourceModel(m_treeModel);
    for (const QString &bookmark : bookmarks)
        m_treeModel->addRepository(bookmark);
    m_treeModel->fetchMore({});
    if (!m_pendingTag.isEmpty() || !m_pendingRepository.isEmpty())
        openRepository(m_pendingRepository, m_pendingTag);
}

void RegistryPane::connectTo(const RegistryEntry &entry)
{
    // The open repository is reopened once connected - to the same registry
    // only: another registry has no such repository (a phantom tree node
    // and "not found" before).
    const bool sameRegistry = !m_local && entry.host == m_host;
    const QString pending = std::exchange(m_repository, QString());
    resetBrowsing();
    if (!sameRegistry) {
        m_pendingRepository.clear();
        m_pendingTag.clear();
    } else if (!pending.isEmpty() && m_pendingRepository.isEmpty()) {
        m_pendingRepository = pending;
    }
    m_entry = entry;
    m_host = entry.host;
    m_status->setText(tr("Connecting to %1…").arg(entry.host));

    QString error;
    const ImageReference registry = ImageReference::parseRegistry(entry.host, &error);
    if (!registry.isValid())
        return showProblem(Error::make(Error::Code::InvalidInput, error), QString());
    // As skopeo and podman on this machine: a blocked registry is not
    // contacted at all, so nothing can be browsed or promoted there.
    if (const QString blocked = RegistriesPolicy::blockedReason(m_services, entry.host); !blocked.isEmpty())
        return showProblem(Error::make(Error::Code::InvalidInput, blocked), QString());
    auto *credentials = lookUpLogin(m_services, entry.host, this);
    m_connecting = credentials;
    connect(credentials, &Job::finished, this, [this, credentials, entry, registry] {
        if (credentials->error().code == Error::Code::Cancelled)
            return;
        if (credentials->error().isError())
            return showProblem(credentials->error(), QString());
        m_client = new RegistryClient(
            registry.apiHost(), RegistriesPolicy::tlsFor(m_services, entry), credentials->credentials(), m_services.network, this);
        // Someone is waiting: a registry that is down is said within seconds.
        m_client->setRetryPolicy(RetryPolicy::interactive());
        m_source = ImageSource::registry(m_client);
        showTree(entry.bookmarks);
    });
    credentials->start();
}

QString RegistryPane::referenceName(const QString &repository) const
{
    return m_local ? QString(m_services.localStore->referencePrefix() + repository)
                   : QString(m_host + QLatin1Char('/') + repository);
}

void RegistryPane::showCatalogProblem(const Error &error)
{
    if (error.code != Error::Code::Unsupported)
        return showProblem(error, QString());
    // Not a failure: many registries keep their catalog to themselves.
    const bool anonymous = m_client && !m_client->hasCredentials();
    m_problemText->setText(anonymous
            ? tr("%1 does not list its repositories without a login. Log in, or open a repository "
                 "by name.")
                  .arg(m_host)
            : tr("%1 does not list its repositories. Open one by name, or bookmark the ones you use in "
                 "the Registries dialog.")
                  .arg(m_host));
    m_problemText->setToolTip(error.message);
    m_retry->hide();
    m_settings->hide();
    m_login->setVisible(anonymous);
    m_problemBar->show();
    m_status->clear();
}

void RegistryPane::showProblem(const Error &error, const QString &context)
{
    QString text;
    switch (error.code) {
    case Error::Code::Unreachable:
        text = tr("%1 is unreachable: %2").arg(m_host, error.message);
        break;
    case Error::Code::Tls:
        text = tr("%1 cannot be trusted: %2. Add its CA certificate in its settings, or choose to skip "
                  "verification there if you accept the risk.")
                   .arg(m_host, error.message);
        break;
    case Error::Code::Unauthorized:
        text = m_client && m_client->hasCredentials() ? tr("%1 did not accept the stored login.").arg(m_host)
                                                      : tr("Authentication required: %1 wants a login.").arg(m_host);
        break;
    default:
        text = error.message;
    }
    if (!context.isEmpty())
        text = context + QStringLiteral(": ") + text;
    m_problemText->setText(text);
    m_problemText->setToolTip(error.detail);
    m_login->setVisible(error.code == Error::Code::Unauthorized || error.code == Error::Code::Denied);
    m_retry->setVisible(error.code != Error::Code::InvalidInput);
    m_settings->setVisible(error.code == Error::Code::Tls && !m_local);
    m_problemBar->show();
    m_status->clear();
}

void RegistryPane::hideProblem()
{
    m_problemBar->hide();
}

TagTableModel *RegistryPane::tagModelFor(const QString &repository)
{
    m_recent.removeAll(repository);
    m_recent.append(repository);
    if (TagTableModel *cached = m_tagModels.value(repository))
        return cached;
    auto *model = new TagTableModel(m_source, m_cache, repository, m_services.trust.policy, this);
    model->setRegistryId(registryId());
    connect(model, &TagTableModel::imagesDropped, this, &RegistryPane::promoteRequested);
    m_tagModels.insert(repository, model);
    connect(model, &TagTableModel::registryFailed, this, [this, model](const Error &error) {
        if (model == m_tagModel)
            showProblem(error, model->repository());
    });
    connect(model, &TagTableModel::listFailed, this, [this, model](const Error &error) {
        if (model != m_tagModel)
            return;
        m_progress->hide();
        showProblem(error, model->repository());
    });
    connect(model, &TagTableModel::listFinished, this, [this, model] {
        QStringList tags;
        for (int row = 0; row < model->rowCount(); ++row)
            tags << model->tagAt(row);
        Q_EMIT tagsListed(registryId(), model->repository(), tags);
        if (model != m_tagModel)
            return;
        showTagCount();
        if (!m_pendingTag.isEmpty()) {
            const int row = model->rowOf(std::exchange(m_pendingTag, QString()));
            if (row >= 0)
                m_table->setCurrentIndex(m_tagProxy->mapFromSource(model->index(row, 0)));
        }
    });
    connect(model, &TagTableModel::loadProgress, this, [this, model](int loaded, int total) {
        if (model != m_tagModel)
            return;
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(loaded);
        m_progress->setVisible(loaded < total);
    });
    // Forget the least recently opened repositories beyond a few.
    while (m_recent.size() > RecentRepositories) {
        const QString oldest = m_recent.takeFirst();
        if (TagTableModel *old = m_tagModels.take(oldest))
            old->deleteLater();
    }
    model->load();
    return model;
}

void RegistryPane::selectRepository(const QString &path)
{
    if (path == m_repository && m_tagModel)
        return;
    hideProblem();
    m_repository = path;
    m_details->clear();
    m_tagModel = tagModelFor(path);
    m_tagProxy->setSourceModel(m_tagModel);
    fitTagColumns(m_table);
    const int loaded = m_tagModel->loadedCount();
    m_progress->setMaximum(std::max(m_tagModel->rowCount(), 1));
    m_progress->setValue(loaded);
    m_progress->setVisible(loaded < m_tagModel->rowCount() || m_tagModel->isListing());
    showTagCount();
}

void RegistryPane::showTagCount()
{
    if (!m_tagModel)
        return;
    if (m_tagModel->isListing())
        return m_status->setText(tr("Listing tags of %1…").arg(m_tagModel->repository()));
    const int all = m_tagModel->rowCount();
    const int shown = m_tagProxy->rowCount();
    const QString tags = all == 1 ? tr("1 tag") : tr("%1 tags").arg(QLocale().toString(all));
    // With a filter the count says what the table shows, and of how many.
    m_status->setText(m_filter->text().isEmpty() || shown == all
            ? tags
            : tr("%1 of %2 match the filter").arg(QLocale().toString(shown), tags));
}

void RegistryPane::openRepository(const QString &repositoryName, const QString &tagName)
{
    const QString repository = repositoryName; // copies: callers may pass our own members
    const QString tag = tagName;
    m_pendingTag = tag;
    if (!m_treeModel) { // still connecting: done once connected
        m_pendingRepository = repository;
        return;
    }
    m_pendingRepository.clear();
    m_repository.clear();
    const QModelIndex source = m_treeModel->addRepository(repository);
    const QModelIndex index = m_treeProxy->mapFromSource(source);
    m_tree->expand(index.parent());
    m_tree->setCurrentIndex(index); // selects the repository
    if (m_repository.isEmpty()) // it was current already: no currentChanged to select it
        selectRepository(repository);
    m_tree->scrollTo(index);
    if (m_tagModel && !tag.isEmpty() && !m_tagModel->isListing()) {
        const int row = m_tagModel->rowOf(std::exchange(m_pendingTag, QString()));
        if (row >= 0)
            m_table->setCurrentIndex(m_tagProxy->mapFromSource(m_tagModel->index(row, 0)));
    }
}

void RegistryPane::applyFilter()
{
    const auto mode = static_cast<PatternFilterProxy::Mode>(m_filterMode->currentData().toInt());
    if (m_tagProxy->setPattern(m_filter->text(), mode)) {
        m_filter->setToolTip(QString());
        m_filter->setStyleSheet(QString());
    } else {
        m_filter->setToolTip(m_tagProxy->patternError());
        m_filter->setStyleSheet(QStringLiteral("color: #b00020"));
    }
    showTagCount();
}

void RegistryPane::prioritizeVisibleRows()
{
    if (!m_tagModel || m_tagProxy->rowCount() == 0)
        return;
    const int first = std::max(0, m_table->rowAt(0));
    int last = m_table->rowAt(m_table->viewport()->height() - 1);
    if (last < 0)
        last = m_tagProxy->rowCount() - 1;
    QStringList tags;
    for (int row = first; row <= last; ++row)
        tags << m_tagProxy->index(row, 0).data(TagTableModel::TagRole).toString();
    m_tagModel->prioritizeTags(tags);
}

void RegistryPane::showSelectedTag()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_tagModel)
        return m_details->clear();
    m_details->showImage(
        m_source, referenceName(m_repository), m_repository, current.data(TagTableModel::TagRole).toString());
}

QList<DraggedImage> RegistryPane::selectedImages() const
{
    QList<DraggedImage> images;
    if (!m_tagModel)
        return images;
    for (const QString &tag : selectedTags()) {
        const int row = m_tagModel->rowOf(tag);
        const auto &summary = row >= 0 ? m_tagModel->summaryAt(row) : std::nullopt;
        images.append({registryId(), m_repository, tag, summary ? summary->digest.toString() : QString(), {}});
    }
    return images;
}

QStringList RegistryPane::selectedTags() const
{
    QStringList tags;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        tags << index.data(TagTableModel::TagRole).toString();
    if (tags.isEmpty() && m_table->currentIndex().isValid())
        tags << m_table->currentIndex().data(TagTableModel::TagRole).toString();
    return tags;
}

void RegistryPane::copySelectedReference(bool byDigest)
{
    QStringList references;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        const QString digest = index.data(TagTableModel::DigestRole).toString();
        const QString name = referenceName(m_repository);
        if (byDigest && !digest.isEmpty())
            references << name + QLatin1Char('@') + digest;
        else if (!byDigest)
            references << name + QLatin1Char(':') + index.data(TagTableModel::TagRole).toString();
    }
    if (references.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(references.join(QLatin1Char('\n')));
    m_status->setText(tr("Copied to the clipboard: %1").arg(references.join(QStringLiteral(", "))));
}

void RegistryPane::deleteSelectedTag()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_tagModel)
        return;
    const QString tag = current.data(TagTableModel::TagRole).toString();
    QString error;
    const Digest digest = Digest::parse(current.data(TagTableModel::DigestRole).toString(), &error);
    if (!digest.isValid()) {
        m_status->setText(tr("The details of %1 are still loading; try again in a moment.").arg(tag));
        return;
    }
    auto *flow = new DeleteTagFlow(m_source, m_repository, referenceName(m_repository), tag, digest, this);
    connect(flow, &DeleteTagFlow::status, m_status, &QLabel::setText);
    connect(flow, &DeleteTagFlow::cancelled, flow, &QObject::deleteLater);
    connect(flow, &DeleteTagFlow::failed, this, [this, flow](const QString &message) {
        m_status->clear();
        showProblem(Error::make(Error::Code::Unsupported, message), QString());
        m_retry->hide();
        flow->deleteLater();
    });
    connect(flow, &DeleteTagFlow::deleted, this,
        [this, flow, model = QPointer<TagTableModel>(m_tagModel)](const QStringList &tags) {
            if (model)
                model->removeTags(tags);
            m_details->clear();
            m_status->setText(tr("Deleted %1.").arg(tags.join(QStringLiteral(", "))));
            flow->deleteLater();
        });
    flow->start();
}

void RegistryPane::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

PaneState RegistryPane::state() const
{
    PaneState state;
    state.registry = m_local ? PaneState::LocalFolder : m_host;
    state.repository = m_repository.isEmpty() ? m_pendingRepository : m_repository;
    state.tag = m_table->currentIndex().data(TagTableModel::TagRole).toString();
    state.filter = m_filter->text();
    state.filterMode = m_filterMode->currentIndex();
    return state;
}

void RegistryPane::restore(const PaneState &state)
{
    if (state.registry == PaneState::LocalFolder)
        openLocalFolder();
    else if (state.registry.isEmpty() || !openRegistry(state.registry))
        return;
    m_filterMode->setCurrentIndex(std::clamp(state.filterMode, 0, m_filterMode->count() - 1));
    m_filter->setText(state.filter);
    if (!state.repository.isEmpty())
        openRepository(state.repository, state.tag);
}

void RegistryPane::focusBrowsing()
{
    if (m_tagModel)
        m_table->setFocus(Qt::ShortcutFocusReason);
    else
        m_tree->setFocus(Qt::ShortcutFocusReason);
}

void RegistryPane::reconnectIfShowing(const QString &host)
{
    if (!m_local && host == m_host)
        refresh();
}

void RegistryPane::refresh()
{
    const QString repository = m_repository;
    if (m_local) {
        m_pendingRepository = repository;
        return openLocalFolder();
    }
    const auto entry = m_services.registries->find(m_host);
    if (!entry)
        return;
    m_pendingRepository = repository; // reopened once connected
    connectTo(*entry);
}

void RegistryPane::openRepositoryPrompt()
{
    auto *prompt = new QInputDialog(this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    prompt->setWindowTitle(tr("Open repository"));
    prompt->setLabelText(tr("Repository on %1 (e.g. team/app), optionally with :tag").arg(m_host));
    connect(prompt, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        QString error;
        const QString trimmed = text.trimmed();
        const ImageReference reference = ImageReference::parse(m_host + QLatin1Char('/') + trimmed, &error);
        if (!reference.isValid() || reference.registry() != m_host)
            return showProblem(
                Error::make(Error::Code::InvalidInput, tr("\"%1\" is not a repository name: %2").arg(trimmed, error)),
                QString());
        hideProblem();
        openRepository(reference.repository(), trimmed.contains(QLatin1Char(':')) ? reference.tag() : QString());
    });
    prompt->open();
}

void RegistryPane::logIn()
{
    const auto entry = m_services.registries->find(m_host);
    auto *dialog = new CredentialsDialog(m_services, m_host, entry ? RegistriesPolicy::tlsFor(m_services, *entry) : TlsSettings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Stored or removed: every pane on this registry connects again with
    // what is now the login (MainWindow listens).
    connect(dialog, &CredentialsDialog::loginChanged, this, &RegistryPane::reconnectIfShowing);
    connect(dialog, &CredentialsDialog::loginChanged, this, &RegistryPane::loginChanged);
    dialog->open();
}

void RegistryPane::setBookmarked(const QString &repository, bool bookmarked)
{
    // Bookmarks are how a registry that hides its catalog stays browsable.
    RegistrySettings next = *m_services.registries;
    auto entry = next.find(m_host);
    if (!entry)
        return;
    entry->bookmarks.removeAll(repository);
    if (bookmarked)
        entry->bookmarks << repository;
    QString error;
    if (!next.upsert(*entry, &error) || !next.save(m_services.registriesPath, &error))
        return showProblem(Error::make(Error::Code::Io, error), QString());
    *m_services.registries = next;
    m_status->setText(
        bookmarked ? tr("Bookmarked %1.").arg(repository) : tr("Removed the bookmark for %1.").arg(repository));
}

void RegistryPane::addWellKnownRegistry(const QString &name, const QString &host, const QStringList &bookmarks)
{
    RegistrySettings next = *m_services.registries;
    RegistryEntry entry = next.find(host).value_or(RegistryEntry());
    entry.host = host;
    if (entry.displayName.isEmpty())
        entry.displayName = name;
    for (const QString &bookmark : bookmarks)
        if (!entry.bookmarks.contains(bookmark))
            entry.bookmarks << bookmark;
    QString error;
    if (!next.upsert(entry, &error) || !next.save(m_services.registriesPath, &error))
        return showProblem(Error::make(Error::Code::Io, error), QString());
    *m_services.registries = next;
    m_host = host;
    reloadRegistries();
    Q_EMIT registriesEdited();
}

} // namespace crossdock
