#include "core/transfer/copyimagejob.h"

#include "core/registry/fetchmanifestjob.h"
#include "core/registry/pushmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/transfer/blobflights.h"
#include "core/transfer/blobtransferjob.h"
#include "core/transfer/streamlimiter.h"

#include <QTimer>

namespace crossdock {

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

CopyImageJob::CopyImageJob(RegistryClient *source, const ImageReference &sourceRef, RegistryClient *destination,
    const ImageReference &destinationRef, const CopyOptions &options, StreamLimiter *limiter,
    BlobLocationCache *locations, QObject *parent, BlobFlights *flights)
    : Job(parent)
    , m_source(source)
    , m_sourceRef(sourceRef)
    , m_destination(destination)
    , m_destinationRef(destinationRef)
    , m_options(options)
    , m_limiter(limiter)
    , m_locations(locations)
    , m_flights(flights)
{
}

CopyImageJob::~CopyImageJob()
{
    // Whoever waits for a blob this copy was moving tries for itself.
    if (m_flights)
        for (const QString &key : std::as_const(m_claimed))
            m_flights->land(key);
}

void CopyImageJob::doStart()
{
    fetchManifest(m_sourceRef.manifestReference(), 0, true);
}

void CopyImageJob::doCancel()
{
    for (const auto &job : std::as_const(m_jobs))
        if (job)
            job->cancel();
}

void CopyImageJob::fail(const Error &error)
{
    if (isFinished())
        return;
    // Finish first, so the cancelled parts cannot replace the real error.
    emitError(error);
    doCancel();
}

void CopyImageJob::fetchManifest(const QString &reference, int depth, bool isTop)
{
    ++m_pendingManifests;
    auto *job = new FetchManifestJob(m_source, m_sourceRef.repository(), reference, this);
    m_jobs << job;
    connect(job, &Job::finished, this, [this, job, depth, isTop] {
        if (isFinished())
            return;
        if (job->error().isError())
            return fail(job->error());
        onManifest(job->manifest(), depth, isTop);
    });
    job->start();
}

void CopyImageJob::onManifest(const Manifest &manifest, int depth, bool isTop)
{
    if (manifest.kind() == Manifest::Kind::Schema1) {
        return fail(Error::make(Error::Code::Unsupported,
            QStringLiteral("%1 is a Docker schema 1 manifest, which registries no longer accept; "
                           "it can be inspected but not copied")
                .arg(m_sourceRef.toString())));
    }
    if (manifest.isIndex()) {
        if (depth >= MaxIndexDepth)
            return fail(Error::make(Error::Code::BadResponse,
                QStringLiteral("%1: indexes nested deeper than %2 levels")
                    .arg(m_sourceRef.toString())
                    .arg(MaxIndexDepth)));
        if (isTop && m_options.multiArch == CopyOptions::MultiArch::System) {
            const auto child = manifest.childFor(m_options.platform);
            if (!child)
                return fail(Error::make(Error::Code::NotFound,
                    QStringLiteral("%1 has no image for platform %2 (it has: %3)")
                        .arg(m_sourceRef.toString(), m_options.platform.toString(),
                            manifest.platformNames().join(QStringLiteral(", ")))));
            // The destination tag will name the platform image itself.
            fetchManifest(child->digest.toString(), depth + 1, true);
            return manifestDone();
        }
        if (isTop && m_options.multiArch == CopyOptions::MultiArch::IndexOnly) {
            m_top = manifest;
            return manifestDone(); // no children, no blobs: the index alone
        }
        QList<Descriptor> children = manifest.manifests();
        Manifest index = manifest;
        if (isTop && !m_options.platforms.isEmpty()) {
            // A subset: only the chosen platforms, under a new index.
            children.clear();
            for (const Platform &wanted : std::as_const(m_options.platforms)) {
                const auto child = manifest.childFor(wanted);
                if (!child)
                    return fail(Error::make(Error::Code::NotFound,
                        QStringLiteral("%1 has no image for platform %2 (it has: %3)")
                            .arg(m_sourceRef.toString(), wanted.toString(),
                                manifest.platformNames().join(QStringLiteral(", ")))));
                if (!std::any_of(children.cbegin(), children.cend(),
                        [&](const Descriptor &d) { return d.digest == child->digest; }))
                    children << *child;
            }
            QString error;
            auto subset = manifest.withChildren(children, &error);
            if (!subset)
                return fail(
                    Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(m_sourceRef.toString(), error)));
            index = *subset;
        }
        if (isTop)
            m_top = index;
        else
            m_children.prepend(index); // deeper first: children before parents
        for (const Descriptor &child : std::as_const(children))
            fetchManifest(child.digest.toString(), depth + 1, false);
        return manifestDone();
    }
    if (isTop)
        m_top = manifest;
    else
        m_children.prepend(manifest);
    QList<Descriptor> blobs {manifest.config()};
    blobs << manifest.layers();
    for (const Descriptor &blob : std::as_const(blobs)) {
        if (blob.isNonDistributable() || m_blobDone.contains(blob.digest.toString()))
            continue;
        m_blobDone.insert(blob.digest.toString(), 0);
        m_blobs << blob;
        m_totalBytes += std::max<qint64>(0, blob.size);
    }
    manifestDone();
}

