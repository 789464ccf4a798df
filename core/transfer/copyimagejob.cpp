// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/copyimagejob.h"

#include "core/trust/checkpolicyjob.h"
#include "core/trust/copyattachmentsjob.h"
#include "core/trust/signimagejob.h"
#include "core/trust/lookasideconfig.h"
#include "core/trust/lookasidesignatures.h"
#include "core/trust/simplesigning.h"
#include "core/base/runinpool.h"
#include "core/registry/registryclient.h"

#include "core/net/retrypolicy.h"
#include "core/transfer/blobflights.h"
#include "core/transfer/bloblocationcache.h"
#include "core/transfer/plancopyjob.h"
#include "core/transfer/streamlimiter.h"
#include "core/transports/imagereader.h"
#include "core/transports/imagewriter.h"
#include "core/transports/transcodingblobstream.h"

#include <QTimer>

namespace crossdock {

QString CopyResult::attachmentsAdded() const
{
    QStringList added;
    if (const int signatures = signaturesCopied + gpgSignaturesWritten)
        added << QStringLiteral("%1 signature(s)").arg(signatures);
    if (artifactsCopied > 0)
        added << QStringLiteral("%1 attachment(s)").arg(artifactsCopied);
    return added.isEmpty() ? QString() : added.join(QStringLiteral(" and ")) + QStringLiteral(" added");
}

bool CopyOptions::parsePlatforms(const QString &text, QList<Platform> *out, QString *error)
{
    out->clear();
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const Platform p = Platform::fromString(part);
        if (p.isEmpty()) {
            *error = QStringLiteral("invalid platform \"%1\": expected os/arch[/variant], e.g. linux/arm64/v8")
                         .arg(part.trimmed());
            return false;
        }
        *out << p;
    }
    if (out->isEmpty()) {
        *error = QStringLiteral("--platform needs at least one os/arch");
        return false;
    }
    return true;
}

