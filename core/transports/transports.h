// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/transportreference.h"

#include <memory>

namespace crossdock {

class BlobLocationCache;
class ImageReader;
class ImageWriter;
class RegistryClient;

// Readers and writers for every transport, from a reference: the one place
// that knows them all. A docker reference needs its registry's client (the
// caller's pool decides); the others are files. nullptr with a message
// naming the reference when it cannot be opened.
namespace Transports {

std::unique_ptr<ImageReader> reader(const TransportReference &reference, RegistryClient *client, QString *error);

struct WriterOptions
{
    // A name for an oci:/oci-archive: destination given none (the source's tag).
    QString defaultName;
    // The GUI's local folder keeps manifests as they are (see OciImageWriter).
    bool keepManifests = false;
    BlobLocationCache *locations = nullptr;
    // docker-archive: more RepoTags beside the reference's own name.
    QStringList additionalTags;
};
std::unique_ptr<ImageWriter> writer(const TransportReference &reference, RegistryClient *client,
    const WriterOptions &options, QString *error);

// The tag or name a source reference gives its image, for a destination
// that names none ("latest" for nginx; "app" for oci:dir:app).
QString defaultName(const TransportReference &source);

} // namespace Transports

} // namespace crossdock
