// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/manifest.h"

#include <QHash>

#include <optional>

namespace crossdock {

// Rewrites a manifest for a destination that cannot keep it as it is, as
// skopeo does: into OCI or Docker schema 2 media types (the manifest's,
// its config's, its layers' and an index's entries), and with descriptors
// that changed (a converted child's new digest; a layer a writer stored
// decompressed). Blobs stay as they are; the manifest's digest changes.
// Everything the target format cannot express is refused with the reason.
namespace ManifestConversion {

enum class Format { Keep, Oci, DockerSchema2 };

// Descriptors to put in place of others, by the digest they replace.
using Replacements = QHash<QString, Descriptor>;

// Whether `manifest` is already in `format` (Keep: always).
bool isIn(const Manifest &manifest, Format format);

// The manifest in `format` with `replacements` applied to its config,
// layers or index entries; the manifest itself when nothing changes.
std::optional<Manifest> rewrite(
    const Manifest &manifest, Format format, const Replacements &replacements, QString *error);

// The media type a descriptor gets in `format` ("" when it has none there).
QString mediaTypeIn(const QString &mediaType, Format format);

} // namespace ManifestConversion

} // namespace crossdock
