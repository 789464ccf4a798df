// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QTimer>

class QLabel;
class QLineEdit;
class QListView;

namespace crossdock {

class SearchFeeder;
class SearchIndex;
class SearchResultsModel;

// Ctrl+K: one field that finds repositories and tags on every configured
// registry as you type; Enter (or a double-click) opens the hit in a pane.
// Up and Down move through the hits without leaving the field. Names keep
// arriving while the catalogs load; the hits follow, at most five times a
// second, so typing never waits for them.
class SearchDialog final : public QDialog {
    Q_OBJECT

public:
    SearchDialog(SearchIndex *index, SearchFeeder *feeder, QWidget *parent = nullptr);

    SearchResultsModel *results() const { return m_results; }
    // Runs the field's query now (the field calls it on every keystroke).
    void searchNow();

Q_SIGNALS:
    void openRequested(const QString &registry, const QString &repository, const QString &tag);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void openCurrent();

    SearchIndex *m_index;
    SearchFeeder *m_feeder;
    SearchResultsModel *m_results;
    QLineEdit *m_field;
    QListView *m_list;
    QLabel *m_status;
    QTimer m_refreshLater; // new names arrived: search again, soon
};

} // namespace crossdock
