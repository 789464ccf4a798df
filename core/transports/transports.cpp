// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/transports.h"

#include "core/transports/dir/dirimagereader.h"
#include "core/transports/dir/dirimagewriter.h"
#include "core/transports/docker/dockerimagereader.h"
#include "core/transports/docker/dockerimagewriter.h"
#include "core/transports/oci/ociimagereader.h"
#include "core/transports/dockerarchive/dockerarchivereader.h"
#include "core/transports/dockerarchive/dockerarchivewriter.h"
#include "core/transports/oci/ociimagewriter.h"
#include "core/transports/ociarchive/ociarchivereader.h"
#include "core/transports/ociarchive/ociarchivewriter.h"

#include <QFileInfo>

namespace crossdock::Transports {

namespace {

// An archive is written as a file: a folder in its place is refused before
// anything is copied.
bool isFolder(const TransportReference &reference, QString *error)
{
    if (!QFileInfo(reference.path()).isDir())
        return false;
    *error = QStringLiteral("%1: %2 is a folder; an archive is written as a file").arg(reference.toString(), reference.path());
    return true;
}

} // namespace

std::unique_ptr<ImageReader> reader(const TransportReference &reference, RegistryClient *client, QString *error)
{
    switch (reference.transport()) {
    case TransportReference::Transport::Docker:
        return std::make_unique<DockerImageReader>(client, reference.image());
    case TransportReference::Transport::Oci:
        return std::make_unique<OciImageReader>(reference.path(), reference.name());
    case TransportReference::Transport::OciArchive:
        return std::make_unique<OciArchiveReader>(reference.path(), reference.name());
    case TransportReference::Transport::DockerArchive:
        return std::make_unique<DockerArchiveReader>(reference.path(), reference.name(), reference.archiveIndex());
    case TransportReference::Transport::Dir:
        return std::make_unique<DirImageReader>(reference.path());
    }
    *error = QStringLiteral("%1: unknown transport").arg(reference.toString());
    return nullptr;
}

std::unique_ptr<ImageWriter> writer(
    const TransportReference &reference, RegistryClient *client, const WriterOptions &options, QString *error)
{
    switch (reference.transport()) {
    case TransportReference::Transport::Docker:
        return std::make_unique<DockerImageWriter>(client, reference.image(), options.locations);
    case TransportReference::Transport::Oci:
        return OciImageWriter::open(reference.path(), reference.name().isEmpty() ? options.defaultName : reference.name(),
            options.keepManifests ? OciImageWriter::Manifests::KeepAsTheyAre : OciImageWriter::Manifests::OciOnly, error);
    case TransportReference::Transport::OciArchive:
        if (isFolder(reference, error))
            return nullptr;
        return std::make_unique<OciArchiveWriter>(
            reference.path(), reference.name().isEmpty() ? options.defaultName : reference.name());
    case TransportReference::Transport::DockerArchive:
        if (isFolder(reference, error))
            return nullptr;
        if (reference.archiveIndex() >= 0) {
            *error = QStringLiteral("%1: @N picks an image to read; name the image to write with :NAME:TAG")
                         .arg(reference.toString());
            return nullptr;
        }
        return std::make_unique<DockerArchiveWriter>(
            reference.path(), QStringList {reference.name()} + options.additionalTags);
    case TransportReference::Transport::Dir:
        return DirImageWriter::open(reference.path(), error);
    }
    *error = QStringLiteral("%1: unknown transport").arg(reference.toString());
    return nullptr;
}

QString defaultName(const TransportReference &source)
{
    switch (source.transport()) {
    case TransportReference::Transport::Docker:
        return source.image().tag();
    case TransportReference::Transport::Oci:
    case TransportReference::Transport::OciArchive:
        return source.name();
    case TransportReference::Transport::DockerArchive:
        return source.name().section(QLatin1Char(':'), -1);
    case TransportReference::Transport::Dir:
        break;
    }
    return {};
}

} // namespace crossdock::Transports
