// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "choosepullsourcejob.h"

#include "core/base/logging.h"
#include "core/registry/registryclient.h"
#include "core/registry/resolvedigestjob.h"
#include "resolveendpointjob.h"

namespace crossdock::cli {

ChoosePullSourceJob::ChoosePullSourceJob(const QList<RegistriesConf::PullSource> &candidates,
    const EndpointOptions &endpoint, QNetworkAccessManager *network, QObject *parent)
    : Job(parent)
    , m_candidates(candidates)
    , m_endpoint(endpoint)
    , m_network(network)
{
}

void ChoosePullSourceJob::doStart()
{
    tryNext();
}

void ChoosePullSourceJob::doCancel()
{
    if (m_step)
        m_step->cancel();
}

void ChoosePullSourceJob::tryNext()
{
    const RegistriesConf::PullSource candidate = m_candidates.at(m_next++);
    const bool last = m_next == m_candidates.size();
    QString why;
    const ImageReference reference = ImageReference::parse(candidate.reference, &why);
    const auto giveUp = [this, last, candidate](const Error &error) {
        qCDebug(lcHttp).noquote() << "pull source" << candidate.reference << "not used:" << error.message;
        if (last)
            return emitError(error);
        tryNext();
    };
    if (!reference.isValid())
        return giveUp(Error::make(Error::Code::InvalidInput,
            QStringLiteral("registries.conf rewrites the image to \"%1\", which is not a reference: %2").arg(candidate.reference, why)));
    EndpointOptions endpoint = m_endpoint;
    if (candidate.insecure && !endpoint.tlsVerify.has_value())
        endpoint.tlsVerify = false;
    if (last && m_next == 1) { // nothing else to try: no need to ask first
        m_chosen = reference;
        m_chosenImage = candidate.image;
        m_chosenEndpoint = endpoint;
        return emitSuccess();
    }
    auto *resolve = new ResolveEndpointJob(endpoint, reference.registry(), reference.repository(), this);
    m_step = resolve;
    connect(resolve, &Job::finished, this, [this, resolve, reference, image = candidate.image, endpoint, giveUp] {
        if (resolve->error().code == Error::Code::Cancelled)
            return;
        if (resolve->error().isError())
            return giveUp(resolve->error());
        auto *client = new RegistryClient(reference.apiHost(), resolve->tls(), resolve->credentials(), m_network, this);
        // One quick try per mirror: a mirror that is down should not hold
        // up the pull for a minute of retries.
        RetryPolicy once;
        once.maxAttempts = 1;
        client->setRetryPolicy(once);
        auto *head = new ResolveDigestJob(client, reference.repository(), reference.manifestReference(), this);
        m_step = head;
        connect(head, &Job::finished, this, [this, head, reference, image, endpoint, giveUp] {
            if (head->error().code == Error::Code::Cancelled)
                return;
            if (head->error().isError())
                return giveUp(head->error());
            qCDebug(lcHttp).noquote() << "pulling" << reference.toString() << "(registries.conf)";
            m_chosen = reference;
            m_chosenImage = image;
            m_chosenEndpoint = endpoint;
            emitSuccess();
        });
        head->start();
    });
    resolve->start();
}

} // namespace crossdock::cli
