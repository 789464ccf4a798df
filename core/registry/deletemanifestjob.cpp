// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/deletemanifestjob.h"

#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

namespace crossdock {

DeleteManifestJob::DeleteManifestJob(RegistryClient *client, const QString &repository, const Digest &digest, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_repository(repository)
    , m_digest(digest)
{
}

void DeleteManifestJob::doStart()
{
    RegistryRequest request;
    request.method = "DELETE";
    request.path = QStringLiteral("/v2/%1/manifests/%2").arg(m_repository, m_digest.toString());
    request.scopes = {QStringLiteral("repository:%1:delete").arg(m_repository)};
    m_call = m_client->call(request, this);
    connect(m_call, &Job::finished, this, [this] {
        if (m_call->error().isError())
            return emitError(m_call->error());
        const HttpResponse &response = m_call->response();
        const QString subject = QStringLiteral("%1/%2@%3").arg(m_client->host(), m_repository, m_digest.toString());
        if (response.status == 202 || response.status == 200)
            return emitSuccess();
        if (response.status == 405)
            return emitError(Error::Code::Unsupported,
                             QStringLiteral("cannot delete %1: deletion is disabled on this registry "
                                            "(its operator must set storage.delete.enabled)")
                                 .arg(subject),
                             registryErrorText(response.body));
        emitError(errorForResponse(response, QStringLiteral("delete ") + subject, m_client->host()));
    });
    m_call->start();
}

void DeleteManifestJob::doCancel()
{
    if (m_call)
        m_call->cancel();
}

} // namespace crossdock
