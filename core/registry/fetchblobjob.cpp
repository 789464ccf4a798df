// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/fetchblobjob.h"

#include "core/image/mediatypes.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

namespace crossdock {

FetchBlobJob::FetchBlobJob(RegistryClient *client, const QString &repository, const Digest &digest, qint64 maxSize,
                           QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_repository(repository)
    , m_digest(digest)
    , m_maxSize(maxSize)
{
}

void FetchBlobJob::doStart()
{
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repository, m_digest.toString());
    request.scopes = {QStringLiteral("repository:%1:pull").arg(m_repository)};
    request.maxBodyBytes = m_maxSize;
    m_call = m_client->call(request, this);
    connect(m_call, &Job::finished, this, [this] {
        const QString subject = QStringLiteral("blob %1/%2@%3").arg(m_client->host(), m_repository, m_digest.toString());
        if (m_call->error().isError()) {
            Error error = m_call->error();
            if (error.code == Error::Code::TooLarge)
                error.message = QStringLiteral("%1 is larger than the %2-byte limit").arg(subject).arg(m_maxSize);
            emitError(error);
            return;
        }
        const HttpResponse &response = m_call->response();
        if (response.status != 200) {
            emitError(errorForResponse(response, subject, m_client->host()));
            return;
        }
        DigestHasher hasher(m_digest.algorithm());
        hasher.addData(response.body);
        const Digest actual = hasher.result();
        if (actual != m_digest) {
            emitError(Error::Code::BadResponse, QStringLiteral("%1: content hashes to %2").arg(subject, actual.toString()));
            return;
        }
        m_data = response.body;
        emitSuccess();
    });
    m_call->start();
}

void FetchBlobJob::doCancel()
{
    if (m_call)
        m_call->cancel();
}

} // namespace crossdock
