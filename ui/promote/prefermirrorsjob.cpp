// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/promote/prefermirrorsjob.h"

#include "core/credentials/resolvecredentialsjob.h"
#include "core/registry/registriesconf.h"
#include "core/registry/registryclient.h"
#include "core/registry/resolvedigestjob.h"
#include "ui/registries/loginlookup.h"

namespace crossdock {

namespace {

QList<RegistriesConf::PullSource> mirrorsOf(const AppServices &services, const TransferOrder &order)
{
    QList<RegistriesConf::PullSource> mirrors;
    if (!services.registriesConf || !order.request.source.isRegistry())
        return mirrors;
    for (const RegistriesConf::PullSource &source : services.registriesConf->pullSources(order.request.source.image().toString()))
        if (source.mirror)
            mirrors.append(source);
    return mirrors;
}

} // namespace

PreferMirrorsJob::PreferMirrorsJob(const AppServices &services, const QList<TransferOrder> &orders, QObject *parent)
    : Job(parent)
    , m_services(services)
    , m_orders(orders)
{
}

bool PreferMirrorsJob::hasMirrors(const AppServices &services, const QList<TransferOrder> &orders)
{
    return std::any_of(orders.begin(), orders.end(), [&](const TransferOrder &order) { return !mirrorsOf(services, order).isEmpty(); });
}

void PreferMirrorsJob::doStart()
{
    tryNext();
}

void PreferMirrorsJob::doCancel()
{
    if (m_step)
        m_step->cancel();
}

void PreferMirrorsJob::tryNext()
{
    QList<RegistriesConf::PullSource> mirrors;
    while (m_order < m_orders.size() && m_mirror >= (mirrors = mirrorsOf(m_services, m_orders.at(m_order))).size()) {
        ++m_order;
        m_mirror = 0;
    }
    if (m_order >= m_orders.size())
        return emitSuccess();
    const RegistriesConf::PullSource mirror = mirrors.at(m_mirror++);
    const ImageReference reference = ImageReference::parse(mirror.reference);
    if (!reference.isValid() || !reference.hasDigest())
        return tryNext();
    auto *login = lookUpLogin(m_services, reference.registry(), this);
    m_step = login;
    connect(login, &Job::finished, this, [this, login, reference, insecure = mirror.insecure] {
        if (login->error().code == Error::Code::Cancelled)
            return;
        if (login->error().isError())
            return tryNext();
        TlsSettings tls;
        if (insecure)
            tls.mode = TlsSettings::Mode::SkipVerify;
        auto *client = new RegistryClient(reference.apiHost(), tls, login->credentials(), m_services.network, this);
        RetryPolicy once;
        once.maxAttempts = 1; // a mirror that is down must not hold up the promotion
        client->setRetryPolicy(once);
        auto *head = new ResolveDigestJob(client, reference.repository(), reference.digest().toString(), this);
        m_step = head;
        connect(head, &Job::finished, this, [this, head, client, reference, tls] {
            client->deleteLater();
            if (head->error().code == Error::Code::Cancelled)
                return;
            if (!head->error().isError()) {
                TransferOrder &order = m_orders[m_order];
                order.route += tr(" (from mirror %1)").arg(reference.registry());
                order.request.source = reference;
                order.request.sourceCredentials = client->credentials();
                order.request.sourceTls = tls;
                ++m_order; // this order has its source
                m_mirror = 0;
            }
            tryNext();
        });
        head->start();
    });
    login->start();
}

} // namespace crossdock
