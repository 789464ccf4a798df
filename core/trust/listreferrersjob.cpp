// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/listreferrersjob.h"

#include "core/image/mediatypes.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

ListReferrersJob::ListReferrersJob(RegistryClient *client, const QString &repository, const Digest &subject, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_repository(repository)
    , m_subject(subject)
{
}

QString ListReferrersJob::fallbackTag(const Digest &subject)
{
    return subject.algorithm() + QLatin1Char('-') + subject.hex();
}

void ListReferrersJob::doStart()
{
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/referrers/%2").arg(m_repository, m_subject.toString());
    request.scopes = {QStringLiteral("repository:%1:pull").arg(m_repository)};
    request.headers = {{"Accept", MediaType::OciIndex.toLatin1()}};
    request.maxBodyBytes = Manifest::MaxSize;
    auto *call = addSubjob(m_client->call(request, this));
    connect(call, &Job::finished, this, [this, call] {
        if (isFinished())
            return;
        if (call->error().isError())
            return emitError(call->error());
        const HttpResponse &response = call->response();
        // 404 (or 400/405 from older registries): no API; the tag schema then.
        if (response.status != 200
            || !response.header("Content-Type").startsWith(MediaType::OciIndex.toLatin1()))
            return readFallback();
        QString error;
        if (!take(response.body, &error))
            return emitError(Error::Code::BadResponse,
                QStringLiteral("the referrers of %1 in %2: %3").arg(m_subject.toString(), m_repository, error));
        m_viaApi = true;
        emitSuccess();
    });
    call->start();
}

void ListReferrersJob::readFallback()
{
    auto *job = addSubjob(new FetchManifestJob(m_client, m_repository, fallbackTag(m_subject), this));
    connect(job, &Job::finished, this, [this, job] {
        if (isFinished())
            return;
        if (job->error().code == Error::Code::NotFound)
            return emitSuccess();
        if (job->error().isError())
            return emitError(job->error());
        if (!job->manifest().isIndex())
            return emitError(Error::Code::BadResponse,
                QStringLiteral("%1:%2 should be the referrers index of %3, but is not an index")
                    .arg(m_repository, fallbackTag(m_subject), m_subject.toString()));
        m_fallback = job->manifest();
        QString error;
        if (!take(job->manifest().raw(), &error))
            return emitError(Error::Code::BadResponse, error);
        emitSuccess();
    });
    job->start();
}

bool ListReferrersJob::take(const QByteArray &indexJson, QString *error)
{
    QString parseError;
    const std::optional<Manifest> index = Manifest::parse(indexJson, MediaType::OciIndex, &parseError);
    if (!index || !index->isIndex()) {
        *error = QStringLiteral("not a referrers index: %1").arg(parseError);
        return false;
    }
    m_referrers = index->manifests();
    m_json = QJsonDocument::fromJson(indexJson).object().value(QStringLiteral("manifests")).toArray();
    return true;
}

} // namespace crossdock
