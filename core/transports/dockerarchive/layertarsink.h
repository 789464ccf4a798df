// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/image/layercompression.h"
#include "core/transports/blobsink.h"

#include <QByteArray>

#include <memory>

namespace crossdock {

class TarWriter;

// One layer streamed into a docker archive, which holds layers as plain
// tars named by their DiffID (<hex>.tar), as `docker save` does: a gzip or
// zstd layer is decompressed on the way in (LayerCompression::Transcoder),
// a plain one passes as it is, and the digest of what was stored - the
// DiffID - is what the archive's manifest names (written()).
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
    bool store(const QByteArray &bytes, QString *error);

    TarWriter *m_archive;
    Descriptor m_blob;
    bool m_open = false;
    LayerCompression::Transcoder m_decompressor; // to the plain tar, hashed on the way (its DiffID)
    qint64 m_stored = 0;
    std::optional<Descriptor> m_written;
};

} // namespace crossdock
