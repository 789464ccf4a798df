#include "core/browse/inspectjob.h"

#include "core/registry/fetchblobjob.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/listtagsjob.h"
#include "core/registry/pagedlistjob.h"
#include "core/registry/registryclient.h"

namespace crossdock {

InspectJob::InspectJob(RegistryClient *client, const ImageReference &reference, const Options &options, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_options(options)
{
    m_result.reference = reference;
}

void InspectJob::doStart()
{
    const ImageReference &ref = m_result.reference;
    auto *manifestJob = new FetchManifestJob(m_client, ref.repository(), ref.manifestReference(), this);
    connect(manifestJob, &Job::finished, this, &InspectJob::onTopManifest);
    m_children << manifestJob;
    ++m_pending;
    manifestJob->start();

    if (m_options.listTags && !m_options.manifestOnly) {
        auto *tagsJob = new ListTagsJob(m_client, ref.repository(), this);
        connect(tagsJob, &Job::finished, this, [this, tagsJob] {
            if (failed(tagsJob))
                return;
            m_result.tags = tagsJob->items();
            partDone();
        });
        m_children << tagsJob;
        ++m_pending;
        tagsJob->start();
    }
}

void InspectJob::doCancel()
{
    for (const auto &child : std::as_const(m_children))
        if (child)
            child->cancel();
}

bool InspectJob::failed(Job *job)
{
    if (isFinished())
        return true;
    if (!job->error().isError())
        return false;
    fail(job->error());
    return true;
}

void InspectJob::fail(const Error &error)
{
    if (isFinished())
        return;
    // Finish first: the parts cancelled below report "cancelled", which
    // must not replace the error that stopped the inspection.
    emitError(error);
    doCancel();
}

void InspectJob::partDone()
{
    if (--m_pending == 0 && !isFinished())
        emitSuccess();
}

void InspectJob::onTopManifest(Job *job)
{
    if (failed(job))
        return;
    const Manifest &manifest = static_cast<FetchManifestJob *>(job)->manifest();
    m_result.topManifest = manifest;
    if (m_options.manifestOnly)
        return partDone();
    if (manifest.isIndex()) {
        const auto child = manifest.childFor(m_options.platform);
        if (!child) {
            fail(Error::make(Error::Code::NotFound,
                      QStringLiteral("%1 has no image for platform %2 (it has: %3); choose one with "
                                     "--override-os/--override-arch/--override-variant")
                          .arg(m_result.reference.toString(), m_options.platform.toString(),
                               manifest.platformNames().join(QStringLiteral(", ")))));
            return;
        }
        fetchImageManifest(child->digest);
        return;
    }
    m_result.imageManifest = manifest;
    fetchConfig();
}

void InspectJob::fetchImageManifest(const Digest &digest)
{
    auto *job = new FetchManifestJob(m_client, m_result.reference.repository(), digest.toString(), this);
    m_children << job;
    connect(job, &Job::finished, this, [this, job] {
        if (failed(job))
            return;
        if (job->manifest().isIndex()) {
            fail(Error::make(Error::Code::BadResponse,
                             QStringLiteral("%1: index entry %2 is itself an index; nested indexes cannot be inspected as one image")
                                 .arg(m_result.reference.toString(), job->manifest().digest().toString())));
            return;
        }
        m_result.imageManifest = job->manifest();
        fetchConfig();
    });
    job->start();
}

void InspectJob::fetchConfig()
{
    const Manifest &image = *m_result.imageManifest;
    if (image.kind() == Manifest::Kind::Schema1) {
        m_result.config = ImageConfig::fromSchema1(image.schema1Config(), QString());
        return partDone();
    }
    auto *job = new FetchBlobJob(m_client, m_result.reference.repository(), image.config().digest, ImageConfig::MaxSize, this);
    m_children << job;
    connect(job, &Job::finished, this, [this, job] {
        if (failed(job))
            return;
        QString parseError;
        auto config = ImageConfig::parse(job->data(), &parseError);
        if (!config) {
            fail(Error::make(Error::Code::BadResponse,
                             QStringLiteral("config %1 of %2: %3")
                                 .arg(m_result.imageManifest->config().digest.toString(), m_result.reference.toString(), parseError)));
            return;
        }
        m_result.rawConfig = job->data();
        m_result.config = std::move(config);
        partDone();
    });
    job->start();
}

} // namespace crossdock