void CopyImageJob::manifestDone()
{
    if (--m_pendingManifests == 0 && !isFinished())
        startBlobs();
}

void CopyImageJob::startBlobs()
{
    m_blobsLeft = static_cast<int>(m_blobs.size());
    reportProgress();
    if (m_blobsLeft == 0)
        return pushManifests();
    for (const Descriptor &blob : std::as_const(m_blobs))
        startBlob(blob);
}

void CopyImageJob::startBlob(const Descriptor &blob)
{
    // One transfer per blob and destination registry at a time, across copies.
    const QString flight = BlobFlights::key(m_destination->host(), blob.digest.toString());
    if (m_flights && !m_claimed.contains(flight)) {
        if (!m_flights->claim(flight, this, [this, blob] {
                if (!isFinished())
                    startBlob(blob);
            }))
            return;
        m_claimed.insert(flight);
    }
    m_limiter->acquire(m_destination->host(), this, [this, blob] {
        if (isFinished()) {
            m_limiter->release(m_destination->host());
            return;
        }
        auto *job = new BlobTransferJob(
            m_source, m_sourceRef.repository(), m_destination, m_destinationRef.repository(), blob, m_locations, this);
        m_jobs << job;
        connect(job, &Job::progress, this, [this, job](qint64 done, qint64 total) {
            m_blobDone[job->blob().digest.toString()] = done;
            Q_EMIT blobProgress(job->blob().digest, static_cast<int>(job->state()), done, total);
            reportProgress();
        });
        connect(job, &BlobTransferJob::stateChanged, this, [this, job](BlobTransferJob::State state) {
            Q_EMIT blobProgress(job->blob().digest, static_cast<int>(state),
                m_blobDone.value(job->blob().digest.toString()), job->blob().size);
        });
        connect(job, &Job::finished, this, [this, job] { onBlobFinished(job); });
        job->start();
    });
}

void CopyImageJob::onBlobFinished(BlobTransferJob *job)
{
    m_limiter->release(m_destination->host());
    const QString flight = BlobFlights::key(m_destination->host(), job->blob().digest.toString());
    if (m_flights && m_claimed.remove(flight))
        m_flights->land(flight);
    if (isFinished())
        return;
    const QString digest = job->blob().digest.toString();
    if (job->error().isError()) {
        // A stream broken by the network (reset, timeout) or a transient
        // server error restarts the blob; anything else fails the copy.
        const Error::Code code = job->error().code;
        const RetryPolicy &policy = m_destination->retryPolicy();
        const int attempt = ++m_blobAttempts[digest];
        if ((code == Error::Code::Unreachable || code == Error::Code::Server) && attempt < policy.maxAttempts) {
            m_blobDone[digest] = 0;
            reportProgress();
            QTimer::singleShot(policy.delayMs(attempt, {}), Qt::PreciseTimer, this, [this, blob = job->blob()] {
                if (!isFinished())
                    startBlob(blob);
            });
            return;
        }
        return fail(job->error());
    }
    switch (job->state()) {
    case BlobTransferJob::State::Skipped:
        ++m_result.blobsSkipped;
        break;
    case BlobTransferJob::State::Mounted:
        ++m_result.blobsMounted;
        break;
    default:
        ++m_result.blobsStreamed;
        m_result.bytesStreamed += job->bytesStreamed();
        break;
    }
    m_blobDone[digest] = std::max<qint64>(0, job->blob().size);
    reportProgress();
    if (--m_blobsLeft == 0)
        pushManifests();
}

void CopyImageJob::reportProgress()
{
    qint64 done = 0;
    for (qint64 bytes : std::as_const(m_blobDone))
        done += bytes;
    Q_EMIT progress(done, m_totalBytes);
}

void CopyImageJob::pushManifests()
{
    m_pushIndex = 0;
    pushNext();
}

void CopyImageJob::pushNext()
{
    const bool isTop = m_pushIndex == m_children.size();
    const Manifest &manifest = isTop ? *m_top : m_children.at(m_pushIndex);
    // Children by digest; the top by the destination's tag (or digest), last.
    const QString reference = !isTop
        ? manifest.digest().toString()
        : (!m_destinationRef.tag().isEmpty() ? m_destinationRef.tag() : manifest.digest().toString());
    auto *job = new PushManifestJob(m_destination, m_destinationRef.repository(), reference, manifest, this);
    m_jobs << job;
    connect(job, &Job::finished, this, [this, job, isTop] {
        if (isFinished())
            return;
        if (job->error().isError()) {
            Error error = job->error();
            if (m_options.multiArch == CopyOptions::MultiArch::IndexOnly)
                error.message += QStringLiteral(
                    " (with --multi-arch index-only the platform images must already be at the destination)");
            return fail(error);
        }
        ++m_result.manifestsPushed;
        if (isTop) {
            m_result.digest = m_top->digest();
            return emitSuccess();
        }
        ++m_pushIndex;
        pushNext();
    });
    job->start();
}

} // namespace crossdock
