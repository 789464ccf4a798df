// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/browse/inspectjob.h"
#include "core/template/templatevalue.h"

#include <QByteArray>
#include <optional>

namespace crossdock::cli {

// What skopeo inspect hands a --format template: the same fields, of the
// same Go types (Created a *time.Time, Labels a map, LayersData structs).
TemplateValue inspectTemplateValue(const InspectResult &result);

// inspect --format TEMPLATE as skopeo runs it (podman's report package):
// "json" or "{{json.}}" print the usual JSON; otherwise literal \n and \t
// become a newline and a tab (unless the template then fails to parse), a
// final newline is added, and the template runs on the image. Checks the
// template before anything is fetched: parse(format) first.
class InspectFormat {
public:
    // nullopt, with the column named in why, for a template that does not parse.
    static std::optional<InspectFormat> parse(const QString &format, QString *why);
    bool isJson() const { return m_json; }
    // The output for result; false with why when the template fails on it.
    bool render(const InspectResult &result, QByteArray *out, QString *why) const;

private:
    bool m_json = false;
    QString m_text; // the template that parsed
};

} // namespace crossdock::cli
