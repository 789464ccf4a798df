// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/search/searchdialog.h"

#include "core/browse/searchindex.h"
#include "ui/search/searchfeeder.h"
#include "ui/search/searchresultsmodel.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QVBoxLayout>

namespace crossdock {

SearchDialog::SearchDialog(SearchIndex *index, SearchFeeder *feeder, QWidget *parent)
    : QDialog(parent)
    , m_index(index)
    , m_feeder(feeder)
    , m_results(new SearchResultsModel(this))
    , m_field(new QLineEdit)
    , m_list(new QListView)
    , m_status(new QLabel)
{
    setWindowTitle(tr("Search registries"));
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setPlaceholderText(tr("Repository or tag, on any registry (e.g. nginx 1.25)"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("searchResults"));
    m_list->setModel(m_results);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_status->setObjectName(QStringLiteral("searchStatus"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_field);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    resize(560, 420);

    m_refreshLater.setSingleShot(true);
    m_refreshLater.setInterval(200);
    connect(&m_refreshLater, &QTimer::timeout, this, &SearchDialog::searchNow);
    connect(m_feeder, &SearchFeeder::indexChanged, this, [this] {
        if (!m_refreshLater.isActive())
            m_refreshLater.start();
    });
    connect(m_field, &QLineEdit::textChanged, this, &SearchDialog::searchNow);
    connect(m_field, &QLineEdit::returnPressed, this, &SearchDialog::openCurrent);
    connect(m_list, &QListView::activated, this, &SearchDialog::openCurrent);
}

void SearchDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_feeder->refresh();
    m_field->selectAll();
    m_field->setFocus();
    searchNow();
}

void SearchDialog::searchNow()
{
    const QString query = m_field->text();
    m_results->setHits(m_index->search(query, 50));
    if (m_results->rowCount() > 0)
        m_list->setCurrentIndex(m_results->index(0));
    const QString names = QLocale().toString(m_index->size());
    if (query.trimmed().isEmpty())
        m_status->setText(m_feeder->isBusy() ? tr("Listing the registries… %1 names so far").arg(names)
                                             : tr("%1 names on your registries").arg(names));
    else if (m_results->rowCount() == 0)
        m_status->setText(tr("Nothing matches among %1 names%2.")
                              .arg(names, m_feeder->isBusy() ? tr(" (still listing)") : QString()));
    else
        m_status->setText(tr("Enter opens the selected one in a pane."));
}

bool SearchDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Up and Down move through the hits while typing goes on in the field.
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown || key == Qt::Key_PageUp) {
            QKeyEvent forwarded(QEvent::KeyPress, key, Qt::NoModifier);
            QCoreApplication::sendEvent(m_list, &forwarded);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void SearchDialog::openCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const SearchIndex::Hit &hit = m_results->hitAt(current.row());
    Q_EMIT openRequested(hit.registry, hit.repository, hit.tag);
    accept();
}

} // namespace crossdock
