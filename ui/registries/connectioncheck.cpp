// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/registries/connectioncheck.h"

#include "core/image/imagereference.h"
#include "core/registry/connectiontestjob.h"
#include "core/registry/registryclient.h"

namespace crossdock {

ConnectionCheck::ConnectionCheck(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
}

void ConnectionCheck::start(const QString &host, const TlsSettings &tls, const Credentials &credentials)
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
    if (m_client)
        m_client->deleteLater();
    QString error;
    const ImageReference registry = ImageReference::parseRegistry(host, &error);
    if (!registry.isValid()) {
        Q_EMIT finished({}, Error::make(Error::Code::InvalidInput, error));
        return;
    }
    m_client = new RegistryClient(registry.apiHost(), tls, credentials, m_network, this);
    RetryPolicy once;
    once.maxAttempts = 1; // a test answers now, not after a backoff
    m_client->setRetryPolicy(once);
    auto *job = new ConnectionTestJob(m_client, this);
    m_job = job;
    connect(job, &Job::finished, this, [this, job] {
        m_job = nullptr;
        Q_EMIT finished(job->reportLines(), job->error());
    });
    job->start();
}

} // namespace crossdock
