// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/imageconfig.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace crossdock {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list << v.toString();
    return list;
}

void readRuntimeConfig(ImageConfig &c, const QJsonObject &config)
{
    c.env = stringList(config.value(QLatin1String("Env")));
    c.entrypoint = stringList(config.value(QLatin1String("Entrypoint")));
    c.cmd = stringList(config.value(QLatin1String("Cmd")));
    c.labels = config.value(QLatin1String("Labels")).toObject();
    c.exposedPorts = config.value(QLatin1String("ExposedPorts")).toObject().keys();
    c.user = config.value(QLatin1String("User")).toString();
    c.workingDir = config.value(QLatin1String("WorkingDir")).toString();
}

} // namespace

std::optional<ImageConfig> ImageConfig::parse(const QByteArray &bytes, QString *error)
{
    if (bytes.size() > MaxSize) {
        *error = QStringLiteral("image config is %1 bytes, over the %2-byte limit").arg(bytes.size()).arg(MaxSize);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("image config is not a JSON object (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    ImageConfig c;
    c.raw = object;
    c.created = object.value(QLatin1String("created")).toString();
    c.author = object.value(QLatin1String("author")).toString();
    c.dockerVersion = object.value(QLatin1String("docker_version")).toString();
    c.os = object.value(QLatin1String("os")).toString();
    c.architecture = object.value(QLatin1String("architecture")).toString();
    c.variant = object.value(QLatin1String("variant")).toString();
    readRuntimeConfig(c, object.value(QLatin1String("config")).toObject());
    for (const QJsonValue &v : object.value(QLatin1String("history")).toArray()) {
        const QJsonObject h = v.toObject();
        c.history << HistoryEntry{h.value(QLatin1String("created")).toString(),
                                  h.value(QLatin1String("created_by")).toString(),
                                  h.value(QLatin1String("comment")).toString(),
                                  h.value(QLatin1String("empty_layer")).toBool()};
    }
    c.diffIds = stringList(object.value(QLatin1String("rootfs")).toObject().value(QLatin1String("diff_ids")));
    return c;
}

ImageConfig ImageConfig::fromSchema1(const QJsonObject &v1, const QString &architecture)
{
    ImageConfig c;
    c.raw = v1;
    c.created = v1.value(QLatin1String("created")).toString();
    c.author = v1.value(QLatin1String("author")).toString();
    c.dockerVersion = v1.value(QLatin1String("docker_version")).toString();
    c.os = v1.value(QLatin1String("os")).toString();
    c.architecture = v1.value(QLatin1String("architecture")).toString(architecture);
    readRuntimeConfig(c, v1.value(QLatin1String("config")).toObject());
    return c;
}

} // namespace crossdock
