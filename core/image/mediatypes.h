// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace crossdock::MediaType {

inline const QString OciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString OciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
inline const QString DockerManifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
inline const QString DockerManifestList = QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
inline const QString DockerSchema1Signed = QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws");
inline const QString DockerSchema1 = QStringLiteral("application/vnd.docker.distribution.manifest.v1+json");
inline const QString OciConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
inline const QString DockerConfig = QStringLiteral("application/vnd.docker.container.image.v1+json");
// A plain (uncompressed) layer tar: how docker archives hold layers.
inline const QString DockerLayerUncompressed = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar");

// Everything a manifest GET accepts, most preferred first.
inline QString acceptHeader()
{
    return QStringList{OciIndex, OciManifest, DockerManifestList, DockerManifest,
                       DockerSchema1Signed, DockerSchema1}
        .join(QStringLiteral(", "));
}

inline bool isIndex(const QString &type) { return type == OciIndex || type == DockerManifestList; }
inline bool isImageManifest(const QString &type) { return type == OciManifest || type == DockerManifest; }
inline bool isConfig(const QString &type) { return type == OciConfig || type == DockerConfig; }
inline bool isSchema1(const QString &type) { return type == DockerSchema1Signed || type == DockerSchema1; }

} // namespace crossdock::MediaType
