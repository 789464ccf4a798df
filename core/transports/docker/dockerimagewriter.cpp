// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/docker/dockerimagewriter.h"

#include "core/registry/pushmanifestjob.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/transports/docker/blobtransferjob.h"
#include "core/transports/localjob.h"
#include "core/transports/putblobjob.h"

namespace crossdock {

namespace {

// HEAD at the destination; missing there, mountable when the source is a
// repository of the same registry (the same client).
class DockerCheckBlobJob final : public CheckBlobJob
{
public:
    DockerCheckBlobJob(RegistryClient *client, const QString &repository, const Descriptor &blob,
        const RegistryOrigin &origin, QObject *parent)
        : CheckBlobJob(parent)
        , m_client(client)
        , m_repository(repository)
        , m_blob(blob)
        , m_origin(origin)
    {
    }

protected:
    void doStart() override
    {
        RegistryRequest request;
        request.method = QByteArrayLiteral("HEAD");
        request.path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repository, m_blob.digest.toString());
        request.scopes = {QStringLiteral("repository:%1:pull").arg(m_repository)};
        RegistryCall *call = addSubjob(m_client->call(request, this));
        connect(call, &Job::finished, this, [this, call] {
            if (isFinished())
                return;
            // A HEAD that cannot answer is no reason to fail a preview: the
            // copy will stream it.
            if (!call->error().isError() && call->response().status == 200)
                return succeedWith(Presence::Present);
            const bool sameRegistry = m_origin.client == m_client && m_origin.repository != m_repository;
            succeedWith(sameRegistry ? Presence::Mountable : Presence::Missing);
        });
        call->start();
    }

private:
    RegistryClient *m_client;
    QString m_repository;
    Descriptor m_blob;
    RegistryOrigin m_origin;
};

} // namespace

DockerImageWriter::DockerImageWriter(
    RegistryClient *client, const ImageReference &reference, BlobLocationCache *locations, QObject *parent)
    : ImageWriter(parent)
    , m_client(client)
    , m_reference(reference)
    , m_locations(locations)
{
}

QString DockerImageWriter::describe() const
{
    return m_reference.toString();
}

QString DockerImageWriter::streamKey() const
{
    return m_client->host();
}

CheckBlobJob *DockerImageWriter::checkBlob(const Descriptor &blob, const RegistryOrigin &origin, QObject *parent)
{
    return new DockerCheckBlobJob(m_client, m_reference.repository(), blob, origin, parent);
}

PutBlobJob *DockerImageWriter::putBlob(
    const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &origin, QObject *parent)
{
    return new BlobTransferJob(blob, open, origin, m_client, m_reference.repository(), m_locations, parent);
}

Job *DockerImageWriter::putManifest(const Manifest &manifest, bool isTop, QObject *parent)
{
    // Children by digest; the top by the destination's tag (or digest), last.
    const QString reference = !isTop || m_reference.tag().isEmpty() ? manifest.digest().toString() : m_reference.tag();
    return new PushManifestJob(m_client, m_reference.repository(), reference, manifest, parent);
}

Job *DockerImageWriter::commit(const Manifest &, QObject *parent)
{
    // The tag went with the top manifest: it names only what is all there.
    return new LocalJob([] { return Error(); }, parent);
}

} // namespace crossdock
