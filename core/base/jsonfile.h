// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace crossdock {

// Reads a small JSON file whose top level is an object (settings, auth
// files). A missing file is an empty object; one that cannot be read or is
// not a JSON object is an error naming `what` and the path, so callers can
// refuse to overwrite what they do not understand.
std::optional<QJsonObject> readJsonObjectFile(const QString &path, const QString &what, QString *error);

} // namespace crossdock
