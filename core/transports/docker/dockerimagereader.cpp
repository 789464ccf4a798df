// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/docker/dockerimagereader.h"

#include "core/registry/blobreader.h"
#include "core/registry/fetchmanifestjob.h"

namespace crossdock {

DockerImageReader::DockerImageReader(RegistryClient *client, const ImageReference &reference, QObject *parent)
    : ImageReader(parent)
    , m_client(client)
    , m_reference(reference)
{
}

QString DockerImageReader::describe() const
{
    return m_reference.toString();
}

ReadManifestJob *DockerImageReader::readManifest(const Digest &digest, QObject *parent)
{
    const QString reference = digest.isValid() ? digest.toString() : m_reference.manifestReference();
    return new FetchManifestJob(m_client, m_reference.repository(), reference, parent);
}

BlobStream *DockerImageReader::readBlob(const Descriptor &blob, QObject *parent)
{
    return new BlobReader(m_client, m_reference.repository(), blob, parent);
}

RegistryOrigin DockerImageReader::registryOrigin() const
{
    return {m_client, m_reference.repository()};
}

} // namespace crossdock
