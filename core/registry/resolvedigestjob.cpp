// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/resolvedigestjob.h"

#include "core/image/mediatypes.h"
#include "core/registry/pagedlistjob.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

namespace crossdock {

ResolveDigestJob::ResolveDigestJob(RegistryClient *client, const QString &repository, const QString &tag, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_repository(repository)
    , m_tag(tag)
{
}

void ResolveDigestJob::doStart()
{
    RegistryRequest request;
    request.method = "HEAD";
    request.path = QStringLiteral("/v2/%1/manifests/%2").arg(m_repository, m_tag);
    request.scopes = {QStringLiteral("repository:%1:pull").arg(m_repository)};
    request.headers = {{"Accept", MediaType::acceptHeader().toLatin1()}};
    m_call = m_client->call(request, this);
    connect(m_call, &Job::finished, this, [this] {
        if (m_call->error().isError())
            return emitError(m_call->error());
        const HttpResponse &response = m_call->response();
        const QString subject = QStringLiteral("manifest %1/%2:%3").arg(m_client->host(), m_repository, m_tag);
        if (response.status != 200)
            return emitError(errorForResponse(response, subject, m_client->host()));
        QString error;
        m_digest = Digest::parse(QString::fromLatin1(response.header("Docker-Content-Digest")), &error);
        if (!m_digest.isValid())
            return emitError(Error::Code::BadResponse,
                             QStringLiteral("%1: the registry sent no valid Docker-Content-Digest (%2)").arg(subject, error));
        emitSuccess();
    });
    m_call->start();
}

void ResolveDigestJob::doCancel()
{
    if (m_call)
        m_call->cancel();
}

} // namespace crossdock
