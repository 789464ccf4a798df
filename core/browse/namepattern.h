// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QRegularExpression>
#include <QString>

namespace crossdock {

// What a filter field means, for repository and tag names, case-insensitively:
// - Substring: the text anywhere in the name ("app" finds "my-app-1");
// - Glob: the whole name, as a shell matches files ("1.1?.5" is 1.10.5 or
//   1.12.5, never 1.11.57; "app-*" names starting with app-);
// - Regex: a regular expression, anywhere in the name (anchor with ^ $).
namespace NamePattern {

enum class Mode { Substring, Glob, Regex };

// An invalid pattern gives an invalid expression and, in *error, where and why.
QRegularExpression compile(const QString &pattern, Mode mode, QString *error);

} // namespace NamePattern

} // namespace crossdock
