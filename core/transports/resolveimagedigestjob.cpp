// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/resolveimagedigestjob.h"

#include "core/registry/resolvedigestjob.h"
#include "core/transports/imagereader.h"
#include "core/transports/transports.h"

#include <QFileInfo>

namespace crossdock {

ResolveImageDigestJob::ResolveImageDigestJob(const TransportReference &reference, RegistryClient *client, QObject *parent)
    : Job(parent)
    , m_reference(reference)
    , m_client(client)
{
}

void ResolveImageDigestJob::doStart()
{
    if (m_reference.isRegistry()) {
        // By digest too: the HEAD says whether the registry has it.
        const ImageReference &image = m_reference.image();
        startSubjob(new ResolveDigestJob(m_client, image.repository(), image.manifestReference(), this),
            [this](ResolveDigestJob *job) {
            m_digest = job->digest();
            emitSuccess();
        });
        return;
    }
    if (!QFileInfo::exists(m_reference.path()))
        return emitError(Error::Code::NotFound, QStringLiteral("%1 does not exist yet").arg(m_reference.path()));
    QString error;
    std::unique_ptr<ImageReader> reader = Transports::reader(m_reference, nullptr, &error);
    if (!reader)
        return emitError(Error::Code::InvalidInput, error);
    ImageReader *owned = reader.release();
    owned->setParent(this);
    // The top manifest, read and verified; its digest is what the name means.
    ReadManifestJob *read = addSubjob(owned->readManifest(Digest(), this));
    connect(read, &Job::finished, this, [this, read] {
        if (isFinished())
            return;
        if (read->error().isError())
            return emitError(read->error());
        m_digest = read->manifest().digest();
        emitSuccess();
    });
    read->start();
}

} // namespace crossdock
