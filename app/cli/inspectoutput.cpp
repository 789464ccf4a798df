// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "inspectoutput.h"

#include "jsonoutput.h"

#include <QJsonArray>
#include <QJsonObject>

namespace crossdock::cli {

namespace {

QJsonValue stringListOrNull(const QStringList &list)
{
    return list.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(list));
}

} // namespace

QByteArray inspectJson(const InspectResult &result)
{
    const Manifest &image = *result.imageManifest;
    const ImageConfig &config = *result.config;

    QJsonArray layers;
    QJsonArray layersData;
    for (const Descriptor &layer : image.layers()) {
        layers.append(layer.digest.toString());
        QJsonObject data;
        data.insert(QStringLiteral("MIMEType"), layer.mediaType);
        data.insert(QStringLiteral("Digest"), layer.digest.toString());
        data.insert(QStringLiteral("Size"), layer.size);
        data.insert(QStringLiteral("Annotations"),
                    layer.annotations.isEmpty() ? QJsonValue() : QJsonValue(layer.annotations));
        layersData.append(data);
    }

    // Labels: null when the config has none, as Go prints a nil map.
    const QJsonValue labels = config.raw.value(QLatin1String("config")).toObject().value(QLatin1String("Labels"));

    QJsonObject out;
    out.insert(QStringLiteral("Name"), result.name);
    out.insert(QStringLiteral("Digest"), result.topManifest->digest().toString());
    out.insert(QStringLiteral("RepoTags"), QJsonArray::fromStringList(result.tags));
    out.insert(QStringLiteral("Created"), config.created.isEmpty() ? QJsonValue() : QJsonValue(config.created));
    out.insert(QStringLiteral("DockerVersion"), config.dockerVersion);
    out.insert(QStringLiteral("Labels"), labels.isObject() ? labels : QJsonValue());
    out.insert(QStringLiteral("Architecture"), config.architecture);
    if (!config.variant.isEmpty())
        out.insert(QStringLiteral("Variant"), config.variant);
    out.insert(QStringLiteral("Os"), config.os);
    out.insert(QStringLiteral("Layers"), layers);
    out.insert(QStringLiteral("LayersData"), layersData);
    out.insert(QStringLiteral("Env"), stringListOrNull(config.env));

    static const QList<QStringList> structs{
        {QStringLiteral("Name"), QStringLiteral("Digest"), QStringLiteral("RepoTags"), QStringLiteral("Created"),
         QStringLiteral("DockerVersion"), QStringLiteral("Labels"), QStringLiteral("Architecture"), QStringLiteral("Variant"),
         QStringLiteral("Os"), QStringLiteral("Layers"), QStringLiteral("LayersData"), QStringLiteral("Env")},
        {QStringLiteral("MIMEType"), QStringLiteral("Digest"), QStringLiteral("Size"), QStringLiteral("Annotations")}};
    return toIndentedJson(out, structs);
}

} // namespace crossdock::cli
