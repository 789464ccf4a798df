#include "core/transfer/pulltolayoutjob.h"

#include "core/net/replyutil.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/transfer/downloadblobjob.h"

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
    auto *job = new DownloadBlobJob(m_source, m_sourceRef.repository(), blob, m_layout->blobPath(blob.digest), this);
    m_work << job;
    connect(job, &Job::progress, this, [this](qint64 done, qint64) { Q_EMIT progress(m_doneBytes + done, m_totalBytes); });
    connect(job, &Job::finished, this, [this, job] {
        if (isFinished())
            return;
        if (job->error().isError())
            return fail(job->error());
        ++m_result.blobsStreamed;
        m_result.bytesStreamed += job->bytesWritten();
        m_doneBytes += job->bytesWritten();
        nextBlob();
    });
    job->start();
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
