// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/search/searchfeeder.h"

#include "core/browse/searchindex.h"
#include "core/credentials/resolvecredentialsjob.h"
#include "core/image/imagereference.h"
#include "core/registry/catalogjob.h"
#include "core/registry/registryclient.h"
#include "core/registry/registrysettings.h"
#include "ui/registries/loginlookup.h"
#include "ui/registries/registriespolicy.h"

namespace crossdock {

SearchFeeder::SearchFeeder(const AppServices &services, SearchIndex *index, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_index(index)
{
}

bool SearchFeeder::isBusy() const
{
    for (const QPointer<Job> &job : m_running)
        if (job)
            return true;
    return false;
}

void SearchFeeder::refresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const RegistryEntry &entry : m_services.registries->entries()) {
        m_index->addRepositories(entry.host, entry.bookmarks);
        if (m_running.value(entry.host))
            continue;
        const QDateTime listed = m_listed.value(entry.host);
        if (listed.isValid() && listed.secsTo(now) < ListAgeSecs)
            continue;
        m_listed.insert(entry.host, now);
        list(entry.host);
    }
    Q_EMIT indexChanged(); // the bookmarks at least
}

void SearchFeeder::list(const QString &host)
{
    const auto entry = m_services.registries->find(host);
    if (!entry)
        return;
    const ImageReference registry = ImageReference::parseRegistry(host, nullptr);
    if (!registry.isValid() || !RegistriesPolicy::blockedReason(m_services, host).isEmpty())
        return; // a blocked registry is not contacted, not even for its catalog
    auto *login = lookUpLogin(m_services, host, this);
    m_running.insert(host, login);
    connect(login, &Job::finished, this, [this, login, host, tls = RegistriesPolicy::tlsFor(m_services, *entry), apiHost = registry.apiHost()] {
        if (login->error().isError())
            return; // no login to be had: the panes will say why when browsed
        auto *client = new RegistryClient(apiHost, tls, login->credentials(), m_services.network, this);
        client->setRetryPolicy(RetryPolicy::interactive());
        auto *catalog = new CatalogJob(client, client);
        catalog->setMaxPages(MaxPagesPerRegistry);
        m_running.insert(host, catalog);
        connect(catalog, &PagedListJob::pageArrived, this, [this, host](const QStringList &repositories) {
            m_index->addRepositories(host, repositories);
            Q_EMIT indexChanged();
        });
        // Done (or refused: a hidden catalog): the client goes with its job.
        connect(catalog, &Job::finished, client, &QObject::deleteLater);
        catalog->start();
    });
    login->start();
}

} // namespace crossdock
