// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/template/templatevalue.h"

namespace crossdock::gotemplate {

// The functions a GoTemplate can call: Go's builtins and podman's report
// functions (see GoTemplate).
bool isFunction(const QString &name);
// False, with why (without the function's name), when the arguments do not fit.
bool callFunction(const QString &name, const QList<TemplateValue> &args, TemplateValue *result, QString *why);

// fmt.Sprintf for the verbs templates use: %v %s %d %q %x %X %t %c %%,
// with flags (- + 0 space #), width and precision; Go's %!verb(...) marks
// for a missing, extra or unfitting argument.
QString sprintf(const QString &format, const QList<TemplateValue> &args);

} // namespace crossdock::gotemplate
