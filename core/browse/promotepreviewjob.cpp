#include "core/browse/promotepreviewjob.h"

#include "core/browse/documentloader.h"
#include "core/browse/localstore.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/resolvedigestjob.h"

namespace crossdock {

int PromotePreview::count(Action action) const
{
    return static_cast<int>(
        std::count_if(blobs.begin(), blobs.end(), [action](const Blob &blob) { return blob.action == action; }));
}

qint64 PromotePreview::bytesToMove() const
{
    qint64 bytes = 0;
    for (const Blob &blob : blobs)
        if (blob.action == Action::Stream)
            bytes += blob.size;
    return bytes;
}

PromotePreviewJob::PromotePreviewJob(const ImageSource &source, const QString &sourceRepository,
    const QString &sourceTag, const ImageSource &destination, const QString &destinationRepository,
    const QString &destinationTag, CopyOptions::MultiArch multiArch, ContentCache *cache, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_sourceRepository(sourceRepository)
    , m_sourceTag(sourceTag)
    , m_destination(destination)
    , m_destinationRepository(destinationRepository)
    , m_destinationTag(destinationTag)
    , m_multiArch(multiArch)
    , m_documents(new DocumentLoader(source, cache, sourceRepository, this))
{
    connect(m_documents, &DocumentLoader::failed, this, [this](const Error &error) {
        emitError(
            error.code, QStringLiteral("%1:%2: %3").arg(m_sourceRepository, m_sourceTag, error.message), error.detail);
    });
}

void PromotePreviewJob::doStart()
{
    // Two things run side by side: the source's manifests (then the blob
    // checks) and the destination tag's digest.
    m_pending = 2;
    m_manifestsPending = 1;
    m_documents->manifest(m_sourceTag, {}, [this](const Manifest &manifest) { collect(manifest, true); });
    resolveDestinationTag();
}

void PromotePreviewJob::doCancel()
{
    m_documents->cancel();
    for (const QPointer<Job> &job : std::as_const(m_jobs))
        if (job)
            job->cancel();
}

void PromotePreviewJob::collect(const Manifest &manifest, bool isTop)
{
    if (isFinished())
        return;
    if (isTop)
        m_preview.sourceDigest = manifest.digest();
    if (manifest.isIndex()) {
        QList<Descriptor> children = manifest.manifests();
        if (isTop && m_multiArch == CopyOptions::MultiArch::System) {
            // The copy takes this system's image alone, tagged by its own digest.
            const Platform host = Platform::host();
            const auto child = manifest.childFor(host);
            if (!child)
                return emitError(Error::Code::NotFound,
                    QStringLiteral("%1:%2 has no image for %3").arg(m_sourceRepository, m_sourceTag, host.toString()));
            m_preview.sourceDigest = child->digest;
            children = {*child};
        }
        for (const Descriptor &child : std::as_const(children)) {
            ++m_manifestsPending;
            m_documents->manifest(
                child.digest.toString(), child.digest, [this](const Manifest &m) { collect(m, false); });
        }
    } else {
        QList<Descriptor> blobs = manifest.layers();
        if (manifest.kind() == Manifest::Kind::Image)
            blobs.prepend(manifest.config());
        for (const Descriptor &blob : std::as_const(blobs)) {
            if (blob.isNonDistributable() || m_blobIndex.contains(blob.digest.toString()))
                continue;
            m_blobIndex.insert(blob.digest.toString(), static_cast<int>(m_preview.blobs.size()));
            m_preview.blobs.append({blob.digest, std::max<qint64>(0, blob.size), PromotePreview::Action::Stream});
        }
    }
    if (--m_manifestsPending == 0)
        checkBlobs();
}

void PromotePreviewJob::resolveDestinationTag()
{
    if (m_destination.isLocal()) {
        QString error;
        if (const auto found = m_destination.store->resolve(m_destinationRepository, m_destinationTag, &error))
            m_preview.destinationDigest = found->digest;
        return partDone();
    }
    auto *resolve = new ResolveDigestJob(m_destination.client, m_destinationRepository, m_destinationTag, this);
    m_jobs << resolve;
    connect(resolve, &Job::finished, this, [this, resolve] {
        // A tag that is not there yet is the usual case, not a failure.
        const Error &error = resolve->error();
        if (error.isError() && error.code != Error::Code::NotFound)
            return emitError(error.code,
                QStringLiteral("%1:%2: %3").arg(m_destinationRepository, m_destinationTag, error.message),
                error.detail);
        if (!error.isError())
            m_preview.destinationDigest = resolve->digest();
        partDone();
    });
    resolve->start();
}

bool PromotePreviewJob::sameRegistry() const
{
    return m_source.client && m_destination.client && m_source.client->host() == m_destination.client->host();
}

void PromotePreviewJob::checkBlobs()
{
    m_pending += static_cast<int>(m_preview.blobs.size());
    for (int i = 0; i < m_preview.blobs.size(); ++i)
        checkBlob(i);
    partDone(); // the manifests' share
}

void PromotePreviewJob::checkBlob(int index)
{
    PromotePreview::Blob &blob = m_preview.blobs[index];
    if (m_destination.isLocal()) {
        blob.action = m_destination.store->hasBlob(blob.digest, blob.size) ? PromotePreview::Action::Skip
                                                                           : PromotePreview::Action::Stream;
        return partDone();
    }
    RegistryRequest request;
    request.method = QByteArrayLiteral("HEAD");
    request.path = QStringLiteral("/v2/%1/blobs/%2").arg(m_destinationRepository, blob.digest.toString());
    request.scopes = {QStringLiteral("repository:%1:pull").arg(m_destinationRepository)};
    auto *call = m_destination.client->call(request, this);
    m_jobs << call;
    connect(call, &Job::finished, this, [this, call, index] {
        PromotePreview::Action &action = m_preview.blobs[index].action;
        if (!call->error().isError() && call->response().status == 200)
            action = PromotePreview::Action::Skip;
        else if (sameRegistry())
            action = PromotePreview::Action::Mount; // the registry links it; no bytes move
        else
            action = PromotePreview::Action::Stream;
        partDone();
    });
    call->start();
}

void PromotePreviewJob::partDone()
{
    if (--m_pending == 0 && !isFinished())
        emitSuccess();
}

} // namespace crossdock
