// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"

#include <QString>

namespace crossdock {

// skopeo's dir: format (containers/image directory transport): a folder
// with a `version` file, the top manifest in manifest.json, the manifests
// of an index's images in <hex>.manifest.json, and every blob in a file
// named by its digest's hex.
namespace DirFormat {

inline const QByteArray Version = QByteArrayLiteral("Directory Transport Version: 1.1\n");

inline QString versionPath(const QString &folder) { return folder + QStringLiteral("/version"); }
inline QString manifestPath(const QString &folder, const Digest &instance = {})
{
    return folder + QLatin1Char('/') + (instance.isValid() ? instance.hex() + QStringLiteral(".manifest.json")
                                                           : QStringLiteral("manifest.json"));
}
inline QString blobPath(const QString &folder, const Digest &digest)
{
    return folder + QLatin1Char('/') + digest.hex();
}

} // namespace DirFormat

} // namespace crossdock
