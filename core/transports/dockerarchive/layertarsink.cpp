// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/dockerarchive/layertarsink.h"

#include "core/image/mediatypes.h"
#include "core/transports/archive/tarwriter.h"

#include <zlib.h>

namespace crossdock {

namespace {

constexpr int MagicBytes = 4;

bool isGzip(const QByteArray &head)
{
    return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
}

bool isZstd(const QByteArray &head)
{
    return head.size() >= 4 && head.startsWith(QByteArray::fromHex("28b52ffd"));
}

} // namespace

LayerTarSink::LayerTarSink(TarWriter *archive, const Descriptor &blob)
    : m_archive(archive)
    , m_blob(blob)
{
}

LayerTarSink::~LayerTarSink()
{
    if (m_zlib)
        inflateEnd(m_zlib.get());
    if (m_open)
        m_archive->abandonMember();
}

QString LayerTarSink::describe() const
{
    return QStringLiteral("layer %1 in %2").arg(m_blob.digest.toString(), m_archive->path());
}

bool LayerTarSink::open(QString *error)
{
    m_open = m_archive->beginMember(error);
    return m_open;
}

bool LayerTarSink::store(const char *data, qint64 size, QString *error)
{
    if (!m_archive->writeMember(data, size, error))
        return false;
    m_hasher.addData(data, static_cast<qsizetype>(size));
    m_stored += size;
    return true;
}

bool LayerTarSink::inflate(const char *data, qint64 size, QString *error)
{
    char out[64 * 1024];
    m_zlib->next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    m_zlib->avail_in = static_cast<uInt>(size);
    while (m_zlib->avail_in > 0) {
        if (m_streamEnded) {
            // Another gzip member follows (concatenated gzip is one stream).
            if (inflateReset(m_zlib.get()) != Z_OK) {
                *error = QStringLiteral("%1: cannot decompress it").arg(describe());
                return false;
            }
            m_streamEnded = false;
        }
        m_zlib->next_out = reinterpret_cast<Bytef *>(out);
        m_zlib->avail_out = sizeof out;
        const int status = ::inflate(m_zlib.get(), Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
            *error = QStringLiteral("%1: the gzip data is corrupt (%2)")
                         .arg(describe(), QString::fromLatin1(m_zlib->msg ? m_zlib->msg : "zlib error"));
            return false;
        }
        const qint64 produced = static_cast<qint64>(sizeof out - m_zlib->avail_out);
        if (produced > 0 && !store(out, produced, error))
            return false;
        if (status == Z_STREAM_END)
            m_streamEnded = true;
        else if (status == Z_BUF_ERROR && produced == 0)
            break;
    }
    return true;
}

bool LayerTarSink::write(const char *data, qint64 size, QString *error)
{
    if (m_compression == Compression::Unknown) {
        m_head.append(data, size);
        if (m_head.size() < MagicBytes)
            return true;
        if (isZstd(m_head)) {
            *error = QStringLiteral("%1: zstd layers cannot be stored in a docker archive").arg(describe());
            return false;
        }
        m_compression = isGzip(m_head) ? Compression::Gzip : Compression::None;
        if (m_compression == Compression::Gzip) {
            m_zlib = std::make_unique<z_stream>();
            if (inflateInit2(m_zlib.get(), 16 + MAX_WBITS) != Z_OK) {
                *error = QStringLiteral("%1: cannot start decompressing it").arg(describe());
                return false;
            }
        }
        const QByteArray head = std::exchange(m_head, {});
        return m_compression == Compression::Gzip ? inflate(head.constData(), head.size(), error)
                                                  : store(head.constData(), head.size(), error);
    }
    return m_compression == Compression::Gzip ? inflate(data, size, error) : store(data, size, error);
}

bool LayerTarSink::commit(QString *error)
{
    if (m_compression == Compression::Unknown) {
        // Fewer bytes than a magic number: a (tiny) plain layer.
        m_compression = Compression::None;
        const QByteArray head = std::exchange(m_head, {});
        if (!store(head.constData(), head.size(), error))
            return false;
    }
    if (m_compression == Compression::Gzip && !m_streamEnded) {
        *error = QStringLiteral("%1: the gzip data ends early").arg(describe());
        return false;
    }
    Descriptor written;
    written.mediaType = MediaType::DockerLayerUncompressed;
    written.digest = m_hasher.result();
    written.size = m_stored;
    const QString name = written.digest.hex() + QStringLiteral(".tar");
    if (m_archive->contains(name)) {
        // Two blobs with one content (a layer stored compressed twice): one file.
        m_archive->abandonMember();
    } else if (!m_archive->endMember(name, error)) {
        m_open = false;
        return false;
    }
    m_open = false;
    m_written = written;
    return true;
}

} // namespace crossdock
