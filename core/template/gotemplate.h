// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/template/templatevalue.h"

#include <QString>

#include <memory>
#include <optional>

namespace crossdock {

namespace gotemplate {
struct Node;
}

// Go's text/template, the part pipelines write in `skopeo inspect --format`:
// text, {{.Field.Key}}, variables, pipelines with |, parentheses, if / else
// if / else, range (with $i, $v :=), with, {{- and -}} trimming, comments,
// literals, and the functions podman's report package gives skopeo (json,
// join, lower, upper, title, split, pad, truncate) besides Go's own (index,
// len, printf, print, println, eq, ne, lt, le, gt, ge, and, or, not).
// Errors name the column (and line) they are about. No definitions or
// template calls: a template that tries one is refused at parse time.
//
// Written here rather than taken from a library: Debian 12 has no C++
// implementation of Go's template language, and pipelines rely on its exact
// printing (map[...], [a b], <no value>) - see TemplateValue.
class GoTemplate {
public:
    // nullopt, with why, for a template that does not parse.
    static std::optional<GoTemplate> parse(const QString &text, QString *error);

    // Runs it with dot (and $) set to data. False, with why, when it fails
    // at run time (a field that does not exist, a function given the wrong
    // kind of value); out then holds what was written before the failure.
    bool execute(const TemplateValue &data, QString *out, QString *error) const;

    ~GoTemplate();
    GoTemplate(GoTemplate &&) noexcept;
    GoTemplate &operator=(GoTemplate &&) noexcept;

private:
    GoTemplate();
    QString m_text;
    std::unique_ptr<gotemplate::Node> m_root;
};

} // namespace crossdock
