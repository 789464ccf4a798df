// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/layercompression.h"

#include "core/image/mediatypes.h"

#include <QThread>

#include <isa-l/igzip_lib.h>
#include <zlib.h>
#include <zstd.h>

namespace crossdock::LayerCompression {

namespace {

const QString OciLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar");
const QString OciLayerGzip = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
const QString OciLayerZstd = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
const QString DockerLayerGzip = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");

constexpr qsizetype OutChunk = 256 * 1024;

} // namespace

Kind sniff(const QByteArray &head)
{
    if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b)
        return Kind::Gzip;
    if (head.startsWith(QByteArray::fromHex("28b52ffd")))
        return Kind::Zstd;
    return head.size() >= 4 ? Kind::None : Kind::Unknown;
}

Kind ofMediaType(const QString &mediaType)
{
    if (mediaType == OciLayerGzip || mediaType == DockerLayerGzip)
        return Kind::Gzip;
    if (mediaType == OciLayerZstd)
        return Kind::Zstd;
    if (mediaType == OciLayer || mediaType == MediaType::DockerLayerUncompressed)
        return Kind::None;
    return Kind::Unknown;
}

QString mediaTypeFor(Kind kind, const QString &like)
{
    const bool docker = like.startsWith(QLatin1String("application/vnd.docker."));
    switch (kind) {
    case Kind::Gzip:
        return docker ? DockerLayerGzip : OciLayerGzip;
    case Kind::Zstd:
        return docker ? QString() : OciLayerZstd;
    case Kind::None:
        return docker ? MediaType::DockerLayerUncompressed : OciLayer;
    case Kind::Unknown:
        break;
    }
    return {};
}