CopyImageJob::CopyImageJob(ImageReader *source, ImageWriter *destination, const CopyOptions &options,
    StreamLimiter *limiter, BlobFlights *flights, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_destination(destination)
    , m_options(options)
    , m_limiter(limiter)
    , m_flights(flights)
{
}

CopyImageJob::~CopyImageJob()
{
    for (const QString &slot : std::as_const(m_recompressSlots)) {
        Q_UNUSED(slot)
        m_limiter->release(StreamLimiter::RecompressKey);
    }
    // Whoever waits for a blob this copy was moving tries for itself.
    if (m_flights)
        for (const QString &key : std::as_const(m_claimed))
            m_flights->land(key);
}

ManifestConversion::Format CopyImageJob::targetFormat() const
{
    switch (m_destination->formats()) {
    case ImageWriter::Formats::OciOnly:
        return ManifestConversion::Format::Oci;
    case ImageWriter::Formats::DockerSchema2Only:
        return ManifestConversion::Format::DockerSchema2;
    case ImageWriter::Formats::Any:
        break;
    }
    if (m_options.format != ManifestConversion::Format::Keep)
        return m_options.format;
    // zstd layers exist in OCI manifests only (skopeo converts too).
    if (m_options.layerCompression && m_options.layerCompression->kind == LayerCompression::Kind::Zstd)
        return ManifestConversion::Format::Oci;
    return ManifestConversion::Format::Keep;
}

void CopyImageJob::doStart()
{
    if (m_options.attachmentsOnlyOf)
        return copyAttachmentsOnly(*m_options.attachmentsOnlyOf);
    CopyOptions options = m_options;
    if (!m_destination->holdsIndexes() && options.multiArch == CopyOptions::MultiArch::All && options.platforms.isEmpty())
        options.multiArch = CopyOptions::MultiArch::System; // one image fits: this system's, as skopeo takes
    startSubjob(new PlanCopyJob(m_source, options, this), [this](PlanCopyJob *job) { onPlanned(job->plan()); });
}

void CopyImageJob::onPlanned(const CopyPlan &plan)
{
    m_plan = plan;
    if (m_options.signWith && !m_destination->registryTarget().isValid())
        return emitError(Error::Code::Unsupported,
            QStringLiteral("%1 cannot hold a sigstore signature: signing needs a registry destination")
                .arg(m_destination->describe()));
    if (!m_options.signByGpgKey.isEmpty() && !m_destination->registryTarget().isValid())
        return emitError(Error::Code::Unsupported,
            QStringLiteral("%1 cannot hold a GPG signature: --sign-by needs a registry destination (its signatures "
                           "go to the registries.d lookaside)")
                .arg(m_destination->describe()));
    if (!m_options.signByGpgKey.isEmpty() && !m_options.lookaside)
        return emitError(Error::Code::Unsupported,
            QStringLiteral("cannot sign %1 with GPG: no registries.d configuration says where its signatures go")
                .arg(m_destination->describe()));
    if (!m_policy)
        return readGpgSignatures();
    startSubjob(new CheckPolicyJob(m_policy, m_policySource, m_source->registryOrigin(), m_plan.sourceDigest, this),
        [this](CheckPolicyJob *job) {
            m_result.signaturesVerified = job->verifiedSignatures();
            readGpgSignatures();
        });
}

ImageReference CopyImageJob::lookasideName(const TransportReference &given, const RegistryOrigin &origin) const
{
    if (given.isRegistry())
        return given.image();
    return ImageReference::parse(origin.client->host() + QLatin1Char('/') + origin.repository);
}

void CopyImageJob::readGpgSignatures()
{
    // Between registries only, as the sigstore attachments travel.
    const RegistryOrigin from = m_source->registryOrigin();
    if (m_options.removeSignatures || !m_options.lookaside || !from.isValid() || !m_destination->registryTarget().isValid())
        return planConversions();
    const QUrl base = m_options.lookaside->base(lookasideName(m_sourceName, from), false);
    startSubjob(new ReadLookasideJob(from.client->network(), base, m_plan.sourceDigest, this),
        [this](ReadLookasideJob *job) {
            m_gpgSignatures = job->signatures();
            planConversions();
        });
}

void CopyImageJob::planConversions()
{
    if (m_plan.top->isIndex() && !m_destination->holdsIndexes())
        return emitError(Error::Code::Unsupported,
            QStringLiteral("%1 holds one image, not an index; choose one with --multi-arch system or --platform")
                .arg(m_destination->describe()));
    // The destination's format: anything it cannot store as it is must be
    // rewritten (which changes digests), or refused.
    const ManifestConversion::Format format = targetFormat();
    if (m_options.format != ManifestConversion::Format::Keep && format != m_options.format)
        return emitError(Error::Code::Unsupported,
            QStringLiteral("%1 stores %2 manifests only; --format asks for another").arg(m_destination->describe(),
                format == ManifestConversion::Format::Oci ? QStringLiteral("OCI") : QStringLiteral("Docker schema 2")));
    for (const Manifest &manifest : m_plan.manifestsInOrder()) {
        if (ManifestConversion::isIn(manifest, format))
            continue;
        if (m_options.preserveDigests)
            return emitError(Error::Code::Unsupported,
                QStringLiteral("%1 cannot store %2 (%3) as it is, and --preserve-digests forbids converting it")
                    .arg(m_destination->describe(), m_source->describe(), manifest.mediaType()));
        const QString formatName = format == ManifestConversion::Format::Oci ? QStringLiteral("OCI") : QStringLiteral("Docker schema 2");
        m_result.conversion = m_destination->formats() != ImageWriter::Formats::Any
            ? QStringLiteral("%1 stores %2 manifests only: converted from %3")
                  .arg(m_destination->describe(), formatName, manifest.mediaType())
            : QStringLiteral("manifests converted to %1 from %2").arg(formatName, manifest.mediaType());
        break;
    }
    if (!m_options.layerCompression) {
        if (!m_result.conversion.isEmpty())
            m_result.conversion += QStringLiteral("; the digest changed");
        return startBlobs();
    }
    startSubjob(new PlanLayerConversionJob(m_source, m_plan, m_options, format, this), [this](PlanLayerConversionJob *job) {
        m_conversions = job->conversions();
        if (!m_conversions.isEmpty() && m_options.preserveDigests)
            return emitError(Error::Code::Unsupported,
                QStringLiteral("recompressing %1 layer(s) changes digests, which --preserve-digests forbids").arg(m_conversions.size()));
        if (!m_conversions.isEmpty() && !m_destination->takesMadeBlobs())
            return emitError(Error::Code::Unsupported,
                QStringLiteral("%1 cannot take recompressed layers yet").arg(m_destination->describe()));
        QStringList notes;
        if (!m_result.conversion.isEmpty())
            notes << m_result.conversion;
        if (!m_conversions.isEmpty())
            notes << QStringLiteral("%1 layer(s) %2").arg(m_conversions.size()).arg(m_options.layerCompression->describe());
        if (!notes.isEmpty())
            m_result.conversion = notes.join(QStringLiteral("; ")) + QStringLiteral("; the digest changed");
        startBlobs();
    });
}

void CopyImageJob::startBlobs()
{
    m_blobsLeft = static_cast<int>(m_plan.blobs.size());
    for (const Descriptor &blob : std::as_const(m_plan.blobs))
        m_blobDone.insert(blob.digest.toString(), 0);
    reportProgress();
    if (m_blobsLeft == 0)
        return writeManifests();
    m_queue = m_plan.blobs;
    const int capacity = m_destination->maxConcurrentBlobs() > 0 ? m_destination->maxConcurrentBlobs()
                                                              : static_cast<int>(m_queue.size());
    while (m_running < capacity && !m_queue.isEmpty()) {
        ++m_running;
        startBlob(m_queue.takeFirst());
    }
}

void CopyImageJob::releaseSlot()
{
    --m_running;
    if (!m_queue.isEmpty() && !isFinished()) {
        ++m_running;
        startBlob(m_queue.takeFirst());
    }
}

void CopyImageJob::startBlob(const Descriptor &blob)
{
    const QString key = m_destination->streamKey();
    const auto converting = m_conversions.constFind(blob.digest.toString());
    const bool converts = converting != m_conversions.constEnd();
    // One transfer per blob (and conversion) and destination at a time, across copies.
    const QString flight = BlobFlights::key(key, blob.digest.toString() + (converts ? QLatin1Char('>') + converting->target.key() : QString()));
    if (m_flights && !m_claimed.contains(flight)) {
        if (!m_flights->claim(flight, this, [this, blob] {
                if (!isFinished())
                    startBlob(blob);
            }))
            return;
        m_claimed.insert(flight);
        m_flightOf.insert(blob.digest.toString(), flight);
    }
    if (converts && !m_recompressSlots.contains(blob.digest.toString())) {
        // A recompression slot first (CPU and memory), then the stream's.
        m_limiter->acquire(StreamLimiter::RecompressKey, this, [this, blob] {
            m_recompressSlots.insert(blob.digest.toString());
            if (isFinished())
                return releaseRecompressSlot(blob);
            startBlob(blob);
        });
        return;
    }
    m_limiter->acquire(key, this, [this, blob, key] {
        if (isFinished()) {
            m_limiter->release(key);
            releaseRecompressSlot(blob);
            return;
        }
        ImageReader *source = m_source;
        PutBlobJob *job = nullptr;
        const auto conversion = m_conversions.constFind(blob.digest.toString());
        if (conversion != m_conversions.constEnd()) {
            // Recompressed on its way: what it becomes is known at its end -
            // or beforehand, from an earlier conversion of the same layer
            // (the destination may then have it, or mount it).
            Descriptor made;
            made.mediaType = conversion->mediaType;
            made.size = -1;
            if (const auto known = m_locations ? m_locations->conversion(blob.digest, conversion->target.key()) : std::nullopt;
                known && known->mediaType == conversion->mediaType)
                made = *known;
            job = m_destination->putBlob(made,
                [source, blob, c = *conversion, made](QObject *parent) -> BlobStream * {
                    return new TranscodingBlobStream(source->readBlob(blob, parent), c.target, made, c.diffId, parent);
                },
                RegistryOrigin(), this);
        } else {
            job = m_destination->putBlob(
                blob, [source, blob](QObject *parent) { return source->readBlob(blob, parent); }, m_source->registryOrigin(), this);
        }
        addSubjob(job);
        const QString digest = blob.digest.toString();
        connect(job, &Job::progress, this, [this, job, blob, digest](qint64 done, qint64) {
            m_blobDone[digest] = done;
            Q_EMIT blobProgress(blob.digest, static_cast<int>(job->state()), done, blob.size);
            reportProgress();
        });
        connect(job, &PutBlobJob::stateChanged, this, [this, blob, digest](BlobState state) {
            Q_EMIT blobProgress(blob.digest, static_cast<int>(state), m_blobDone.value(digest), blob.size);
        });
        connect(job, &Job::finished, this, [this, job, key, blob] {
            m_limiter->release(key);
            releaseRecompressSlot(blob);
            onBlobFinished(job, blob);
        });
        job->start();
    });
}

void CopyImageJob::releaseRecompressSlot(const Descriptor &blob)
{
    if (m_recompressSlots.remove(blob.digest.toString()))
        m_limiter->release(StreamLimiter::RecompressKey);
}

void CopyImageJob::onBlobFinished(PutBlobJob *job, const Descriptor &blob)
{
    const QString digest = blob.digest.toString();
    const QString flight = m_flightOf.take(digest);
    if (m_flights && m_claimed.remove(flight))
        m_flights->land(flight);
    // Bytes an attempt sent count even when it did not store the blob
    // (cancelled, failed, restarted): the history says what went over the
    // wire. This runs for the blobs a cancelled copy stops, too.
    if (job->error().isError())
        m_result.bytesStreamed += m_blobDone.value(digest);
    if (isFinished())
        return;
    const auto conversion = m_conversions.constFind(digest);
    if (job->error().code == Error::Code::BadResponse && conversion != m_conversions.constEnd() && job->blob().size >= 0
        && m_locations && !isFinished()) {
        // Its result was taken from the cache and the bytes made now differ
        // (another zstd, say): forget it, and make it again as it comes.
        m_locations->forgetConversion(blob.digest, conversion->target.key());
        return startBlob(blob);
    }
    if (job->error().isError()) {
        // A stream broken by the network (reset, timeout) or a transient
        // server error restarts the blob; anything else fails the copy.
        const Error::Code code = job->error().code;
        const RetryPolicy &policy = m_retry;
        const int attempt = ++m_blobAttempts[digest];
        if ((code == Error::Code::Unreachable || code == Error::Code::Server) && attempt < policy.maxAttempts) {
            m_blobDone[digest] = 0;
            reportProgress();
            QTimer::singleShot(policy.delayMs(attempt, {}), Qt::PreciseTimer, this, [this, blob] {
                if (!isFinished())
                    startBlob(blob);
            });
            return;
        }
        return emitError(job->error());
    }
    switch (job->state()) {
    case BlobState::Skipped:
        ++m_result.blobsSkipped;
        break;
    case BlobState::Mounted:
        ++m_result.blobsMounted;
        break;
    default:
        ++m_result.blobsStreamed;
        m_result.bytesStreamed += job->bytesStreamed();
        break;
    }
    const Descriptor &written = job->written();
    if (conversion != m_conversions.constEnd() && m_locations)
        m_locations->recordConversion(blob.digest, conversion->target.key(), written);
    if (written.digest != blob.digest || written.size != blob.size
        || (!written.mediaType.isEmpty() && written.mediaType != blob.mediaType))
        m_written.insert(digest, written);
    m_blobDone[digest] = std::max<qint64>(0, blob.size);
    reportProgress();
    releaseSlot();
    if (--m_blobsLeft == 0)
        writeManifests();
}

void CopyImageJob::reportProgress()
{
    qint64 done = 0;
    for (qint64 bytes : std::as_const(m_blobDone))
        done += bytes;
    Q_EMIT progress(done, m_plan.totalBytes());
}

void CopyImageJob::writeManifests()
{
    // Children first: an index names its children by the digests they get.
    const ManifestConversion::Format format = targetFormat();
    ManifestConversion::Replacements replacements = m_written;
    m_toWrite.clear();
    for (const Manifest &manifest : m_plan.manifestsInOrder()) {
        QString error;
        const auto rewritten = ManifestConversion::rewrite(manifest, format, replacements, &error);
        if (!rewritten)
            return emitError(Error::Code::Unsupported,
                QStringLiteral("%1 cannot be stored at %2: %3")
                    .arg(m_source->describe(), m_destination->describe(), error));
        if (rewritten->digest() != manifest.digest()) {
            Descriptor moved;
            moved.mediaType = rewritten->mediaType();
            moved.digest = rewritten->digest();
            moved.size = rewritten->raw().size();
            replacements.insert(manifest.digest().toString(), moved);
        }
        m_toWrite << *rewritten;
    }
    signWithGpg();
}

CopyAttachmentsJob *CopyImageJob::attachmentsJob(QList<Digest> kept, QList<Digest> changed)
{
    const RegistryOrigin from = m_source->registryOrigin();
    const RegistryOrigin to = m_destination->registryTarget();
    const CopyAttachmentsJob::What what {!m_options.removeSignatures, m_options.referrers};
    if ((!what.signatures && !what.referrers) || !from.isValid() || !to.isValid())
        return nullptr;
    const CopyAttachmentsJob::Engine engine {m_limiter, m_flights, m_locations, m_retry};
    return new CopyAttachmentsJob(from, to, std::move(kept), std::move(changed), what, engine, this);
}

void CopyImageJob::copyAttachmentsOnly(const Digest &image)
{
    const RegistryOrigin from = m_source->registryOrigin();
    const RegistryOrigin to = m_destination->registryTarget();
    if (!from.isValid() || !to.isValid())
        return emitError(Error::Code::Unsupported,
            QStringLiteral("attachments travel between registries only, not from %1 to %2")
                .arg(m_source->describe(), m_destination->describe()));
    m_result.digest = image;
    auto thenGpg = [this, from, to, image] {
        if (m_options.removeSignatures || !m_options.lookaside)
            return emitSuccess();
        const QUrl sourceBase = m_options.lookaside->base(lookasideName(m_sourceName, from), false);
        const ImageReference destinationName = lookasideName(m_destinationName, to);
        const QUrl destinationBase = m_options.lookaside->base(destinationName, true);
        startSubjob(new AddLookasideSignaturesJob(from.client->network(), sourceBase, destinationBase, image, this),
            [this](AddLookasideSignaturesJob *job) {
                m_result.gpgSignaturesWritten = job->added();
                emitSuccess();
            });
    };
    CopyAttachmentsJob *job = attachmentsJob({image}, {});
    if (!job)
        return thenGpg();
    startSubjob(job, [this, thenGpg](CopyAttachmentsJob *done) {
        m_result.signaturesCopied = done->signaturesAdded();
        m_result.artifactsCopied = done->artifactsAdded();
        thenGpg();
    });
}

void CopyImageJob::copyAttachmentsThenManifests()
{
    // Before the manifests: where a tag appears, its signatures are there.
    QList<Digest> kept, changed;
    const QList<Manifest> sources = m_plan.manifestsInOrder();
    for (qsizetype i = 0; i < sources.size(); ++i)
        (m_toWrite.at(i).digest() == sources.at(i).digest() ? kept : changed) << sources.at(i).digest();
    CopyAttachmentsJob *job = attachmentsJob(kept, changed);
    if (!job)
        return writeNext(0);
    startSubjob(job, [this](CopyAttachmentsJob *done) {
        m_result.signaturesCopied = done->signaturesAdded();
        m_result.artifactsCopied = done->artifactsAdded();
        writeNext(0);
    });
}

void CopyImageJob::writeNext(int index)
{
    const bool isTop = index == m_toWrite.size() - 1;
    Job *job = addSubjob(m_destination->putManifest(m_toWrite.at(index), isTop, this));
    connect(job, &Job::finished, this, [this, job, index, isTop] {
        if (isFinished())
            return;
        if (job->error().isError()) {
            Error error = job->error();
            if (m_plan.indexOnly)
                error.message += QStringLiteral(
                    " (with --multi-arch index-only the platform images must already be at the destination)");
            return emitError(error);
        }
        ++m_result.manifestsPushed;
        if (isTop && m_options.signWith)
            return sign();
        if (isTop)
            return writeGpgSignatures();
        writeNext(index + 1);
    });
    job->start();
}

void CopyImageJob::sign()
{
    const QString identity = m_options.signIdentity.isEmpty() ? m_destination->describe() : m_options.signIdentity;
    startSubjob(new SignImageJob(m_destination->registryTarget(), m_toWrite.last().digest(), identity, m_options.signWith,
                    m_locations, this),
        [this](Job *) {
            m_result.signedHere = true;
            writeGpgSignatures();
        });
}

void CopyImageJob::signWithGpg()
{
    // The source's GPG signatures name its digest: they cannot follow a
    // converted image.
    if (!m_gpgSignatures.isEmpty() && m_toWrite.last().digest() != m_plan.sourceDigest)
        return emitError(Error::Code::Unsupported,
            QStringLiteral("%1 has %2 GPG signature(s) that would not fit the converted image (its digest changes); "
                           "add --remove-signatures to copy it without them")
                .arg(m_source->describe())
                .arg(m_gpgSignatures.size()));
    // Before any manifest is written: a key that cannot sign (a wrong
    // passphrase) leaves no tag behind.
    if (m_options.signByGpgKey.isEmpty())
        return copyAttachmentsThenManifests();
    const QString identity = m_options.signIdentity.isEmpty() ? m_destination->describe() : m_options.signIdentity;
    const QByteArray payload = SimpleSigning::makePayload(m_toWrite.last().digest(), identity);
    struct Signed {
        QByteArray signature;
        QString error;
    };
    runInPool<Signed>(
        this,
        [payload, key = m_options.signByGpgKey, passphrase = m_options.gpgPassphrase] {
            Signed result;
            if (auto signature = SimpleSigning::sign(payload, key, passphrase, &result.error))
                result.signature = *signature;
            return result;
        },
        [this](Signed result) {
            if (result.signature.isEmpty())
                return emitError(Error::Code::InvalidInput, result.error);
            m_gpgSignatures << result.signature;
            m_result.signedHere = true;
            copyAttachmentsThenManifests();
        });
}

void CopyImageJob::writeGpgSignatures()
{
    if (m_gpgSignatures.isEmpty())
        return commit();
    const RegistryOrigin to = m_destination->registryTarget();
    const ImageReference name = lookasideName(m_destinationName, to);
    const QUrl base = m_options.lookaside->base(name, true);
    QString error;
    // A handful of small local files (the lookaside is file:// to be
    // writable), written whole and in place before the copy is reported.
    if (!Lookaside::write(base, m_toWrite.last().digest(), m_gpgSignatures, &error))
        return emitError(Error::Code::Io,
            QStringLiteral("%1: %2 (%3)").arg(m_destination->describe(), error,
                m_options.lookaside->describeSource(name, true)));
    m_result.gpgSignaturesWritten = int(m_gpgSignatures.size());
    commit();
}

void CopyImageJob::commit()
{
    startSubjob(m_destination->commit(m_toWrite.last(), this), [this](Job *) {
        m_result.digest = m_toWrite.last().digest();
        m_result.notes = m_destination->notes();
        emitSuccess();
    });
}

} // namespace crossdock
