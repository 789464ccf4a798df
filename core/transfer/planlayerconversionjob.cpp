// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/planlayerconversionjob.h"

#include "core/image/imageconfig.h"
#include "core/image/mediatypes.h"
#include "core/transports/readblobjob.h"

namespace crossdock {

namespace {

bool wantsConversion(const Descriptor &layer, const CopyOptions &options)
{
    const LayerCompression::Kind kind = LayerCompression::ofMediaType(layer.mediaType);
    if (kind == LayerCompression::Kind::Unknown || !options.layerCompression)
        return false; // not a layer we know (a foreign or an artifact's blob): as it is
    return options.forceCompression || kind != options.layerCompression->kind;
}

} // namespace

PlanLayerConversionJob::PlanLayerConversionJob(ImageReader *source, const CopyPlan &plan, const CopyOptions &options,
    ManifestConversion::Format format, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_plan(plan)
    , m_options(options)
    , m_format(format)
{
}

void PlanLayerConversionJob::doStart()
{
    for (const Manifest &manifest : m_plan.manifestsInOrder()) {
        if (manifest.isIndex())
            continue;
        const auto &layers = manifest.layers();
        if (std::any_of(layers.begin(), layers.end(), [this](const Descriptor &layer) { return wantsConversion(layer, m_options); }))
            m_images << manifest;
    }
    readNextConfig();
}

void PlanLayerConversionJob::doCancel()
{
    if (m_step)
        m_step->cancel();
}

void PlanLayerConversionJob::readNextConfig()
{
    if (m_images.isEmpty())
        return emitSuccess();
    const Manifest image = m_images.takeFirst();
    auto *read = new ReadBlobJob(m_source, image.config(), ImageConfig::MaxSize, this);
    m_step = read;
    startSubjob(read, [this, image](ReadBlobJob *job) {
        QString why;
        const auto config = ImageConfig::parse(job->data(), &why);
        if (!config)
            return emitError(Error::Code::BadResponse, QStringLiteral("config %1: %2").arg(image.config().digest.toString(), why));
        const QList<Descriptor> &layers = image.layers();
        if (config->diffIds.size() != layers.size())
            return emitError(Error::Code::BadResponse,
                QStringLiteral("config %1 lists %2 DiffIDs for %3 layers: the layers cannot be recompressed safely")
                    .arg(image.config().digest.toString())
                    .arg(config->diffIds.size())
                    .arg(layers.size()));
        // The media type family the manifests end up in.
        const QString family = m_format == ManifestConversion::Format::Oci ? MediaType::OciManifest
            : m_format == ManifestConversion::Format::DockerSchema2        ? MediaType::DockerManifest
                                                                           : image.mediaType();
        for (qsizetype i = 0; i < layers.size(); ++i) {
            const Descriptor &layer = layers.at(i);
            if (!wantsConversion(layer, m_options))
                continue;
            LayerConversion conversion;
            conversion.target = *m_options.layerCompression;
            conversion.mediaType = LayerCompression::mediaTypeFor(conversion.target.kind, family);
            conversion.diffId = Digest::parse(config->diffIds.at(i));
            if (conversion.mediaType.isEmpty())
                return emitError(Error::Code::Unsupported,
                    QStringLiteral("Docker schema 2 manifests have no media type for %1 layers (layer %2); use --format oci")
                        .arg(LayerCompression::name(conversion.target.kind), layer.digest.toString()));
            if (!conversion.diffId.isValid())
                return emitError(Error::Code::BadResponse,
                    QStringLiteral("config %1: DiffID %2 is not a digest").arg(image.config().digest.toString(), config->diffIds.at(i)));
            m_conversions.insert(layer.digest.toString(), conversion);
        }
        readNextConfig();
    });
}

} // namespace crossdock
