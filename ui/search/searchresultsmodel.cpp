// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/search/searchresultsmodel.h"

#include <QIcon>

namespace crossdock {

void SearchResultsModel::setHits(const QList<SearchIndex::Hit> &hits)
{
    beginResetModel();
    m_hits = hits;
    endResetModel();
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_hits.size());
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_hits.size())
        return {};
    const SearchIndex::Hit &hit = m_hits.at(index.row());
    const QString name = hit.tag.isEmpty() ? hit.repository : hit.repository + QLatin1Char(':') + hit.tag;
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1   on %2").arg(name, hit.registry);
    case Qt::ToolTipRole:
        return QString(hit.registry + QLatin1Char('/') + name);
    case Qt::DecorationRole:
        if (hit.tag.isEmpty())
            return QIcon(QStringLiteral(":/icons/repository.svg"));
        return {};
    case RegistryRole:
        return hit.registry;
    case RepositoryRole:
        return hit.repository;
    case TagRole:
        return hit.tag;
    default:
        return {};
    }
}

} // namespace crossdock
