// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/browse/searchindex.h"

#include <QAbstractListModel>

namespace crossdock {

// The hits of a search, best first: a repository or a tag and the registry
// it lives on.
class SearchResultsModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { RegistryRole = Qt::UserRole, RepositoryRole, TagRole };

    using QAbstractListModel::QAbstractListModel;

    void setHits(const QList<SearchIndex::Hit> &hits);
    const SearchIndex::Hit &hitAt(int row) const { return m_hits.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<SearchIndex::Hit> m_hits;
};

} // namespace crossdock
