// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/registry/registrycall.h"

#include <QSet>
#include <QStringList>
#include <QUrl>

namespace crossdock {

class RegistryClient;

// Reads a paginated distribution list (tags or catalog) to the end by
// following `Link: <...>; rel="next"`, never inferring from counts. Each page
// is announced as it arrives (a browser shows the first rows at once); with
// setMaxPages the job stops early and nextPage() says where to resume.
class PagedListJob : public Job {
    Q_OBJECT

public:
    const QStringList &items() const { return m_items; }

    // Reads at most pages pages (0: all).
    void setMaxPages(int pages) { m_maxPages = pages; }
    // Starts at a next-page URL from an earlier job instead of the first page.
    void setResumeFrom(const QUrl &next) { m_resumeFrom = next; }
    // Where the list continues after this job stopped; empty at its end.
    QUrl nextPage() const { return m_nextPage; }

    // Lists longer than this are refused, whatever the registry sends: a
    // Link that always names a new page (a hostile or broken server) would
    // otherwise be followed for ever. Far beyond any real repository or
    // catalog (at 1,000 per page, 5 million names).
    static constexpr int MaxPagesInAll = 5000;
    static constexpr qsizetype MaxItemsInAll = 5'000'000;

    // The next-page URL from a Link header, resolved against base; empty if none.
    static QUrl nextLink(const QByteArray &linkHeader, const QUrl &base);

Q_SIGNALS:
    void pageArrived(const QStringList &items);

protected:
    PagedListJob(
        RegistryClient *client, QString path, QString jsonKey, QStringList scopes, int pageSize, QObject *parent);
    void doStart() override;
    void doCancel() override;
    // Turns a failed page into the job's error.
    virtual Error pageError(const HttpResponse &response) const = 0;
    RegistryClient *client() const { return m_client; }

private:
    void requestPage(const QUrl &url);

    RegistryClient *m_client;
    QString m_path;
    QString m_jsonKey;
    QStringList m_scopes;
    int m_pageSize;
    QStringList m_items;
    QSet<QUrl> m_seenPages;
    int m_maxPages = 0;
    int m_pagesRead = 0;  // by this job (setMaxPages)
    int m_pagesInAll = 0; // pages counted against MaxPagesInAll
    QUrl m_resumeFrom;
    QUrl m_nextPage;
    QPointer<RegistryCall> m_call;
};

} // namespace crossdock
