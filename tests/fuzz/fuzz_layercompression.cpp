// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Layer recompression: whatever a registry sends as a layer (gzip, zstd, a
// tar, garbage, cut anywhere), the transcoder either fails with a message or
// produces a blob that decompresses to the same bytes - the same DiffID -
// whatever the pieces it was fed in.
#include "core/image/layercompression.h"
#include "fuzzcheck.h"

using namespace crossdock;
using LayerCompression::Kind;

namespace {

bool transcode(const QByteArray &input, const LayerCompression::Target &target, qsizetype piece, QByteArray *out,
    Digest *diffId, QString *error)
{
    LayerCompression::Transcoder transcoder(target);
    for (qsizetype at = 0; at < input.size(); at += piece)
        if (!transcoder.write(input.constData() + at, std::min(piece, input.size() - at), out, error))
            return false;
    if (!transcoder.finish(out, error))
        return false;
    *diffId = transcoder.diffId();
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // The first byte picks the target and the piece size; the rest is the layer.
    const Kind kinds[] = {Kind::None, Kind::Gzip, Kind::Zstd};
    const LayerCompression::Target target {kinds[data[0] % 3], 1};
    const qsizetype piece = 1 + data[0] / 3;
    const QByteArray layer = fuzz::bytesOf(data + 1, size - 1);
    QByteArray out;
    Digest diffId;
    QString error;
    if (!transcode(layer, target, piece, &out, &diffId, &error)) {
        FUZZ_CHECK(!error.isEmpty(), QString::fromLatin1(layer.toHex()));
        return 0;
    }
    // What it made reads back, in other pieces, to the same uncompressed bytes.
    QByteArray plain;
    Digest again;
    FUZZ_CHECK(transcode(out, {Kind::None, 0}, 4096, &plain, &again, &error), error);
    FUZZ_CHECK(again == diffId, QString::fromLatin1(layer.toHex()));
    FUZZ_CHECK(LayerCompression::sniff(out.left(4)) == target.kind || out.size() < 4, QString::fromLatin1(layer.toHex()));
    return 0;
}
