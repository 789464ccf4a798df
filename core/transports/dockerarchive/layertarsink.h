// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/transports/blobsink.h"

#include <QByteArray>

#include <memory>

typedef struct z_stream_s z_stream;

namespace crossdock {

class TarWriter;

// One layer streamed into a docker archive, which holds layers as plain
// tars named by their DiffID (<hex>.tar), as `docker save` does: a gzip
// layer is decompressed on the way in, a plain one passes as it is, and the
// digest of what was stored - the DiffID - is what the archive's manifest
// names (written()). zstd layers are refused: docker archives cannot hold
// them, and decompressing zstd is not built in.
class LayerTarSink final : public BlobSink
{
public:
    LayerTarSink(TarWriter *archive, const Descriptor &blob);
    ~LayerTarSink() override;

    bool open(QString *error) override;
    bool write(const char *data, qint64 size, QString *error) override;
    bool commit(QString *error) override;
    std::optional<Descriptor> written() const override { return m_written; }
    QString describe() const override;

private:
    enum class Compression { Unknown, None, Gzip };
    bool store(const char *data, qint64 size, QString *error);
    bool inflate(const char *data, qint64 size, QString *error);

    TarWriter *m_archive;
    Descriptor m_blob;
    bool m_open = false;
    Compression m_compression = Compression::Unknown;
    QByteArray m_head; // the first bytes, until the compression is known
    std::unique_ptr<z_stream> m_zlib;
    bool m_streamEnded = false;
    DigestHasher m_hasher;
    qint64 m_stored = 0;
    std::optional<Descriptor> m_written;
};

} // namespace crossdock
