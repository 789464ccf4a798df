// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/appservices.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace crossdock {

class Job;
class SearchIndex;

// Fills the search index with the catalogs of every configured registry
// (and their bookmarks, for registries that hide their catalog), each with
// the login the application uses for it. refresh() lists a registry again
// only when its last listing is older than ListAgeSecs: searching is quick
// to open and kind to registries. A registry that cannot be listed is
// skipped; panes add what they list as they browse.
class SearchFeeder final : public QObject {
    Q_OBJECT

public:
    SearchFeeder(const AppServices &services, SearchIndex *index, QObject *parent = nullptr);

    void refresh();
    bool isBusy() const;

    static constexpr int ListAgeSecs = 600;
    static constexpr int MaxPagesPerRegistry = 50; // 50,000 repositories

Q_SIGNALS:
    // More names are in the index.
    void indexChanged();

private:
    void list(const QString &host);

    AppServices m_services;
    SearchIndex *m_index;
    QHash<QString, QDateTime> m_listed; // host -> when its listing started
    QHash<QString, QPointer<Job>> m_running;
};

} // namespace crossdock
