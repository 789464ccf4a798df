// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

// Drives a RegistryPane the way a user does, for the GUI tests: opening a
// repository, clicking one in the tree, clicking a tag, waiting for the tag
// table's details. Header-only: only tests that link crossdock-ui use it.

#include "dialogdriver.h"
#include "ui/browse/registrypane.h"
#include "ui/browse/repositorytreemodel.h"
#include "ui/browse/tagtablemodel.h"

#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeView>

namespace crossdock::test {

// Opens repository by name (as "Open repository…" does) and waits for its tag list.
inline bool openRepository(RegistryPane *pane, const QString &repository)
{
    pane->openRepository(repository);
    return QTest::qWaitFor(
        [&] { return pane->currentRepository() == repository && pane->tagModel() && !pane->tagModel()->isListing(); },
        15000);
}

// Clicks repository path in the pane's tree (its namespace expanded first).
inline bool selectRepository(RegistryPane *pane, const QString &path)
{
    auto *tree = child<QTreeView>(pane, "repositoryTree");
    if (!QTest::qWaitFor([&] { return pane->treeModel() && pane->treeModel()->indexOfPath(path).isValid(); }, 10000))
        return false;
    auto *proxy = static_cast<QSortFilterProxyModel *>(tree->model());
    const QModelIndex index = proxy->mapFromSource(pane->treeModel()->indexOfPath(path));
    tree->expand(index.parent());
    tree->scrollTo(index);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    return QTest::qWaitFor(
        [&] { return pane->currentRepository() == path && pane->tagModel() && !pane->tagModel()->isListing(); }, 10000);
}

// Waits on the model's own signal: QTRY_* sleeps 10 ms a round, which
// would make thousands of small loads crawl.
inline bool waitUntilLoaded(TagTableModel *model)
{
    QSignalSpy progress(model, &TagTableModel::loadProgress);
    while (model->isListing() || model->loadedCount() < model->rowCount()) {
        if (!progress.wait(20000))
            return false;
    }
    return true;
}

// Clicks tag in the pane's tag table.
inline bool selectTag(RegistryPane *pane, const QString &tag)
{
    auto *table = child<QTableView>(pane, "tagTable");
    const int sourceRow = pane->tagModel()->rowOf(tag);
    if (sourceRow < 0)
        return false;
    auto *proxy = static_cast<QSortFilterProxyModel *>(table->model());
    const QModelIndex index = proxy->mapFromSource(pane->tagModel()->index(sourceRow, 0));
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    return table->currentIndex().data(TagTableModel::TagRole).toString() == tag;
}

} // namespace crossdock::test
