// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/layercompression.h"
#include "core/image/manifestconversion.h"
#include "core/transfer/copyplan.h"
#include "core/transfer/copytypes.h"

#include <QHash>
#include <QPointer>

namespace crossdock {

class ImageReader;

// How one layer is recompressed on its way: to what, under which media
// type, and the DiffID (uncompressed digest) its image config gives it,
// which the recompressed stream must reproduce.
struct LayerConversion {
    LayerCompression::Target target;
    QString mediaType;
    Digest diffId;
};
// By the source layer's digest.
using LayerConversions = QHash<QString, LayerConversion>;

// Decides which layers of a planned copy CopyOptions::layerCompression
// recompresses: those in another compression than asked (all of them with
// forceCompression), in the media type family of `format` (the source's own
// with Keep). Reads the configs of the images that have any (small blobs)
// for their DiffIDs. Fails, naming the layer, where the format has no media
// type for the compression (Docker schema 2 has no zstd layers).
class PlanLayerConversionJob final : public Job
{
    Q_OBJECT

public:
    PlanLayerConversionJob(ImageReader *source, const CopyPlan &plan, const CopyOptions &options,
        ManifestConversion::Format format, QObject *parent = nullptr);

    const LayerConversions &conversions() const { return m_conversions; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void readNextConfig();

    ImageReader *m_source;
    CopyPlan m_plan;
    CopyOptions m_options;
    ManifestConversion::Format m_format;
    QList<Manifest> m_images; // image manifests with a layer to convert, whose configs are still to read
    LayerConversions m_conversions;
    QPointer<Job> m_step;
};

} // namespace crossdock
