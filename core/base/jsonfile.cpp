// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/base/jsonfile.h"

#include <QFile>
#include <QJsonDocument>

namespace crossdock {

std::optional<QJsonObject> readJsonObjectFile(const QString &path, const QString &what, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(4 * 1024 * 1024), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("%1 %2 is not valid JSON (%3 at offset %4)")
                  .arg(what, path, parseError.errorString())
                  .arg(parseError.offset)
            : QStringLiteral("%1 %2 is not valid JSON (not an object)").arg(what, path);
        return std::nullopt;
    }
    return document.object();
}

} // namespace crossdock
