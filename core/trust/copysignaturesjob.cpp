// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/copysignaturesjob.h"

#include "core/registry/fetchmanifestjob.h"
#include "core/registry/pushmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/transfer/copyimagejob.h"
#include "core/transports/docker/dockerimagereader.h"
#include "core/transports/docker/dockerimagewriter.h"
#include "core/trust/sigstoresignature.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace crossdock {

namespace {

ImageReference referenceIn(const RegistryOrigin &origin, const QString &tagOrDigest)
{
    const QChar separator = tagOrDigest.contains(QLatin1Char(':')) ? QLatin1Char('@') : QLatin1Char(':');
    return ImageReference::parse(origin.client->host() + QLatin1Char('/') + origin.repository + separator + tagOrDigest);
}

// A signature layer is the same signature when its payload and annotations are.
bool sameLayer(const QJsonObject &a, const QJsonObject &b)
{
    return a.value(QStringLiteral("digest")) == b.value(QStringLiteral("digest"))
        && a.value(QStringLiteral("annotations")) == b.value(QStringLiteral("annotations"));
}

} // namespace

CopySignaturesJob::CopySignaturesJob(const RegistryOrigin &source, const RegistryOrigin &destination,
    QList<Digest> kept, QList<Digest> changed, const Engine &engine, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_destination(destination)
    , m_kept(std::move(kept))
    , m_changed(std::move(changed))
    , m_engine(engine)
{
}

void CopySignaturesJob::doStart()
{
    checkChanged(0);
}

void CopySignaturesJob::checkChanged(int index)
{
    if (index == m_changed.size())
        return copyNext(0);
    const Digest digest = m_changed.at(index);
    auto *job = addSubjob(new FetchManifestJob(m_source.client, m_source.repository, Sigstore::attachmentTag(digest), this));
    connect(job, &Job::finished, this, [this, job, index, digest] {
        if (isFinished())
            return;
        if (job->error().code == Error::Code::NotFound)
            return checkChanged(index + 1);
        if (job->error().isError())
            return emitError(job->error());
        emitError(Error::Code::Unsupported,
            QStringLiteral("manifest %1 is signed (%2), and converting it changes its digest, which would invalidate "
                           "the signatures; copy with --remove-signatures to leave them behind")
                .arg(digest.toString(), Sigstore::attachmentTag(digest)));
    });
    job->start();
}

void CopySignaturesJob::copyNext(int index)
{
    if (index == m_kept.size())
        return emitSuccess();
    const QString tag = Sigstore::attachmentTag(m_kept.at(index));
    auto *job = addSubjob(new FetchManifestJob(m_source.client, m_source.repository, tag, this));
    connect(job, &Job::finished, this, [this, job, index] {
        if (isFinished())
            return;
        if (job->error().code == Error::Code::NotFound)
            return copyNext(index + 1); // not signed
        if (job->error().isError())
            return emitError(job->error());
        onSourceAttachment(index, job->manifest());
    });
    job->start();
}

void CopySignaturesJob::onSourceAttachment(int index, const Manifest &source)
{
    QString error;
    const int signatures = static_cast<int>(Sigstore::signaturesIn(source, &error).size());
    if (!error.isEmpty())
        return emitError(Error::Code::BadResponse,
            QStringLiteral("the source's %1 is not a signature attachment: %2")
                .arg(Sigstore::attachmentTag(m_kept.at(index)), error));
    const QString tag = Sigstore::attachmentTag(m_kept.at(index));
    auto *job = addSubjob(new FetchManifestJob(m_destination.client, m_destination.repository, tag, this));
    connect(job, &Job::finished, this, [this, job, index, source, tag, signatures] {
        if (isFinished())
            return;
        if (job->error().code == Error::Code::NotFound) {
            startSubjob(copyAttachment(source, tag), [this, index, signatures](Job *) {
                m_added += signatures;
                copyNext(index + 1);
            });
            return;
        }
        if (job->error().isError())
            return emitError(job->error());
        if (job->manifest().digest() == source.digest())
            return copyNext(index + 1); // there already
        merge(index, source, job->manifest());
    });
    job->start();
}

void CopySignaturesJob::merge(int index, const Manifest &source, const Manifest &existing)
{
    QJsonObject merged = QJsonDocument::fromJson(existing.raw()).object();
    QJsonArray layers = merged.value(QStringLiteral("layers")).toArray();
    const QJsonArray incoming = QJsonDocument::fromJson(source.raw()).object().value(QStringLiteral("layers")).toArray();
    int added = 0;
    for (const QJsonValue &layer : incoming) {
        const bool present = std::any_of(layers.begin(), layers.end(),
            [&](const QJsonValue &have) { return sameLayer(have.toObject(), layer.toObject()); });
        if (!present) {
            layers.append(layer);
            ++added;
        }
    }
    if (added == 0)
        return copyNext(index + 1); // every signature is there already
    merged.insert(QStringLiteral("layers"), layers);
    QString error;
    const std::optional<Manifest> manifest
        = Manifest::parse(QJsonDocument(merged).toJson(QJsonDocument::Compact), existing.mediaType(), &error);
    if (!manifest)
        return emitError(Error::Code::BadResponse,
            QStringLiteral("cannot add signatures to the destination's attachment: %1").arg(error));
    // The new payloads first (by digest: no tag moves yet), then the merged
    // attachment under the tag.
    const QString tag = Sigstore::attachmentTag(m_kept.at(index));
    startSubjob(copyAttachment(source, source.digest().toString()), [this, index, tag, added, manifest](Job *) {
        startSubjob(new PushManifestJob(m_destination.client, m_destination.repository, tag, *manifest, this),
            [this, index, added](Job *) {
                m_added += added;
                copyNext(index + 1);
            });
    });
}

Job *CopySignaturesJob::copyAttachment(const Manifest &attachment, const QString &destinationReference)
{
    auto *reader = new DockerImageReader(m_source.client, referenceIn(m_source, attachment.digest().toString()));
    auto *writer = new DockerImageWriter(m_destination.client, referenceIn(m_destination, destinationReference),
        m_engine.locations);
    CopyOptions options;
    options.preserveDigests = true;
    options.removeSignatures = true; // an attachment has none of its own
    auto *copy = new CopyImageJob(reader, writer, options, m_engine.limiter, m_engine.flights, this);
    copy->setRetryPolicy(m_engine.retry);
    copy->setBlobLocationCache(m_engine.locations);
    reader->setParent(copy);
    writer->setParent(copy);
    return copy;
}

} // namespace crossdock
