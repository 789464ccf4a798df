// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/imagereference.h"

#include <QString>
#include <QStringList>

namespace crossdock {

// An image reference with its transport, as skopeo writes them:
//   docker://REF  (or a bare REF: docker is the default)
//   oci:PATH[:NAME]              an OCI image layout folder
//   oci-archive:PATH[:NAME]      a tar of an OCI image layout
//   docker-archive:PATH[:REF|:@N] a `docker save` archive (REF names one of
//                                its RepoTags; @N the N-th image)
//   dir:PATH                     skopeo's directory format
// Transports skopeo has and crossdock does not (containers-storage:,
// docker-daemon:, sif:, ...), and any other `word:` that is not a registry
// host, are refused with the transport named - never taken for a Docker
// Hub image.
class TransportReference final
{
public:
    enum class Transport { Docker, Oci, OciArchive, DockerArchive, Dir };

    TransportReference() = default;
    // A registry image (lets code that copies between registries say so briefly).
    TransportReference(const ImageReference &image); // NOLINT: implicit on purpose

    static TransportReference parse(const QString &text, QString *error = nullptr,
        ImageReference::TagPolicy policy = ImageReference::TagPolicy::DefaultToLatest);
    static TransportReference oci(const QString &path, const QString &name);
    // "docker://, oci:, oci-archive:, docker-archive:, dir:"
    static QString supportedPrefixes();

    bool isValid() const { return m_valid; }
    Transport transport() const { return m_transport; }
    bool isRegistry() const { return m_valid && m_transport == Transport::Docker; }
    // The transport's name as skopeo writes it: "docker", "oci", ...
    QString transportName() const;

    // Docker: the registry image.
    const ImageReference &image() const { return m_image; }
    // The others: the file or folder.
    QString path() const { return m_path; }
    // oci / oci-archive: the image's ref.name (empty: the only one there);
    // docker-archive: a docker reference (RepoTags entry), empty for none.
    QString name() const { return m_name; }
    // docker-archive: @N, the N-th image of the archive; -1 when not given.
    int archiveIndex() const { return m_archiveIndex; }

    QString toString() const;

private:
    bool m_valid = false;
    Transport m_transport = Transport::Docker;
    ImageReference m_image;
    QString m_path;
    QString m_name;
    int m_archiveIndex = -1;
};

} // namespace crossdock
