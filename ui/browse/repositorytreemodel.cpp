// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/repositorytreemodel.h"

#include "core/browse/localstore.h"
#include "core/registry/catalogjob.h"
#include "core/registry/pagedlistjob.h"

#include <QIcon>
#include <QMimeData>

#include <algorithm>

namespace crossdock {

int RepositoryTreeModel::Node::row() const
{
    if (!parent)
        return 0;
    const auto &siblings = parent->children;
    const auto it = std::find_if(siblings.begin(), siblings.end(), [this](const auto &n) { return n.get() == this; });
    return static_cast<int>(it - siblings.begin());
}

RepositoryTreeModel::RepositoryTreeModel(const ImageSource &source, QObject *parent, int pageSize)
    : QAbstractItemModel(parent)
    , m_source(source)
    , m_pageSize(pageSize)
    , m_repositoryIcon(QStringLiteral(":/icons/repository.svg"))
    , m_folderIcon(QStringLiteral(":/icons/folder.svg"))
{
    // The repository's blue cube turns white on a selected (blue) row,
    // where it would vanish.
    m_repositoryIcon.addFile(QStringLiteral(":/icons/repository-selected.svg"), {}, QIcon::Selected);
}

RepositoryTreeModel::~RepositoryTreeModel()
{
    if (m_job) {
        m_job->disconnect(this); // no signals from a half-destroyed model
        m_job->cancel();
    }
}

RepositoryTreeModel::Node *RepositoryTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : const_cast<Node *>(&m_root);
}

QModelIndex RepositoryTreeModel::indexFor(Node *node) const
{
    if (!node || node == &m_root)
        return {};
    return createIndex(node->row(), 0, node);
}

QModelIndex RepositoryTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeFor(parent)->children.at(static_cast<size_t>(row)).get());
}

QModelIndex RepositoryTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int RepositoryTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int RepositoryTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool RepositoryTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant RepositoryTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        return node->name;
    case Qt::ToolTipRole:
    case PathRole:
        return node->path;
    case IsRepositoryRole:
        return node->isRepository;
    case Qt::DecorationRole:
        return node->isRepository ? m_repositoryIcon : m_folderIcon;
    }
    return {};
}

bool RepositoryTreeModel::canFetchMore(const QModelIndex &parent) const
{
    // Catalog pages belong to the whole tree: more is fetched at the top level.
    return !parent.isValid() && !m_exhausted && !m_failed && !m_job;
}

void RepositoryTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (m_source.isLocal()) {
        // A local folder lists everything at once.
        QString error;
        const QStringList repositories = m_source.store->repositories(&error);
        if (!error.isEmpty()) {
            m_failed = true;
            Q_EMIT catalogUnavailable(Error::make(Error::Code::Io, error));
            return;
        }
        for (const QString &path : repositories)
            insertPath(path);
        m_exhausted = true;
        Q_EMIT catalogPageLoaded(m_repositories);
        return;
    }
    auto *job = new CatalogJob(m_source.client, this, m_pageSize);
    job->setMaxPages(1);
    if (m_next.isValid())
        job->setResumeFrom(m_next);
    m_job = job;
    connect(job, &Job::finished, this, [this, job] {
        m_job = nullptr;
        if (job->error().isError()) {
            m_failed = true;
            Q_EMIT catalogUnavailable(job->error());
            return;
        }
        for (const QString &path : job->items())
            insertPath(path);
        m_next = job->nextPage();
        m_exhausted = !m_next.isValid();
        Q_EMIT catalogPageLoaded(m_repositories);
    });
    job->start();
}

RepositoryTreeModel::Node *RepositoryTreeModel::insertPath(const QString &path)
{
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.isEmpty())
        return nullptr;
    Node *node = &m_root;
    QString soFar;
    for (const QString &segment : segments) {
        soFar = soFar.isEmpty() ? segment : soFar + QLatin1Char('/') + segment;
        auto &children = node->children;
        auto it = std::lower_bound(children.begin(), children.end(), segment,
            [](const std::unique_ptr<Node> &n, const QString &name) { return n->name < name; });
        if (it != children.end() && (*it)->name == segment) {
            node = it->get();
            continue;
        }
        const int row = static_cast<int>(it - children.begin());
        beginInsertRows(indexFor(node), row, row);
        auto child = std::make_unique<Node>();
        child->name = segment;
        child->path = soFar;
        child->parent = node;
        Node *raw = child.get();
        children.insert(children.begin() + row, std::move(child));
        endInsertRows();
        node = raw;
    }
    if (!node->isRepository) {
        node->isRepository = true;
        ++m_repositories;
        const QModelIndex index = indexFor(node);
        Q_EMIT dataChanged(index, index);
    }
    return node;
}

QModelIndex RepositoryTreeModel::addRepository(const QString &path)
{
    return indexFor(insertPath(path));
}

QModelIndex RepositoryTreeModel::indexOfPath(const QString &path) const
{
    const Node *node = &m_root;
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const auto &children = node->children;
        const auto it
            = std::find_if(children.begin(), children.end(), [&](const auto &n) { return n->name == segment; });
        if (it == children.end())
            return {};
        node = it->get();
    }
    return indexFor(const_cast<Node *>(node));
}

} // namespace crossdock

namespace crossdock {

Qt::ItemFlags RepositoryTreeModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index) | Qt::ItemIsDropEnabled;
    if (index.isValid() && nodeFor(index)->isRepository)
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

QStringList RepositoryTreeModel::mimeTypes() const
{
    return {ImageDrag::MimeType};
}

QMimeData *RepositoryTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QList<DraggedImage> images;
    for (const QModelIndex &index : indexes) {
        const Node *node = index.isValid() ? nodeFor(index) : nullptr;
        if (!node || !node->isRepository)
            continue;
        images.append({m_registryId, node->path, {}, {}, m_dragTags ? m_dragTags(node->path) : QStringList()});
    }
    return images.isEmpty() ? nullptr : ImageDrag::encode(images);
}

bool RepositoryTreeModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction, int row, int, const QModelIndex &parent) const
{
    if (!ImageDrag::canDrop(data, m_registryId))
        return false;
    const QString target = dropTarget(row, parent);
    return target.isEmpty() || !ImageDrag::isOwnRepository(ImageDrag::decode(data), m_registryId, target);
}

bool RepositoryTreeModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    Q_EMIT imagesDropped(ImageDrag::decode(data), dropTarget(row, parent));
    return true;
}

QString RepositoryTreeModel::dropTarget(int row, const QModelIndex &parent) const
{
    // On a repository: into it. Between rows (row >= 0), on a folder or on
    // the empty area: the same path as each image's own repository (empty).
    const Node *node = parent.isValid() && row < 0 ? nodeFor(parent) : nullptr;
    return node && node->isRepository ? node->path : QString();
}

} // namespace crossdock
