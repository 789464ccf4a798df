// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/pagedlistjob.h"

#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace crossdock {

namespace {
constexpr qint64 MaxPageBytes = 16 * 1024 * 1024;
}

PagedListJob::PagedListJob(
    RegistryClient *client, QString path, QString jsonKey, QStringList scopes, int pageSize, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_path(std::move(path))
    , m_jsonKey(std::move(jsonKey))
    , m_scopes(std::move(scopes))
    , m_pageSize(pageSize)
{
}

QUrl PagedListJob::nextLink(const QByteArray &linkHeader, const QUrl &base)
{
    // Link: <url>; rel="next"[, <url2>; rel="prev"]
    static const QRegularExpression link(QStringLiteral("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)"));
    auto it = link.globalMatch(QString::fromLatin1(linkHeader));
    while (it.hasNext()) {
        const auto match = it.next();
        static const QRegularExpression relNext(QStringLiteral(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?"));
        const auto rel = relNext.match(match.captured(2));
        if (rel.hasMatch() && rel.captured(1).split(QLatin1Char(' ')).contains(QLatin1String("next")))
            return base.resolved(QUrl::fromEncoded(match.captured(1).toLatin1()));
    }
    return {};
}

void PagedListJob::doStart()
{
    requestPage(m_resumeFrom);
}

void PagedListJob::doCancel()
{
    if (m_call)
        m_call->cancel();
}

void PagedListJob::requestPage(const QUrl &url)
{
    RegistryRequest request;
    request.path = m_path;
    request.url = url;
    if (!url.isValid() && m_pageSize > 0)
        request.query.addQueryItem(QStringLiteral("n"), QString::number(m_pageSize));
    request.scopes = m_scopes;
    request.maxBodyBytes = MaxPageBytes;
    request.headers = {{"Accept", "application/json"}};
    m_call = m_client->call(request, this);
    connect(m_call, &Job::finished, this, [this](Job *) {
        const RegistryCall *call = m_call;
        if (call->error().isError()) {
            emitError(call->error());
            return;
        }
        const HttpResponse &response = call->response();
        if (response.status != 200) {
            emitError(pageError(response));
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
        const QJsonValue list = document.object().value(m_jsonKey);
        if (parseError.error != QJsonParseError::NoError || !(list.isArray() || list.isNull() || list.isUndefined())) {
            emitError(Error::Code::BadResponse,
                QStringLiteral("%1 sent a malformed %2 list (%3)")
                    .arg(m_client->host(), m_jsonKey,
                        parseError.error != QJsonParseError::NoError
                            ? parseError.errorString()
                            : QStringLiteral("\"%1\" is not a list").arg(m_jsonKey)));
            return;
        }
        QStringList page;
        for (const QJsonValue &value : list.toArray())
            page << value.toString();
        m_items << page;
        ++m_pagesRead;
        ++m_pagesInAll;
        if (m_pagesInAll > MaxPagesInAll || m_items.size() > MaxItemsInAll) {
            emitError(Error::Code::TooLarge,
                QStringLiteral("%1 sent more than the limit of %2 pages or %3 names in its %4 list; stopping")
                    .arg(m_client->host())
                    .arg(MaxPagesInAll)
                    .arg(MaxItemsInAll)
                    .arg(m_jsonKey));
            return;
        }
        Q_EMIT pageArrived(page);
        Q_EMIT progress(m_items.size(), -1);

        const QUrl next = nextLink(response.header("Link"), response.url);
        if (!next.isValid())
            return emitSuccess();
        if (m_maxPages > 0 && m_pagesRead >= m_maxPages) {
            m_nextPage = next;
            return emitSuccess();
        }
        if (m_seenPages.contains(next)) {
            emitError(Error::Code::BadResponse,
                QStringLiteral("%1 sent a pagination loop in its %2 list").arg(m_client->host(), m_jsonKey));
            return;
        }
        m_seenPages.insert(next);
        requestPage(next);
    });
    m_call->start();
}

} // namespace crossdock
