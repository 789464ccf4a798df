// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace crossdock {

// How a layer blob is compressed, and streaming recompression between the
// kinds, as bytes pass (zlib for gzip, libzstd for zstd; both from Debian).
namespace LayerCompression {

enum class Kind { Unknown, None, Gzip, Zstd };

// From the blob's first bytes (gzip 1f 8b, zstd 28 b5 2f fd; a tar otherwise).
Kind sniff(const QByteArray &head);
// From a layer media type (OCI or Docker); Unknown for anything else.
Kind ofMediaType(const QString &mediaType);
// A layer media type for kind, in the family of `like` (OCI or Docker);
// "" when that family has none (Docker has no zstd layer type).
QString mediaTypeFor(Kind kind, const QString &like);
QString name(Kind kind); // "gzip", "zstd", "uncompressed"

// The compressor's settings; level 0 is the library's default (gzip 6, zstd 3).
struct Target {
    Kind kind = Kind::Gzip;
    int level = 0;
    // Whether other settings give other bytes: the blob-location cache keys
    // converted layers by this ("zstd:3").
    QString key() const;
    // "recompressed to zstd (level 19)", "decompressed".
    QString describe() const;
};

// Decompresses a layer (whatever it turns out to be: gzip, zstd, plain) and
// compresses it as target says, in pieces: write() appends what is ready to
// `out`, finish() the rest. The uncompressed bytes are hashed on the way -
// the layer's DiffID, which no recompression may change. zstd compresses on
// as many threads as the machine has cores (ZSTD_c_nbWorkers); its output
// does not depend on their number.
class Transcoder
{
public:
    explicit Transcoder(const Target &target);
    ~Transcoder();
    Transcoder(const Transcoder &) = delete;
    Transcoder &operator=(const Transcoder &) = delete;

    bool write(const char *data, qsizetype size, QByteArray *out, QString *error);
    // After the last write: flushes the compressor; fails if the input
    // ended inside a compressed frame.
    bool finish(QByteArray *out, QString *error);

    // The uncompressed layer's digest and size (after finish()).
    Digest diffId();
    qint64 uncompressedSize() const;
    Kind sourceKind() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace LayerCompression

} // namespace crossdock
