// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/inspectjob.h"

#include "core/registry/listtagsjob.h"
#include "core/transports/docker/dockerimagereader.h"
#include "core/transports/imagereader.h"
#include "core/transports/readblobjob.h"

namespace crossdock {

InspectJob::InspectJob(RegistryClient *client, const ImageReference &reference, const Options &options, QObject *parent)
    : Job(parent)
    , m_ownReader(std::make_unique<DockerImageReader>(client, reference))
    , m_reader(m_ownReader.get())
    , m_tagsClient(client)
    , m_repository(reference.repository())
    , m_options(options)
{
    m_result.name = reference.name();
}

InspectJob::InspectJob(ImageReader *reader, const QString &name, const Options &options, QObject *parent)
    : Job(parent)
    , m_reader(reader)
    , m_options(options)
{
    m_result.name = name;
}

InspectJob::~InspectJob() = default;

void InspectJob::doStart()
{
    ++m_pending;
    startSubjob(m_reader->readManifest(Digest(), this), [this](ReadManifestJob *job) { onTopManifest(job->manifest()); });

    if (m_tagsClient && m_options.listTags && !m_options.manifestOnly) {
        ++m_pending;
        startSubjob(new ListTagsJob(m_tagsClient, m_repository, this), [this](ListTagsJob *job) {
            m_result.tags = job->items();
            partDone();
        });
    }
}

void InspectJob::partDone()
{
    if (--m_pending == 0 && !isFinished())
        emitSuccess();
}

void InspectJob::onTopManifest(const Manifest &manifest)
{
    m_result.topManifest = manifest;
    if (m_options.manifestOnly)
        return partDone();
    if (manifest.isIndex()) {
        const auto child = manifest.childFor(m_options.platform);
        if (!child)
            return emitError(Error::Code::InvalidInput, // the index is there: the platform asked for is not
                QStringLiteral("%1 has no image for platform %2 (it has: %3); choose one with "
                               "--override-os/--override-arch/--override-variant")
                    .arg(m_reader->describe(), m_options.platform.toString(),
                        manifest.platformNames().join(QStringLiteral(", "))));
        return readImageManifest(child->digest);
    }
    m_result.imageManifest = manifest;
    readConfig();
}

void InspectJob::readImageManifest(const Digest &digest)
{
    startSubjob(m_reader->readManifest(digest, this), [this](ReadManifestJob *job) {
        if (job->manifest().isIndex())
            return emitError(Error::Code::BadResponse,
                QStringLiteral("%1: index entry %2 is itself an index; nested indexes cannot be inspected as one image")
                    .arg(m_reader->describe(), job->manifest().digest().toString()));
        m_result.imageManifest = job->manifest();
        readConfig();
    });
}

void InspectJob::readConfig()
{
    const Manifest &image = *m_result.imageManifest;
    if (image.kind() == Manifest::Kind::Schema1) {
        m_result.config = ImageConfig::fromSchema1(image.schema1Config(), QString());
        return partDone();
    }
    startSubjob(new ReadBlobJob(m_reader, image.config(), ImageConfig::MaxSize, this), [this](ReadBlobJob *job) {
        QString parseError;
        auto config = ImageConfig::parse(job->data(), &parseError);
        if (!config)
            return emitError(Error::Code::BadResponse,
                QStringLiteral("config %1 of %2: %3")
                    .arg(m_result.imageManifest->config().digest.toString(), m_reader->describe(), parseError));
        m_result.rawConfig = job->data();
        m_result.config = std::move(config);
        partDone();
    });
}

} // namespace crossdock
