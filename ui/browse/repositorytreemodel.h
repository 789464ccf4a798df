// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/browse/imagesource.h"
#include "core/registry/catalogjob.h"
#include "ui/promote/imagedrag.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

namespace crossdock {

class CatalogJob;
class RegistryClient;

// A registry's repositories as a tree grouped by path segments
// (team/app/api under team -> app). The catalog is read one page at a time
// as a view asks for more (canFetchMore/fetchMore), so a registry with
// 100,000 repositories opens at once. A registry that hides its catalog is
// reported through catalogUnavailable(); repositories can always be added by
// name (bookmarks, "Open repository…").
class RepositoryTreeModel final : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Role { PathRole = Qt::UserRole + 1, IsRepositoryRole };

    explicit RepositoryTreeModel(const ImageSource &source, QObject *parent = nullptr, int pageSize = 500);
    ~RepositoryTreeModel() override;

    // Adds a repository by name (idempotent); returns its index.
    QModelIndex addRepository(const QString &path);
    QModelIndex indexOfPath(const QString &path) const;
    bool catalogExhausted() const { return m_exhausted; }

    // The registry's stable identifier (host, or "oci:DIR"), carried by drags.
    void setRegistryId(const QString &id) { m_registryId = id; }
    // Which tags a dragged repository stands for; empty: all of them. The
    // pane answers with the tags its filter shows for the open repository.
    void setDragTags(std::function<QStringList(const QString &repository)> dragTags)
    {
        m_dragTags = std::move(dragTags);
    }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // A repository drags out as all its tags; images dropped on a
    // repository are meant for it, dropped elsewhere for the same path as
    // their source (imagesDropped with an empty repository).
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }
    bool canDropMimeData(
        const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) const override;
    bool dropMimeData(
        const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) override;

Q_SIGNALS:
    void catalogUnavailable(const crossdock::Error &error);
    void catalogPageLoaded(int repositoriesSoFar);
    void imagesDropped(const QList<crossdock::DraggedImage> &images, const QString &repository);

private:
    struct Node {
        QString name;
        QString path;
        bool isRepository = false;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        int row() const;
    };
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node) const;
    Node *insertPath(const QString &path);
    // The repository a drop at (row, parent) is meant for; empty: the same path as the source.
    QString dropTarget(int row, const QModelIndex &parent) const;

    ImageSource m_source;
    int m_pageSize;
    QString m_registryId;
    QIcon m_repositoryIcon;
    QIcon m_folderIcon;
    std::function<QStringList(const QString &)> m_dragTags;
    Node m_root;
    QUrl m_next;
    bool m_exhausted = false;
    bool m_failed = false;
    int m_repositories = 0;
    QPointer<CatalogJob> m_job;
};

} // namespace crossdock
