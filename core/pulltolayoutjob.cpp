#include "pulltolayoutjob.h"

#include "fetchmanifestjob.h"
#include "lowdelay.h"
#include "registrycall.h"
#include "registryclient.h"
#include "registryerrors.h"
#include "replyutil.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace crossdock {

PullToLayoutJob::PullToLayoutJob(RegistryClient *source, const ImageReference &sourceRef, const QString &layoutDirectory,
                                 const QString &layoutReference, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_sourceRef(sourceRef)
    , m_directory(layoutDirectory)
    , m_layoutReference(layoutReference)
{
}

void PullToLayoutJob::doStart()
{
    QString error;
    m_layout = OciLayout::open(m_directory, true, &error);
    if (!m_layout)
        return emitError(Error::Code::Io, error);
    fetchManifest(m_sourceRef.manifestReference(), true, 0);
}

void PullToLayoutJob::doCancel()
{
    cancelWork(m_work, this);
}

void PullToLayoutJob::fail(const Error &error)
{
    if (isFinished())
        return;
    emitError(error);
    doCancel();
}

void PullToLayoutJob::fetchManifest(const QString &reference, bool isTop, int depth)
{
    ++m_pendingManifests;
    auto *job = new FetchManifestJob(m_source, m_sourceRef.repository(), reference, this);
    m_work << job;
    connect(job, &Job::finished, this, [this, job, isTop, depth] {
        if (isFinished())
            return;
        if (job->error().isError())
            return fail(job->error());
        const Manifest &manifest = job->manifest();
        if (manifest.kind() == Manifest::Kind::Schema1)
            return fail(Error::make(Error::Code::Unsupported, QStringLiteral("%1 is a schema 1 manifest; it cannot be copied").arg(m_sourceRef.toString())));
        if (isTop)
            m_top = manifest;
        m_manifests << manifest;
        if (manifest.isIndex()) {
            if (depth >= 4)
                return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: indexes nested too deep").arg(m_sourceRef.toString())));
            for (const Descriptor &child : manifest.manifests())
                fetchManifest(child.digest.toString(), false, depth + 1);
        } else {
            QList<Descriptor> blobs{manifest.config()};
            blobs << manifest.layers();
            for (const Descriptor &blob : std::as_const(blobs)) {
                if (blob.isNonDistributable() || m_seen.contains(blob.digest.toString()))
                    continue;
                m_seen.insert(blob.digest.toString());
                m_blobs << blob;
                m_totalBytes += std::max<qint64>(0, blob.size);
            }
        }
        if (--m_pendingManifests == 0)
            nextBlob();
    });
    job->start();
}

void PullToLayoutJob::nextBlob()
{
    while (!m_blobs.isEmpty() && m_layout->hasBlob(m_blobs.first().digest, m_blobs.first().size)) {
        m_doneBytes += std::max<qint64>(0, m_blobs.takeFirst().size);
        ++m_result.blobsSkipped;
    }
    Q_EMIT progress(m_doneBytes, m_totalBytes);
    if (m_blobs.isEmpty())
        return finishCopy();
    downloadBlob(m_blobs.takeFirst());
}

void PullToLayoutJob::downloadBlob(const Descriptor &blob)
{
    const QString finalPath = m_layout->blobPath(blob.digest);
    QDir().mkpath(QFileInfo(finalPath).absolutePath());
    auto file = std::make_shared<QFile>(finalPath + QStringLiteral(".partial"));
    if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(Error::make(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString())));
    auto hasher = std::make_shared<DigestHasher>(blob.digest.algorithm());
    auto written = std::make_shared<qint64>(0);
    const QString subject = QStringLiteral("blob %1 of %2").arg(blob.digest.toString(), m_sourceRef.toString());

    m_source->ensureReady(this, [=, this](const Error &readyError) {
        if (readyError.isError())
            return fail(readyError);
        m_source->authorize({QStringLiteral("repository:%1:pull").arg(m_sourceRef.repository())}, false, this,
                            [=, this](const QByteArray &authorization, const Error &authError) {
            if (authError.isError())
                return fail(authError);
            auto get = std::make_shared<std::function<void(const QUrl &, const QByteArray &, int)>>();
            *get = [=, this](const QUrl &url, const QByteArray &auth, int redirects) {
                QNetworkReply *reply = m_source->network()->get(m_source->newRequest(url, auth));
                reply->setReadBufferSize(1024 * 1024);
                m_work << reply;
                connect(reply, &QNetworkReply::readyRead, this, [=, this] {
                    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    if (status != 200)
                        return;
                    const QByteArray chunk = reply->readAll();
                    hasher->addData(chunk);
                    *written += chunk.size();
                    if (file->write(chunk) != chunk.size()) {
                        reply->disconnect(this);
                        reply->abort();
                        file->remove();
                        return fail(Error::make(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString())));
                    }
                    Q_EMIT progress(m_doneBytes + *written, m_totalBytes);
                });
                connect(reply, &QNetworkReply::finished, this, [=, this] {
                    reply->deleteLater();
                    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    if (status >= 300 && status < 400 && redirects < 5) {
                        const QUrl next = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
                        const auto decision = m_source->boundary().judge(CredentialBoundary::Hop::Redirect, url, next);
                        if (!decision.follow) {
                            file->remove();
                            return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(subject, decision.refusal)));
                        }
                        return (*get)(next, auth, redirects + 1);
                    }
                    if (status != 200 || reply->error() != QNetworkReply::NoError) {
                        file->remove();
                        if (status == 0 || status == 200)
                            return fail(errorForNetworkFailure(reply->error(), reply->errorString(), {}, m_source->host()));
                        HttpResponse response;
                        response.status = status;
                        response.body = reply->read(RegistryCall::MaxErrorBody);
                        return fail(errorForResponse(response, subject, m_source->host()));
                    }
                    const QByteArray rest = reply->readAll();
                    hasher->addData(rest);
                    *written += rest.size();
                    file->write(rest);
                    file->close();
                    const Digest actual = hasher->result();
                    if (actual != blob.digest || *written != blob.size) {
                        file->remove();
                        return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: received %2 bytes hashing to %3; nothing was written")
                                                                              .arg(subject).arg(*written).arg(actual.toString())));
                    }
                    QFile::remove(finalPath);
                    if (!file->rename(finalPath))
                        return fail(Error::make(Error::Code::Io, QStringLiteral("cannot rename into %1: %2").arg(finalPath, file->errorString())));
                    ++m_result.blobsStreamed;
                    m_result.bytesStreamed += *written;
                    m_doneBytes += *written;
                    nextBlob();
                });
            };
            (*get)(m_source->urlFor(QStringLiteral("/v2/%1/blobs/%2").arg(m_sourceRef.repository(), blob.digest.toString())), authorization, 0);
        });
    });
}

void PullToLayoutJob::finishCopy()
{
    QString error;
    // Manifests after their blobs, the index entry last: a reader never
    // sees a reference whose content is incomplete.
    for (const Manifest &manifest : std::as_const(m_manifests)) {
        if (!m_layout->hasBlob(manifest.digest(), manifest.raw().size()) && !m_layout->writeBlob(manifest.digest(), manifest.raw(), &error))
            return fail(Error::make(Error::Code::Io, error));
    }
    Descriptor top;
    top.mediaType = m_top->mediaType();
    top.digest = m_top->digest();
    top.size = m_top->raw().size();
    const QString name = !m_layoutReference.isEmpty() ? m_layoutReference : m_sourceRef.tag();
    if (!m_layout->tag(top, name, &error))
        return fail(Error::make(Error::Code::Io, error));
    m_result.digest = top.digest;
    m_result.manifestsPushed = static_cast<int>(m_manifests.size());
    emitSuccess();
}

} // namespace crossdock
