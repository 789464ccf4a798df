// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "inspectformat.h"

#include "core/template/gotemplate.h"
#include "inspectoutput.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace crossdock::cli {

namespace {

TemplateValue stringMap(const QJsonValue &object)
{
    QMap<QString, TemplateValue> entries;
    const QJsonObject o = object.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        entries.insert(it.key(), TemplateValue::string(it->toString()));
    return TemplateValue::map(entries, !object.isObject());
}

// podman's report.NormalizeFormat: \t and \n typed literally, a final newline.
QString normalised(QString format)
{
    format.replace(QStringLiteral("\\t"), QStringLiteral("\t")).replace(QStringLiteral("\\n"), QStringLiteral("\n"));
    return format;
}

QString withNewline(const QString &text)
{
    return text.endsWith(QLatin1Char('\n')) ? text : text + QLatin1Char('\n');
}

} // namespace

TemplateValue inspectTemplateValue(const InspectResult &result)
{
    const Manifest &image = *result.imageManifest;
    const ImageConfig &config = *result.config;
    QList<TemplateValue> layers;
    QList<TemplateValue> layersData;
    for (const Descriptor &layer : image.layers()) {
        layers << TemplateValue::string(layer.digest.toString());
        layersData << TemplateValue::structure({{QStringLiteral("MIMEType"), TemplateValue::string(layer.mediaType)},
            {QStringLiteral("Digest"), TemplateValue::string(layer.digest.toString())},
            {QStringLiteral("Size"), TemplateValue::integer(layer.size)},
            {QStringLiteral("Annotations"), stringMap(layer.annotations.isEmpty() ? QJsonValue() : QJsonValue(layer.annotations))}});
    }
    return TemplateValue::structure(
        {
            {QStringLiteral("Name"), TemplateValue::string(result.name)},
            {QStringLiteral("Digest"), TemplateValue::string(result.topManifest->digest().toString())},
            {QStringLiteral("RepoTags"), TemplateValue::stringList(result.tags)},
            {QStringLiteral("Created"), TemplateValue::time(config.created)},
            {QStringLiteral("DockerVersion"), TemplateValue::string(config.dockerVersion)},
            {QStringLiteral("Labels"),
                stringMap(config.raw.value(QLatin1String("config")).toObject().value(QLatin1String("Labels")))},
            {QStringLiteral("Architecture"), TemplateValue::string(config.architecture)},
            {QStringLiteral("Variant"), TemplateValue::string(config.variant)},
            {QStringLiteral("Os"), TemplateValue::string(config.os)},
            {QStringLiteral("Layers"), TemplateValue::list(layers)},
            {QStringLiteral("LayersData"), TemplateValue::list(layersData)},
            {QStringLiteral("Env"), TemplateValue::stringList(config.env, true)},
        },
        {QStringLiteral("Name"), QStringLiteral("Variant")});
}

std::optional<InspectFormat> InspectFormat::parse(const QString &format, QString *why)
{
    InspectFormat result;
    // {{json .}} too, as skopeo 1.9.3 (containers/common's report) reads it.
    static const QRegularExpression json(QStringLiteral(R"(^\s*(json|\{\{\s*json\s*\.?\s*\}\})\s*$)"));
    if (json.match(format).hasMatch()) {
        result.m_json = true;
        return result;
    }
    if (format.startsWith(QLatin1String("table "))) {
        *why = QStringLiteral("table formats are for lists; inspect prints one image");
        return std::nullopt;
    }
    // As podman: the template with \n and \t made real, else as typed.
    QString error;
    for (const QString &candidate : {withNewline(normalised(format)), withNewline(format)}) {
        if (GoTemplate::parse(candidate, error.isEmpty() ? &error : why)) {
            result.m_text = candidate;
            return result;
        }
    }
    *why = error; // where the user's own text went wrong
    return std::nullopt;
}

bool InspectFormat::render(const InspectResult &result, QByteArray *out, QString *why) const
{
    if (m_json) {
        *out = inspectJson(result);
        return true;
    }
    const std::optional<GoTemplate> parsed = GoTemplate::parse(m_text, why);
    if (!parsed)
        return false;
    QString text;
    if (!parsed->execute(inspectTemplateValue(result), &text, why))
        return false;
    *out = text.toUtf8();
    return true;
}

} // namespace crossdock::cli
