// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/layercompression.h"
#include "core/transports/blobstream.h"

#include <QPointer>

#include <memory>

namespace crossdock {

// A layer recompressed as it streams: reads the source's BlobStream (which
// checks the source's own digest), decompresses and compresses it
// (LayerCompression::Transcoder) and hands out the new bytes. Its
// descriptor is made as it goes (size -1; the digest too unless a
// blob-location cache knew it): complete() fills them in. The layer's DiffID
// is checked against the image config's - a recompression that changed the
// files would fail here, not in a runtime.
//
// At most HighWater bytes of output (and one input piece's worth more) wait
// for the consumer; the source is not read further until some are taken, so
// memory stays bounded whatever the layer's size. HighWater is twice the
// largest piece a consumer waits for (BlobTransferJob::MadeChunkSize): the
// producer always runs until a whole chunk is there.
class TranscodingBlobStream final : public BlobStream
{
    Q_OBJECT

public:
    static constexpr qsizetype HighWater = 4 * 1024 * 1024;
    // Input handed to the thread pool at once.
    static constexpr qsizetype InputPiece = 512 * 1024;

    // output: the media type to give the result, and its digest and size
    // when known beforehand (else size -1, no digest). expectedDiffId may be
    // invalid (not known: not checked).
    TranscodingBlobStream(BlobStream *source, const LayerCompression::Target &target, const Descriptor &output,
        const Digest &expectedDiffId, QObject *parent = nullptr);
    ~TranscodingBlobStream() override;

    void start() override;
    void stop() override;
    QString subject() const override;
    qint64 bytesAvailable() const override;

    const Descriptor &source() const { return m_sourceBlob; }
    // The source's bytes read so far (progress against the source's size).
    qint64 sourceBytesRead() const { return m_sourceRead; }
    Digest diffId() const { return m_diffId; }

Q_SIGNALS:
    void sourceProgress(qint64 bytes);

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    // Hands the next piece of input to the thread pool (decompressing and
    // compressing are CPU work: off the network thread, on every core).
    void pump();
    void onPieceDone(QByteArray out, bool ok, const QString &why, bool last);
    void maybeFinish();

    QPointer<BlobStream> m_source;
    Descriptor m_sourceBlob;
    std::shared_ptr<LayerCompression::Transcoder> m_transcoder; // shared with the piece in the pool
    std::shared_ptr<QObject> m_relay; // where the pool hands pieces back (see TranscodeTask)
    Digest m_expectedDiffId;
    Digest m_diffId;
    QByteArray m_out; // made, not yet taken
    qsizetype m_outTaken = 0; // of m_out, already handed out
    qint64 m_sourceRead = 0;
    bool m_sourceDone = false;
    bool m_pumpScheduled = false;
    bool m_working = false; // a piece is in the pool
};

} // namespace crossdock