QString name(Kind kind)
{
    switch (kind) {
    case Kind::Gzip:
        return QStringLiteral("gzip");
    case Kind::Zstd:
        return QStringLiteral("zstd");
    case Kind::None:
        return QStringLiteral("uncompressed");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString Target::key() const
{
    return kind == Kind::None ? name(kind) : QStringLiteral("%1:%2").arg(name(kind)).arg(level);
}

QString Target::describe() const
{
    if (kind == Kind::None)
        return QStringLiteral("decompressed");
    return level > 0 ? QStringLiteral("recompressed to %1 (level %2)").arg(name(kind)).arg(level)
                     : QStringLiteral("recompressed to %1").arg(name(kind));
}

struct Transcoder::Private {
    Target target;
    Kind source = Kind::Unknown;
    QByteArray head; // the first bytes, until the kind is known
    DigestHasher diffHasher;
    qint64 uncompressed = 0;
    Digest diffId;

    // gzip is read with Intel ISA-L's igzip (2-3 times zlib's speed; it
    // checks the CRC and size trailer too), written with zlib.
    std::unique_ptr<inflate_state> inflater;
    bool gzipMemberEnded = false;
    ZSTD_DStream *zstdIn = nullptr;
    size_t zstdInPending = 0; // ZSTD_decompressStream's hint: 0 at a frame's end

    z_stream deflater {};
    bool deflaterOpen = false;
    ZSTD_CCtx *zstdOut = nullptr;

    ~Private()
    {
        if (deflaterOpen)
            deflateEnd(&deflater);
        ZSTD_freeDStream(zstdIn);
        ZSTD_freeCCtx(zstdOut);
    }

    bool openCompressor(QString *error)
    {
        switch (target.kind) {
        case Kind::Gzip:
            // 15 + 16: a gzip header and trailer, as layers carry.
            if (deflateInit2(&deflater, target.level > 0 ? target.level : Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                    Z_DEFAULT_STRATEGY) != Z_OK) {
                *error = QStringLiteral("cannot start a gzip compressor");
                return false;
            }
            deflaterOpen = true;
            return true;
        case Kind::Zstd:
            zstdOut = ZSTD_createCCtx();
            if (!zstdOut || ZSTD_isError(ZSTD_CCtx_setParameter(zstdOut, ZSTD_c_compressionLevel, target.level > 0 ? target.level : 3))) {
                *error = QStringLiteral("cannot start a zstd compressor at level %1").arg(target.level);
                return false;
            }
            // Every core: the output is the same with any number of workers.
            // (A libzstd built without threads refuses; it then compresses on this one.)
            ZSTD_CCtx_setParameter(zstdOut, ZSTD_c_nbWorkers, std::max(1, QThread::idealThreadCount()));
            ZSTD_CCtx_setParameter(zstdOut, ZSTD_c_checksumFlag, 1);
            // 1 MiB jobs: each worker's buffers stay small (4 MiB jobs cost
            // ~100 MiB more for two layers at once; measured 2026-12-07).
            ZSTD_CCtx_setParameter(zstdOut, ZSTD_c_jobSize, 1024 * 1024);
            return true;
        case Kind::None:
            return true;
        case Kind::Unknown:
            break;
        }
        *error = QStringLiteral("no compression chosen");
        return false;
    }

    bool openDecompressor(QString *error)
    {
        switch (source) {
        case Kind::Gzip:
            inflater = std::make_unique<inflate_state>();
            isal_inflate_init(inflater.get());
            inflater->crc_flag = ISAL_GZIP;
            return true;
        case Kind::Zstd:
            zstdIn = ZSTD_createDStream();
            if (!zstdIn) {
                *error = QStringLiteral("cannot start a zstd decompressor");
                return false;
            }
            return true;
        default:
            return true;
        }
    }

    // Uncompressed bytes: hashed, then compressed into out.
    bool compress(const char *data, size_t size, bool last, QByteArray *out, QString *error)
    {
        if (data && size > 0) {
            diffHasher.addData(data, static_cast<qsizetype>(size));
            uncompressed += static_cast<qint64>(size);
        }
        switch (target.kind) {
        case Kind::None:
            if (size > 0)
                out->append(data, static_cast<qsizetype>(size));
            return true;
        case Kind::Gzip: {
            deflater.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
            deflater.avail_in = static_cast<uInt>(size);
            int status = Z_OK;
            do {
                const qsizetype before = out->size();
                out->resize(before + OutChunk);
                deflater.next_out = reinterpret_cast<Bytef *>(out->data() + before);
                deflater.avail_out = static_cast<uInt>(OutChunk);
                status = deflate(&deflater, last ? Z_FINISH : Z_NO_FLUSH);
                out->resize(before + OutChunk - deflater.avail_out);
                if (status == Z_STREAM_ERROR) {
                    *error = QStringLiteral("gzip compression failed");
                    return false;
                }
            } while (deflater.avail_out == 0 || (last && status != Z_STREAM_END));
            return true;
        }
        case Kind::Zstd: {
            ZSTD_inBuffer in {data, size, 0};
            const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
            for (;;) {
                const qsizetype before = out->size();
                out->resize(before + OutChunk);
                ZSTD_outBuffer buffer {out->data() + before, static_cast<size_t>(OutChunk), 0};
                const size_t remaining = ZSTD_compressStream2(zstdOut, &buffer, &in, mode);
                out->resize(before + static_cast<qsizetype>(buffer.pos));
                if (ZSTD_isError(remaining)) {
                    *error = QStringLiteral("zstd compression failed: %1").arg(QString::fromLatin1(ZSTD_getErrorName(remaining)));
                    return false;
                }
                // Done when the input is taken and (at the end) everything is flushed.
                if (last ? remaining == 0 : (in.pos == in.size && buffer.pos < buffer.size))
                    return true;
            }
        }
        case Kind::Unknown:
            break;
        }
        return false;
    }

    bool decompress(const char *data, size_t size, QByteArray *out, QString *error)
    {
        char buffer[OutChunk];
        switch (source) {
        case Kind::None:
            return compress(data, size, false, out, error);
        case Kind::Gzip:
            inflater->next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(data));
            inflater->avail_in = static_cast<uint32_t>(size);
            for (;;) {
                if (gzipMemberEnded) { // another member follows: concatenated gzip is one stream
                    if (inflater->avail_in == 0)
                        break;
                    uint8_t *const nextIn = inflater->next_in;
                    const uint32_t availIn = inflater->avail_in;
                    isal_inflate_reset(inflater.get());
                    inflater->crc_flag = ISAL_GZIP;
                    inflater->next_in = nextIn;
                    inflater->avail_in = availIn;
                    gzipMemberEnded = false;
                }
                inflater->next_out = reinterpret_cast<uint8_t *>(buffer);
                inflater->avail_out = sizeof buffer;
                const int status = isal_inflate(inflater.get());
                if (status < 0) {
                    *error = status == ISAL_INCORRECT_CHECKSUM ? QStringLiteral("the gzip data is corrupt (its checksum does not match)")
                                                               : QStringLiteral("the gzip data is corrupt (igzip error %1)").arg(status);
                    return false;
                }
                const size_t produced = sizeof buffer - inflater->avail_out;
                if (produced > 0 && !compress(buffer, produced, false, out, error))
                    return false;
                if (inflater->block_state == ISAL_BLOCK_FINISH)
                    gzipMemberEnded = true;
                else if (inflater->avail_in == 0 && produced < sizeof buffer)
                    break; // all input taken, nothing more to give until more comes
            }
            return true;
        case Kind::Zstd: {
            // Until the input is taken and the decoder has nothing more to
            // give (a full output buffer means it may hold more).
            ZSTD_inBuffer in {data, size, 0};
            bool full = false;
            while (in.pos < in.size || full) {
                ZSTD_outBuffer o {buffer, sizeof buffer, 0};
                const size_t hint = ZSTD_decompressStream(zstdIn, &o, &in);
                if (ZSTD_isError(hint)) {
                    *error = QStringLiteral("the zstd data is corrupt (%1)").arg(QString::fromLatin1(ZSTD_getErrorName(hint)));
                    return false;
                }
                zstdInPending = hint; // 0: a frame ended here
                full = o.pos == o.size;
                if (o.pos > 0 && !compress(buffer, o.pos, false, out, error))
                    return false;
            }
            return true;
        }
        case Kind::Unknown:
            break;
        }
        return false;
    }
};

Transcoder::Transcoder(const Target &target)
    : d(std::make_unique<Private>())
{
    d->target = target;
}

Transcoder::~Transcoder() = default;

bool Transcoder::write(const char *data, qsizetype size, QByteArray *out, QString *error)
{
    if (d->source == Kind::Unknown) {
        d->head.append(data, size);
        if (d->head.size() < 4)
            return true; // too little to tell yet
        d->source = sniff(d->head);
        if (!d->openCompressor(error) || !d->openDecompressor(error))
            return false;
        const QByteArray head = std::exchange(d->head, {});
        return d->decompress(head.constData(), static_cast<size_t>(head.size()), out, error);
    }
    return d->decompress(data, static_cast<size_t>(size), out, error);
}

bool Transcoder::finish(QByteArray *out, QString *error)
{
    if (d->source == Kind::Unknown) { // fewer than 4 bytes in all: not compressed
        d->source = d->head.isEmpty() ? Kind::None : sniff(d->head + QByteArray(4, '\0'));
        if (d->source == Kind::Unknown)
            d->source = Kind::None;
        if (!d->openCompressor(error) || !d->openDecompressor(error))
            return false;
        const QByteArray head = std::exchange(d->head, {});
        if (!d->decompress(head.constData(), static_cast<size_t>(head.size()), out, error))
            return false;
    }
    if (d->source == Kind::Gzip && !d->gzipMemberEnded) {
        *error = QStringLiteral("the gzip data ends too early");
        return false;
    }
    if (d->source == Kind::Zstd && d->zstdInPending != 0) {
        *error = QStringLiteral("the zstd data ends too early");
        return false;
    }
    if (!d->compress(nullptr, 0, true, out, error))
        return false;
    d->diffId = d->diffHasher.result();
    return true;
}

Digest Transcoder::diffId()
{
    return d->diffId;
}

qint64 Transcoder::uncompressedSize() const
{
    return d->uncompressed;
}

Kind Transcoder::sourceKind() const
{
    return d->source;
}

} // namespace crossdock::LayerCompression
