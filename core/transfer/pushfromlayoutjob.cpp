#include "core/transfer/pushfromlayoutjob.h"

#include "core/net/lowdelay.h"
#include "core/net/replyutil.h"
#include "core/registry/pushmanifestjob.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace crossdock {

PushFromLayoutJob::PushFromLayoutJob(const QString &layoutDirectory, const QString &layoutReference, RegistryClient *destination,
                                     const ImageReference &destinationRef, QObject *parent)
    : Job(parent)
    , m_directory(layoutDirectory)
    , m_layoutReference(layoutReference)
    , m_destination(destination)
    , m_destinationRef(destinationRef)
{
}

void PushFromLayoutJob::doStart()
{
    QString error;
    m_layout = OciLayout::open(m_directory, false, &error);
    if (!m_layout)
        return emitError(Error::Code::InvalidInput, error);
    const auto top = m_layout->resolve(m_layoutReference, &error);
    if (!top)
        return emitError(Error::Code::NotFound, error);
    if (!collect(*top, 0, &error))
        return emitError(Error::Code::BadResponse, error);
    nextBlob();
}

bool PushFromLayoutJob::collect(const Descriptor &descriptor, int depth, QString *error)
{
    const auto bytes = m_layout->readBlob(descriptor.digest, Manifest::MaxSize, error);
    if (!bytes)
        return false;
    auto manifest = Manifest::parse(*bytes, descriptor.mediaType, error);
    if (!manifest) {
        *error = QStringLiteral("manifest %1 in %2: %3").arg(descriptor.digest.toString(), m_directory, *error);
        return false;
    }
    if (manifest->isIndex()) {
        if (depth >= 4) {
            *error = QStringLiteral("indexes nested too deep in %1").arg(m_directory);
            return false;
        }
        for (const Descriptor &child : manifest->manifests())
            if (!collect(child, depth + 1, error))
                return false;
    } else {
        QList<Descriptor> blobs{manifest->config()};
        blobs << manifest->layers();
        for (const Descriptor &blob : std::as_const(blobs)) {
            if (blob.isNonDistributable() || m_seen.contains(blob.digest.toString()))
                continue;
            if (!m_layout->hasBlob(blob.digest, blob.size)) {
                *error = QStringLiteral("blob %1 is missing from %2 or has the wrong size").arg(blob.digest.toString(), m_directory);
                return false;
            }
            m_seen.insert(blob.digest.toString());
            m_blobs << blob;
            m_totalBytes += std::max<qint64>(0, blob.size);
        }
    }
    m_manifests << *manifest; // children before parents
    return true;
}

void PushFromLayoutJob::doCancel()
{
    cancelWork(m_work, this);
}

void PushFromLayoutJob::fail(const Error &error)
{
    if (isFinished())
        return;
    emitError(error);
    doCancel();
}

void PushFromLayoutJob::nextBlob()
{
    Q_EMIT progress(m_doneBytes, m_totalBytes);
    if (m_blobs.isEmpty()) {
        m_pushIndex = 0;
        return pushNextManifest();
    }
    uploadBlob(m_blobs.takeFirst());
}

void PushFromLayoutJob::uploadBlob(const Descriptor &blob)
{
    const QString repository = m_destinationRef.repository();
    const QStringList scopes{QStringLiteral("repository:%1:pull,push").arg(repository)};
    const QString subject = QStringLiteral("blob %1 -> %2").arg(blob.digest.toString(), m_destinationRef.toString());
    RegistryRequest head;
    head.method = "HEAD";
    head.path = QStringLiteral("/v2/%1/blobs/%2").arg(repository, blob.digest.toString());
    head.scopes = scopes;
    auto *check = m_destination->call(head, this);
    m_work << check;
    connect(check, &Job::finished, this, [=, this] {
        if (check->error().isError())
            return fail(check->error());
        if (check->response().status == 200) {
            ++m_result.blobsSkipped;
            m_doneBytes += blob.size;
            return nextBlob();
        }
        RegistryRequest post;
        post.method = "POST";
        post.path = QStringLiteral("/v2/%1/blobs/uploads/").arg(repository);
        post.scopes = scopes;
        auto *session = m_destination->call(post, this);
        m_work << session;
        connect(session, &Job::finished, this, [=, this] {
            if (session->error().isError())
                return fail(session->error());
            const HttpResponse &response = session->response();
            if (response.status != 202)
                return fail(errorForResponse(response, subject, m_destination->host()));
            QUrl url;
            if (const Error refused = m_destination->uploadLocation(response, &url); refused.isError())
                return fail(refused);
            QUrlQuery query(url);
            query.addQueryItem(QStringLiteral("digest"), blob.digest.toString());
            url.setQuery(query);
            m_destination->authorize(scopes, false, this, [=, this](const QByteArray &authorization, const Error &authError) {
                if (authError.isError())
                    return fail(authError);
                auto *file = new QFile(m_layout->blobPath(blob.digest), this);
                if (!file->open(QIODevice::ReadOnly))
                    return fail(Error::make(Error::Code::Io, QStringLiteral("cannot read %1: %2").arg(file->fileName(), file->errorString())));
                QNetworkRequest request = m_destination->newRequest(url, authorization);
                request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/octet-stream"));
                request.setHeader(QNetworkRequest::ContentLengthHeader, file->size());
                request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
                QNetworkReply *put = m_destination->network()->put(request, file);
                disableNagleWhenConnecting(put);
                m_work << put;
                connect(put, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
                    Q_EMIT progress(m_doneBytes + sent, m_totalBytes);
                });
                connect(put, &QNetworkReply::finished, this, [=, this] {
                    put->deleteLater();
                    file->deleteLater();
                    const int status = put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    if (status == 0)
                        return fail(errorForNetworkFailure(put->error(), put->errorString(), {}, m_destination->host()));
                    if (status != 201) {
                        HttpResponse failed;
                        failed.status = status;
                        failed.body = put->read(RegistryCall::MaxErrorBody);
                        // The registry checks the digest: a corrupt local blob fails here.
                        return fail(errorForResponse(failed, subject, m_destination->host()));
                    }
                    ++m_result.blobsStreamed;
                    m_result.bytesStreamed += blob.size;
                    m_doneBytes += blob.size;
                    nextBlob();
                });
            });
        });
        session->start();
    });
    check->start();
}

void PushFromLayoutJob::pushNextManifest()
{
    const bool isTop = m_pushIndex == m_manifests.size() - 1;
    const Manifest &manifest = m_manifests.at(m_pushIndex);
    const QString reference = !isTop ? manifest.digest().toString()
        : (!m_destinationRef.tag().isEmpty() ? m_destinationRef.tag() : manifest.digest().toString());
    auto *job = new PushManifestJob(m_destination, m_destinationRef.repository(), reference, manifest, this);
    m_work << job;
    connect(job, &Job::finished, this, [this, job, isTop] {
        if (isFinished())
            return;
        if (job->error().isError())
            return fail(job->error());
        ++m_result.manifestsPushed;
        if (isTop) {
            m_result.digest = m_manifests.last().digest();
            return emitSuccess();
        }
        ++m_pushIndex;
        pushNextManifest();
    });
    job->start();
}

} // namespace crossdock
