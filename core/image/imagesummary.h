// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace crossdock {

// What a tag table shows about one tag: a function of the manifest digest
// alone, so it can be remembered by digest.
struct ImageSummary {
    enum class Kind { Image, Index, Schema1 };

    Digest digest;
    QString mediaType;
    Kind kind = Kind::Image;
    QStringList platforms; // os/arch[/variant]; attestation entries left out
    qint64 compressedSize = -1; // layers summed (an index: every platform's distinct layers); -1 unknown
    QDateTime created; // the image's (an index: its first platform's); invalid when unknown

    // "OCI index", "Docker image", ... for the Type column.
    QString typeName() const;
};

} // namespace crossdock
