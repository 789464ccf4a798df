// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/signimagejob.h"

#include "core/image/mediatypes.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/pushmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/transports/docker/dockerimagewriter.h"
#include "core/transports/memoryblobstream.h"
#include "core/transports/putblobjob.h"
#include "core/trust/sigstoreprivatekey.h"
#include "core/trust/sigstoresignature.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

SignImageJob::SignImageJob(const RegistryOrigin &destination, const Digest &manifest, const QString &identity,
    std::shared_ptr<const SigstorePrivateKey> key, BlobLocationCache *locations, QObject *parent)
    : Job(parent)
    , m_destination(destination)
    , m_manifest(manifest)
    , m_identity(identity)
    , m_key(std::move(key))
    , m_locations(locations)
{
}

void SignImageJob::doStart()
{
    const QJsonObject critical {
        {QStringLiteral("identity"), QJsonObject {{QStringLiteral("docker-reference"), m_identity}}},
        {QStringLiteral("image"), QJsonObject {{QStringLiteral("docker-manifest-digest"), m_manifest.toString()}}},
        {QStringLiteral("type"), QLatin1String(Sigstore::PayloadType)}};
    const QJsonObject optional {{QStringLiteral("creator"), QStringLiteral("crossdock %1").arg(QStringLiteral(CROSSDOCK_VERSION))},
        {QStringLiteral("timestamp"), QDateTime::currentSecsSinceEpoch()}};
    const QByteArray payload = QJsonDocument(QJsonObject {{QStringLiteral("critical"), critical}, {QStringLiteral("optional"), optional}})
                                   .toJson(QJsonDocument::Compact);
    QString error;
    const QByteArray signature = m_key->sign(payload, &error);
    if (signature.isEmpty())
        return emitError(Error::Code::Io, QStringLiteral("cannot sign %1: %2").arg(m_identity, error));
    const Descriptor blob = MemoryBlobStream::describe(payload, QLatin1String(Sigstore::PayloadMediaType));
    m_layer = QJsonObject {{QStringLiteral("mediaType"), blob.mediaType}, {QStringLiteral("digest"), blob.digest.toString()},
        {QStringLiteral("size"), blob.size},
        {QStringLiteral("annotations"),
            QJsonObject {{QLatin1String(Sigstore::SignatureAnnotation), QString::fromLatin1(signature.toBase64())}}}};
    putBlobs({payload}, [this] {
        const QString tag = Sigstore::attachmentTag(m_manifest);
        auto *existing = addSubjob(new FetchManifestJob(m_destination.client, m_destination.repository, tag, this));
        connect(existing, &Job::finished, this, [this, existing] {
            if (isFinished())
                return;
            if (existing->error().isError() && existing->error().code != Error::Code::NotFound)
                return emitError(existing->error());
            // The signatures already there stay; this one is added.
            QJsonArray layers = existing->error().isError()
                ? QJsonArray()
                : QJsonDocument::fromJson(existing->manifest().raw()).object().value(QStringLiteral("layers")).toArray();
            layers.append(m_layer);
            writeAttachment(layers);
        });
        existing->start();
    });
}

void SignImageJob::putBlobs(QList<QByteArray> blobs, std::function<void()> then)
{
    if (blobs.isEmpty())
        return then();
    const QByteArray bytes = blobs.takeFirst();
    const Descriptor blob = MemoryBlobStream::describe(bytes, QStringLiteral("application/octet-stream"));
    DockerImageWriter writer(m_destination.client, ImageReference::parse(m_destination.client->host() + QLatin1Char('/')
                                                                          + m_destination.repository), m_locations);
    const BlobOpener open = [bytes](QObject *parent) -> BlobStream * {
        return new MemoryBlobStream(bytes, QStringLiteral("application/octet-stream"), parent);
    };
    startSubjob(writer.putBlob(blob, open, RegistryOrigin {}, this),
        [this, blobs, then = std::move(then)](PutBlobJob *) mutable { putBlobs(std::move(blobs), std::move(then)); });
}

void SignImageJob::writeAttachment(const QJsonArray &layers)
{
    // cosign's config lists the payloads as its layers' DiffIDs.
    QJsonArray diffIds;
    for (const QJsonValue &layer : layers)
        diffIds.append(layer.toObject().value(QStringLiteral("digest")));
    const QByteArray config = QJsonDocument(QJsonObject {{QStringLiteral("architecture"), QString()}, {QStringLiteral("os"), QString()},
                                                {QStringLiteral("config"), QJsonObject()},
                                                {QStringLiteral("rootfs"), QJsonObject {{QStringLiteral("type"), QStringLiteral("layers")},
                                                                               {QStringLiteral("diff_ids"), diffIds}}}})
                                  .toJson(QJsonDocument::Compact);
    putBlobs({config}, [this, layers, config] {
        const Descriptor configBlob = MemoryBlobStream::describe(config, MediaType::OciConfig);
        const QJsonObject manifest {{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), MediaType::OciManifest},
            {QStringLiteral("config"), QJsonObject {{QStringLiteral("mediaType"), configBlob.mediaType},
                                           {QStringLiteral("digest"), configBlob.digest.toString()}, {QStringLiteral("size"), configBlob.size}}},
            {QStringLiteral("layers"), layers}};
        QString error;
        const std::optional<Manifest> parsed
            = Manifest::parse(QJsonDocument(manifest).toJson(QJsonDocument::Compact), MediaType::OciManifest, &error);
        if (!parsed)
            return emitError(Error::Code::BadResponse, QStringLiteral("cannot write the signature attachment: %1").arg(error));
        startSubjob(new PushManifestJob(m_destination.client, m_destination.repository, Sigstore::attachmentTag(m_manifest),
                        *parsed, this),
            [this](Job *) { emitSuccess(); });
    });
}

} // namespace crossdock
