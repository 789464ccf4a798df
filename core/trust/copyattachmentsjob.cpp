// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/copyattachmentsjob.h"

#include "core/image/mediatypes.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/pushmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/registry/resolvedigestjob.h"
#include "core/transfer/copyimagejob.h"
#include "core/transports/docker/dockerimagereader.h"
#include "core/transports/docker/dockerimagewriter.h"
#include "core/trust/listreferrersjob.h"
#include "core/trust/sigstoresignature.h"

#include <QJsonDocument>
#include <QSet>

namespace crossdock {

namespace {

ImageReference referenceIn(const RegistryOrigin &origin, const QString &tagOrDigest)
{
    const QChar separator = tagOrDigest.contains(QLatin1Char(':')) ? QLatin1Char('@') : QLatin1Char(':');
    return ImageReference::parse(origin.client->host() + QLatin1Char('/') + origin.repository + separator + tagOrDigest);
}

// An attachment's layer is the same one when its blob and annotations are.
bool sameLayer(const QJsonObject &a, const QJsonObject &b)
{
    return a.value(QStringLiteral("digest")) == b.value(QStringLiteral("digest"))
        && a.value(QStringLiteral("annotations")) == b.value(QStringLiteral("annotations"));
}

QSet<QString> digestsIn(const QJsonArray &descriptors)
{
    QSet<QString> digests;
    for (const QJsonValue &descriptor : descriptors)
        digests.insert(descriptor.toObject().value(QStringLiteral("digest")).toString());
    return digests;
}

} // namespace

CopyAttachmentsJob::CopyAttachmentsJob(const RegistryOrigin &source, const RegistryOrigin &destination,
    QList<Digest> kept, QList<Digest> changed, What what, const Engine &engine, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_destination(destination)
    , m_kept(std::move(kept))
    , m_changed(std::move(changed))
    , m_what(what)
    , m_engine(engine)
{
}

void CopyAttachmentsJob::doStart()
{
    QStringList suffixes;
    if (m_what.signatures)
        suffixes << QStringLiteral("sig");
    if (m_what.referrers)
        suffixes << QStringLiteral("att") << QStringLiteral("sbom");
    for (const Digest &subject : std::as_const(m_kept)) {
        for (const QString &suffix : std::as_const(suffixes))
            m_tasks << [this, subject, suffix] { copyTag(subject, suffix); };
        if (m_what.referrers)
            m_tasks << [this, subject] { copyReferrers(subject); };
    }
    if (!m_what.signatures)
        m_changed.clear();
    checkChanged(0);
}

void CopyAttachmentsJob::runNext()
{
    if (m_tasks.isEmpty())
        return emitSuccess();
    const std::function<void()> task = m_tasks.takeFirst();
    task();
}

void CopyAttachmentsJob::checkChanged(int index)
{
    if (index == m_changed.size())
        return runNext();
    const Digest digest = m_changed.at(index);
    auto *job = addSubjob(new ResolveDigestJob(m_source.client, m_source.repository, Sigstore::attachmentTag(digest), this));
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

void CopyAttachmentsJob::copyTag(const Digest &subject, const QString &suffix)
{
    // HEADs first: nothing attached (the common case) and the same
    // attachment at both ends (a repeated copy or sync) cost no download.
    const QString tag = Sigstore::attachmentTag(subject, suffix);
    auto *atSource = addSubjob(new ResolveDigestJob(m_source.client, m_source.repository, tag, this));
    connect(atSource, &Job::finished, this, [this, atSource, tag, suffix] {
        if (isFinished())
            return;
        if (atSource->error().code == Error::Code::NotFound)
            return runNext(); // nothing attached under this tag
        if (atSource->error().isError())
            return emitError(atSource->error());
        const Digest sourceDigest = atSource->digest();
        auto *atDestination = addSubjob(new ResolveDigestJob(m_destination.client, m_destination.repository, tag, this));
        connect(atDestination, &Job::finished, this, [this, atDestination, tag, suffix, sourceDigest] {
            if (isFinished())
                return;
            if (atDestination->error().isError() && atDestination->error().code != Error::Code::NotFound)
                return emitError(atDestination->error());
            if (!atDestination->error().isError() && atDestination->digest() == sourceDigest)
                return runNext(); // there already
            fetchTag(tag, suffix == QLatin1String("sig"));
        });
        atDestination->start();
    });
    atSource->start();
}

void CopyAttachmentsJob::fetchTag(const QString &tag, bool isSignature)
{
    auto *job = addSubjob(new FetchManifestJob(m_source.client, m_source.repository, tag, this));
    connect(job, &Job::finished, this, [this, job, tag, isSignature] {
        if (isFinished())
            return;
        if (job->error().code == Error::Code::NotFound)
            return runNext(); // removed since the HEAD
        if (job->error().isError())
            return emitError(job->error());
        const Manifest source = job->manifest();
        if (isSignature) {
            QString error;
            Sigstore::signaturesIn(source, &error);
            if (!error.isEmpty())
                return emitError(Error::Code::BadResponse,
                    QStringLiteral("the source's %1 is not a signature attachment crossdock copies (%2); copy with "
                                   "--remove-signatures to leave it behind")
                        .arg(tag, error));
        }
        auto *existing = addSubjob(new FetchManifestJob(m_destination.client, m_destination.repository, tag, this));
        connect(existing, &Job::finished, this, [this, existing, source, tag, isSignature] {
            if (isFinished())
                return;
            if (existing->error().code == Error::Code::NotFound) {
                startSubjob(copyManifest(source.digest(), tag), [this, source, isSignature](Job *) {
                    (isSignature ? m_signatures : m_artifacts) += static_cast<int>(source.layers().size());
                    runNext();
                });
                return;
            }
            if (existing->error().isError())
                return emitError(existing->error());
            if (existing->manifest().digest() == source.digest())
                return runNext(); // there already
            mergeTag(tag, source, existing->manifest(), isSignature);
        });
        existing->start();
    });
    job->start();
}

void CopyAttachmentsJob::mergeTag(const QString &tag, const Manifest &source, const Manifest &existing, bool isSignature)
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
        return runNext(); // everything is there already
    merged.insert(QStringLiteral("layers"), layers);
    QString error;
    const std::optional<Manifest> manifest
        = Manifest::parse(QJsonDocument(merged).toJson(QJsonDocument::Compact), existing.mediaType(), &error);
    if (!manifest)
        return emitError(Error::Code::BadResponse,
            QStringLiteral("cannot add to the destination's %1: %2").arg(tag, error));
    // The new blobs first (the source's attachment by digest: no tag moves
    // yet), then the merged attachment under the tag.
    startSubjob(copyManifest(source.digest(), source.digest().toString()), [this, tag, added, manifest, isSignature](Job *) {
        startSubjob(new PushManifestJob(m_destination.client, m_destination.repository, tag, *manifest, this),
            [this, added, isSignature](Job *) {
                (isSignature ? m_signatures : m_artifacts) += added;
                runNext();
            });
    });
}

void CopyAttachmentsJob::copyReferrers(const Digest &subject)
{
    auto *atSource = new ListReferrersJob(m_source.client, m_source.repository, subject, this);
    startSubjob(atSource, [this, subject](ListReferrersJob *source) {
        if (source->referrers().isEmpty())
            return runNext();
        const QJsonArray wanted = source->descriptorJson();
        startSubjob(new ListReferrersJob(m_destination.client, m_destination.repository, subject, this),
            [this, subject, wanted](ListReferrersJob *destination) {
                const QSet<QString> there = digestsIn(destination->descriptorJson());
                QJsonArray missing;
                for (const QJsonValue &descriptor : wanted)
                    if (!there.contains(descriptor.toObject().value(QStringLiteral("digest")).toString()))
                        missing.append(descriptor);
                if (missing.isEmpty())
                    return runNext(); // every referrer is listed there already
                const QJsonObject existing = destination->fallbackIndex()
                    ? QJsonDocument::fromJson(destination->fallbackIndex()->raw()).object()
                    : QJsonObject();
                copyMissingReferrers(subject, missing, destination->descriptorJson(), destination->viaApi(), existing);
            });
    });
}

void CopyAttachmentsJob::copyMissingReferrers(const Digest &subject, QJsonArray missing, QJsonArray index,
    bool destinationHasApi, const QJsonObject &existingIndex)
{
    if (!missing.isEmpty()) {
        const QJsonObject descriptor = missing.first().toObject();
        missing.removeFirst();
        const Digest digest = Digest::parse(descriptor.value(QStringLiteral("digest")).toString());
        if (!digest.isValid())
            return emitError(Error::Code::BadResponse,
                QStringLiteral("a referrer of %1 has no valid digest").arg(subject.toString()));
        startSubjob(copyManifest(digest, digest.toString()),
            [this, subject, missing, index, destinationHasApi, existingIndex, descriptor](Job *) mutable {
                ++m_artifacts;
                index.append(descriptor);
                copyMissingReferrers(subject, missing, index, destinationHasApi, existingIndex);
            });
        return;
    }
    // A registry with the referrers API lists them itself; elsewhere the
    // tag schema's index is what clients read: write it with the new ones.
    if (destinationHasApi)
        return runNext();
    QJsonObject updated = existingIndex.isEmpty()
        ? QJsonObject {{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), MediaType::OciIndex}}
        : existingIndex;
    updated.insert(QStringLiteral("manifests"), index);
    QString error;
    const std::optional<Manifest> manifest
        = Manifest::parse(QJsonDocument(updated).toJson(QJsonDocument::Compact), MediaType::OciIndex, &error);
    if (!manifest)
        return emitError(Error::Code::BadResponse,
            QStringLiteral("cannot write the referrers index of %1: %2").arg(subject.toString(), error));
    startSubjob(new PushManifestJob(m_destination.client, m_destination.repository, ListReferrersJob::fallbackTag(subject),
                    *manifest, this),
        [this](Job *) { runNext(); });
}

Job *CopyAttachmentsJob::copyManifest(const Digest &digest, const QString &destinationReference)
{
    auto *reader = new DockerImageReader(m_source.client, referenceIn(m_source, digest.toString()));
    auto *writer = new DockerImageWriter(m_destination.client, referenceIn(m_destination, destinationReference),
        m_engine.locations);
    CopyOptions options;
    options.preserveDigests = true;
    options.removeSignatures = true; // an attachment travels alone
    auto *copy = new CopyImageJob(reader, writer, options, m_engine.limiter, m_engine.flights, this);
    copy->setRetryPolicy(m_engine.retry);
    copy->setBlobLocationCache(m_engine.locations);
    reader->setParent(copy);
    writer->setParent(copy);
    return copy;
}

} // namespace crossdock
