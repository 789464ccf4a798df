// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/browse/imagesource.h"
#include "core/registry/registrysettings.h"
#include "ui/appservices.h"
#include "ui/promote/imagedrag.h"
#include "ui/promote/promoteendpoint.h"
#include "ui/workspace.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>

class QAbstractItemView;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTreeView;

namespace crossdock {

class CleanupBar;
class ContentCache;
class DetailsPanel;
class Job;
class PatternFilterProxy;
class RegistryClient;
class RepositoryTreeModel;
class TagTableModel;

// One registry, browsed: a registry selector, the repository tree, the tag
// table of the selected repository (filter as you type; sortable by every
// column once details load) and the selected tag's details. Network trouble
// is said inline - unreachable, certificate not trusted, login needed - with
// Retry and "Log in…", never in a modal box; the rest of the window keeps
// working. With no registry configured it shows a welcome page that adds a
// common registry in one click.
class RegistryPane final : public QWidget {
    Q_OBJECT

public:
    // Where the selected tags can be promoted without dragging (the tag
    // table's context menu, "Promote to"): the keyboard's way to do it.
    struct PromoteTarget {
        QString label;
        std::function<void(const QList<DraggedImage> &images)> promote;
    };
    using PromoteTargets = std::function<QList<PromoteTarget>(const RegistryPane *source)>;

    RegistryPane(const AppServices &services, ContentCache *cache, QWidget *parent = nullptr);
    ~RegistryPane() override;

    // Selects a configured registry by host; false when it is not configured.
    bool openRegistry(const QString &host);
    // Browses the local OCI-layout folder (services.localStore).
    void openLocalFolder();
    bool isLocal() const { return m_local; }
    // Opens host/repository (adding it to the tree if the catalog hides it) and selects tag.
    void openRepository(const QString &repository, const QString &tag = {});
    QString currentHost() const { return m_host; }
    QString currentRepository() const { return m_repository; }
    // The registry's stable id: its configured host, or "oci:DIR"; empty
    // while nothing is open.
    QString registryId() const;
    // This pane's registry as one end of a promotion (invalid until connected).
    PromoteEndpoint endpoint() const;
    void setPromoteTargets(PromoteTargets targets) { m_promoteTargets = std::move(targets); }
    // The selected tags (or the current one) as images to promote.
    QList<DraggedImage> selectedImages() const;
    // A transfer landed in repository: list its tags afresh (and show it in
    // the tree; opened, when the pane has no repository open).
    void reloadRepository(const QString &repository);
    TagTableModel *tagModel() const { return m_tagModel; }
    RepositoryTreeModel *treeModel() const { return m_treeModel; }

    // What this pane browses and how it is filtered, to come back to.
    PaneState state() const;
    // Browses what state names; a registry no longer configured is skipped.
    void restore(const PaneState &state);

    // Rebuilds the selector after the registry list changed.
    void reloadRegistries();

    void focusFilter();
    // Focus where browsing goes on: the tag table with a repository open,
    // else the repository tree.
    void focusBrowsing();
    void refresh();
    // The login for host changed: connect again with it, keeping the open
    // repository, when this pane shows host.
    void reconnectIfShowing(const QString &host);
    void deleteSelectedTag();
    void copySelectedReference(bool byDigest);
    // Adds or removes a repository from this registry's bookmarks (saved).
    void setBookmarked(const QString &repository, bool bookmarked);

Q_SIGNALS:
    void closeRequested();
    void openRegistriesDialog();
    // The Registries dialog, on host's entry (to trust its CA).
    void openRegistrySettings(const QString &host);
    // This pane changed the registry list (the welcome page added one).
    void registriesEdited();
    // A repository's tags were listed (for the search across registries).
    void tagsListed(const QString &registry, const QString &repository, const QStringList &tags);
    // The user stored or removed the login for host here.
    void loginChanged(const QString &host);
    // Images were dropped on this pane: into destinationRepository, or
    // (empty) into the same path as each image's own repository.
    void promoteRequested(const QList<crossdock::DraggedImage> &images, const QString &destinationRepository);

protected:
    // Dropped anywhere else on the pane: the same repository path.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    // A new font or style: the tag columns are sized again for it.
    void changeEvent(QEvent *event) override;

private:
    void connectTo(const RegistryEntry &entry);
    void resetBrowsing();
    void showTree(const QStringList &bookmarks);
    // How references name a repository here: "host/repo" or "oci:DIR:repo".
    QString referenceName(const QString &repository) const;
    void showCatalogProblem(const Error &error);
    void showProblem(const Error &error, const QString &context);
    void hideProblem();
    // The local folder: offers to remove what interrupted copies left.
    void showLeftovers();
    void selectRepository(const QString &path);
    void applyFilter();
    // "2,500 tags", or "100 of 2,500 tags match the filter".
    void showTagCount();
    void prioritizeVisibleRows();
    void showSelectedTag();
    void openRepositoryPrompt();
    void logIn();
    void addWellKnownRegistry(const QString &name, const QString &host, const QStringList &bookmarks);
    QStringList selectedTags() const;
    // The tags a drag of repository stands for: those the filter shows when
    // it is the open, filtered repository; otherwise empty (all of them).
    QStringList dragTagsOf(const QString &repository) const;
    void enableDragAndDrop(QAbstractItemView *view);
    TagTableModel *tagModelFor(const QString &repository);

    AppServices m_services;
    ContentCache *m_cache;
    PromoteTargets m_promoteTargets;
    QString m_host;
    RegistryEntry m_entry; // the settings the pane connected with
    QString m_repository;
    QString m_pendingRepository; // open once connected
    QString m_pendingTag; // select once the tag list has it
    bool m_local = false;
    ImageSource m_source;
    QPointer<RegistryClient> m_client;
    QPointer<Job> m_connecting;
    RepositoryTreeModel *m_treeModel = nullptr;
    TagTableModel *m_tagModel = nullptr;
    QHash<QString, TagTableModel *> m_tagModels; // recently opened repositories: reopening is instant
    QStringList m_recent; // their order, most recent last

    QStackedWidget *m_stack;
    QComboBox *m_selector;
    QPushButton *m_close;
    QWidget *m_problemBar;
    CleanupBar *m_cleanupBar;
    QLabel *m_problemText;
    QPushButton *m_retry;
    QPushButton *m_login;
    QPushButton *m_settings; // a TLS problem: this registry in the Registries dialog
    QPushButton *m_openRepository;
    QLineEdit *m_repositoryFilter;
    QTreeView *m_tree;
    PatternFilterProxy *m_treeProxy;
    QLineEdit *m_filter;
    QComboBox *m_filterMode;
    QProgressBar *m_progress;
    QTableView *m_table;
    PatternFilterProxy *m_tagProxy;
    QLabel *m_status;
    DetailsPanel *m_details;
};

} // namespace crossdock
