// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

namespace crossdock::cli {

// A duration as Go's time.ParseDuration reads it, which skopeo's
// --command-timeout and --retry-delay take: "90s", "1h30m", "1.5h", "250ms".
// Returns milliseconds (up to 100 days), or nullopt with why set.
std::optional<qint64> parseGoDuration(const QString &text, QString *why);

} // namespace crossdock::cli
