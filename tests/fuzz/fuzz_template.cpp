// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// inspect --format templates (GoTemplate): any text either parses or says
// why with a position; one that parses runs on an inspect-shaped value to an
// output or an error, within the step and output caps, and gives the same
// output twice (no state leaks between runs). Also fmt.Sprintf on the text
// as a format.
#include "core/template/gotemplate.h"
#include "core/template/templatefunctions.h"
#include "fuzzcheck.h"

using namespace crossdock;

namespace {

TemplateValue data()
{
    QMap<QString, TemplateValue> labels;
    labels.insert(QStringLiteral("version"), TemplateValue::string(QStringLiteral("1.0")));
    labels.insert(QStringLiteral("a.b"), TemplateValue::string(QStringLiteral("c")));
    return TemplateValue::structure({
        {QStringLiteral("Name"), TemplateValue::string(QStringLiteral("r.io/app"))},
        {QStringLiteral("Digest"), TemplateValue::string(QStringLiteral("sha256:00"))},
        {QStringLiteral("RepoTags"), TemplateValue::stringList({QStringLiteral("1"), QStringLiteral("2")})},
        {QStringLiteral("Created"), TemplateValue::time(QStringLiteral("2024-01-02T03:04:05Z"))},
        {QStringLiteral("Labels"), TemplateValue::map(labels)},
        {QStringLiteral("Layers"), TemplateValue::stringList({QStringLiteral("sha256:1")})},
        {QStringLiteral("LayersData"), TemplateValue::list({TemplateValue::structure({{QStringLiteral("Size"), TemplateValue::integer(7)}})})},
        {QStringLiteral("Env"), TemplateValue::stringList({}, true)},
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data_, size_t size)
{
    const QString text = fuzz::textOf(data_, size);
    QString error;
    const std::optional<GoTemplate> parsed = GoTemplate::parse(text, &error);
    FUZZ_CHECK(parsed || error.contains(QLatin1String("column")) || error.contains(QLatin1String("64 KiB")), text);
    if (parsed) {
        static const TemplateValue value = data();
        QString first, second, firstError, secondError;
        const bool ran = parsed->execute(value, &first, &firstError);
        FUZZ_CHECK(ran || !firstError.isEmpty(), text);
        FUZZ_CHECK(first.size() <= 16 * 1024 * 1024 + 64 * 1024, text);
        FUZZ_CHECK(parsed->execute(value, &second, &secondError) == ran && first == second, text);
    }
    gotemplate::sprintf(text, {TemplateValue::string(QStringLiteral("s")), TemplateValue::integer(-5)});
    return 0;
}
