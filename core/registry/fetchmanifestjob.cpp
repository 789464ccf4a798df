// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/fetchmanifestjob.h"

#include "core/image/mediatypes.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

namespace crossdock {

FetchManifestJob::FetchManifestJob(RegistryClient *client, const QString &repository, const QString &reference,
                                   QObject *parent)
    : ReadManifestJob(parent)
    , m_client(client)
    , m_repository(repository)
    , m_reference(reference)
{
}

QString FetchManifestJob::subject() const
{
    const QChar separator = m_reference.contains(QLatin1Char(':')) ? QLatin1Char('@') : QLatin1Char(':');
    return QStringLiteral("manifest %1/%2%3%4").arg(m_client->host(), m_repository, separator, m_reference);
}

void FetchManifestJob::doStart()
{
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/manifests/%2").arg(m_repository, m_reference);
    request.scopes = {QStringLiteral("repository:%1:pull").arg(m_repository)};
    request.headers = {{"Accept", MediaType::acceptHeader().toLatin1()}};
    request.maxBodyBytes = Manifest::MaxSize;
    m_call = m_client->call(request, this);
    connect(m_call, &Job::finished, this, &FetchManifestJob::onFinished);
    m_call->start();
}

void FetchManifestJob::doCancel()
{
    if (m_call)
        m_call->cancel();
}

void FetchManifestJob::onFinished()
{
    if (m_call->error().isError()) {
        Error error = m_call->error();
        if (m_call->bodyWasTooLarge())
            error.message = QStringLiteral("%1 is larger than the %2-byte manifest limit").arg(subject()).arg(Manifest::MaxSize);
        emitError(error);
        return;
    }
    const HttpResponse &response = m_call->response();
    if (response.status != 200) {
        emitError(errorForResponse(response, subject(), m_client->host()));
        return;
    }
    QString parseError;
    auto manifest = Manifest::parse(response.body, QString::fromLatin1(response.header("Content-Type")), &parseError);
    if (!manifest) {
        emitError(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(subject(), parseError));
        return;
    }
    const QString headerDigest = QString::fromLatin1(response.header("Docker-Content-Digest"));
    if (!headerDigest.isEmpty()) {
        const Digest announced = Digest::parse(headerDigest);
        if (!announced.isValid()) {
            emitError(Error::Code::BadResponse, QStringLiteral("%1: registry sent an invalid Docker-Content-Digest").arg(subject()));
            return;
        }
        if (announced.algorithm() == manifest->digest().algorithm() && announced != manifest->digest()) {
            emitError(Error::Code::BadResponse,
                      QStringLiteral("%1: content digest %2 does not match Docker-Content-Digest %3")
                          .arg(subject(), manifest->digest().toString(), announced.toString()));
            return;
        }
    }
    const Digest asked = Digest::parse(m_reference);
    if (asked.isValid()) {
        Digest actual = manifest->digest();
        if (asked.algorithm() != actual.algorithm()) {
            // Hash the payload with the algorithm asked for.
            DigestHasher hasher(asked.algorithm());
            QString ignored;
            hasher.addData(manifest->kind() == Manifest::Kind::Schema1 ? Manifest::schema1Payload(response.body, &ignored)
                                                                       : response.body);
            actual = hasher.result();
        }
        if (actual != asked) {
            emitError(Error::Code::BadResponse,
                      QStringLiteral("%1: content hashes to %2, not the digest asked for").arg(subject(), actual.toString()));
            return;
        }
    }
    succeedWith(*manifest);
}

} // namespace crossdock
