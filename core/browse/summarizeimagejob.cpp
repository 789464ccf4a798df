// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/summarizeimagejob.h"

#include "core/browse/documentloader.h"
#include "core/image/imageconfig.h"
#include "core/registry/registryclient.h"
#include "core/registry/resolvedigestjob.h"

#include <QSet>

namespace crossdock {

namespace {

QDateTime parseCreated(const QString &text)
{
    QDateTime created = QDateTime::fromString(text, Qt::ISODateWithMs);
    return created.isValid() ? created.toUTC() : QDateTime();
}

bool isAttestation(const Descriptor &child)
{
    // BuildKit stores provenance and SBOMs as unknown/unknown entries.
    return child.platform && child.platform->os == QLatin1String("unknown");
}

} // namespace

QString ImageSummary::typeName() const
{
    const bool oci = mediaType.contains(QLatin1String("oci"));
    switch (kind) {
    case Kind::Index:
        return oci ? QStringLiteral("OCI index") : QStringLiteral("Docker manifest list");
    case Kind::Schema1:
        return QStringLiteral("Docker schema 1");
    case Kind::Image:
        break;
    }
    return oci ? QStringLiteral("OCI image") : QStringLiteral("Docker image");
}

SummarizeImageJob::SummarizeImageJob(
    const ImageSource &source, ContentCache *cache, const QString &repository, const QString &tag, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_repository(repository)
    , m_tag(tag)
    , m_documents(new DocumentLoader(source, cache, repository, this))
{
    connect(m_documents, &DocumentLoader::failed, this, [this](const Error &error) { emitError(error); });
}

void SummarizeImageJob::doStart()
{
    if (m_source.isLocal()) // the folder's index names the digest: no round trip
        return m_documents->manifest(m_tag, {}, [this](const Manifest &m) { summarize(m); });
    auto *resolve = new ResolveDigestJob(m_source.client, m_repository, m_tag, this);
    resolve->setAutoDelete(true);
    connect(resolve, &Job::finished, this, [this, resolve] {
        if (isFinished())
            return;
        if (resolve->error().code == Error::Code::BadResponse) {
            // A registry that answers HEAD without a digest: GET by tag.
            m_documents->manifest(m_tag, {}, [this](const Manifest &m) { summarize(m); });
            return;
        }
        if (resolve->error().isError())
            return emitError(resolve->error());
        m_documents->manifest(
            resolve->digest().toString(), resolve->digest(), [this](const Manifest &m) { summarize(m); });
    });
    m_resolve = resolve;
    resolve->start();
}

void SummarizeImageJob::doCancel()
{
    if (m_resolve)
        m_resolve->cancel();
    m_documents->cancel();
}

void SummarizeImageJob::summarize(const Manifest &top)
{
    m_summary.digest = top.digest();
    m_summary.mediaType = top.mediaType();
    switch (top.kind()) {
    case Manifest::Kind::Index:
        m_summary.kind = ImageSummary::Kind::Index;
        return summarizeIndex(top);
    case Manifest::Kind::Schema1: {
        m_summary.kind = ImageSummary::Kind::Schema1;
        const QJsonObject config = top.schema1Config();
        m_summary.created = parseCreated(config.value(QLatin1String("created")).toString());
        const QString os = config.value(QLatin1String("os")).toString();
        const QString arch = config.value(QLatin1String("architecture")).toString();
        if (!os.isEmpty() && !arch.isEmpty())
            m_summary.platforms = QStringList {os + QLatin1Char('/') + arch};
        return emitSuccess();
    }
    case Manifest::Kind::Image:
        break;
    }
    m_summary.kind = ImageSummary::Kind::Image;
    qint64 size = 0;
    for (const Descriptor &layer : top.layers())
        size += std::max<qint64>(0, layer.size);
    m_summary.compressedSize = size;
    m_documents->config(top.config(), [this](const QByteArray &bytes) {
        QString error;
        if (const auto config = ImageConfig::parse(bytes, &error)) {
            m_summary.created = parseCreated(config->created);
            Platform platform {config->os, config->architecture, config->variant, {}};
            if (!platform.isEmpty())
                m_summary.platforms = QStringList {platform.toString()};
        }
        emitSuccess(); // an unreadable config still leaves digest, type and size
    });
}

void SummarizeImageJob::summarizeIndex(const Manifest &index)
{
    QList<Descriptor> children;
    for (const Descriptor &child : index.manifests()) {
        if (isAttestation(child))
            continue;
        children << child;
        if (child.platform)
            m_summary.platforms << child.platform->toString();
    }
    if (children.isEmpty())
        return emitSuccess();
    // Created comes from this machine's platform when there is one.
    const std::optional<Descriptor> preferred = index.childFor(Platform::host());
    const Digest createdFrom = preferred ? preferred->digest : children.first().digest;
    m_pending = static_cast<int>(children.size());
    for (const Descriptor &child : std::as_const(children)) {
        m_documents->manifest(child.digest.toString(), child.digest, [this, createdFrom](const Manifest &image) {
            for (const Descriptor &layer : image.layers())
                m_layerSizes.insert(layer.digest.toString(), std::max<qint64>(0, layer.size));
            if (image.digest() == createdFrom && image.kind() == Manifest::Kind::Image) {
                ++m_pending; // the config read
                m_documents->config(image.config(), [this](const QByteArray &bytes) {
                    QString error;
                    if (const auto config = ImageConfig::parse(bytes, &error))
                        m_summary.created = parseCreated(config->created);
                    partDone();
                });
            }
            partDone();
        });
    }
}

void SummarizeImageJob::partDone()
{
    if (isFinished() || --m_pending > 0)
        return;
    qint64 total = 0;
    for (qint64 size : std::as_const(m_layerSizes))
        total += size;
    m_summary.compressedSize = total;
    emitSuccess();
}

} // namespace crossdock
