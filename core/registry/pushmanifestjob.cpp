// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/pushmanifestjob.h"

#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

namespace crossdock {

PushManifestJob::PushManifestJob(RegistryClient *client, const QString &repository, const QString &reference,
                                 const Manifest &manifest, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_repository(repository)
    , m_reference(reference)
    , m_manifest(manifest)
{
}

void PushManifestJob::doStart()
{
    RegistryRequest request;
    request.method = "PUT";
    request.path = QStringLiteral("/v2/%1/manifests/%2").arg(m_repository, m_reference);
    request.scopes = {QStringLiteral("repository:%1:pull,push").arg(m_repository)};
    request.headers = {{"Content-Type", m_manifest.mediaType().toLatin1()}};
    request.body = m_manifest.raw();
    m_call = m_client->call(request, this);
    connect(m_call, &Job::finished, this, [this] {
        const QString subject = QStringLiteral("manifest push %1/%2%3%4")
                                    .arg(m_client->host(), m_repository,
                                         m_reference.contains(QLatin1Char(':')) ? QStringLiteral("@") : QStringLiteral(":"), m_reference);
        if (m_call->error().isError())
            return emitError(m_call->error());
        const HttpResponse &response = m_call->response();
        if (response.status != 201)
            return emitError(errorForResponse(response, subject, m_client->host()));
        const Digest returned = Digest::parse(QString::fromLatin1(response.header("Docker-Content-Digest")));
        if (returned.isValid() && returned.algorithm() == m_manifest.digest().algorithm() && returned != m_manifest.digest()) {
            return emitError(Error::Code::BadResponse, QStringLiteral("%1: registry stored digest %2, expected %3")
                                                           .arg(subject, returned.toString(), m_manifest.digest().toString()));
        }
        emitSuccess();
    });
    m_call->start();
}

void PushManifestJob::doCancel()
{
    if (m_call)
        m_call->cancel();
}

} // namespace crossdock
