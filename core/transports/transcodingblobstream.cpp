// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/transcodingblobstream.h"

#include <QTimer>

#include <cstring>

namespace crossdock {

TranscodingBlobStream::TranscodingBlobStream(BlobStream *source, const LayerCompression::Target &target,
    const Descriptor &output, const Digest &expectedDiffId, QObject *parent)
    : BlobStream(output, parent)
    , m_source(source)
    , m_sourceBlob(source->blob())
    , m_transcoder(std::make_unique<LayerCompression::Transcoder>(target))
    , m_expectedDiffId(expectedDiffId)
{
    source->setParent(this);
}

TranscodingBlobStream::~TranscodingBlobStream() = default;

QString TranscodingBlobStream::subject() const
{
    return m_source ? m_source->subject() : m_sourceBlob.digest.toString();
}

void TranscodingBlobStream::start()
{
    connect(m_source, &QIODevice::readyRead, this, &TranscodingBlobStream::pump);
    connect(m_source, &BlobStream::completed, this, &TranscodingBlobStream::onSourceCompleted);
    connect(m_source, &BlobStream::failed, this, [this](const Error &error) { fail(error); });
    m_source->start();
}

void TranscodingBlobStream::stop()
{
    setStopped();
    if (m_source) {
        m_source->disconnect(this);
        m_source->stop();
    }
}

qint64 TranscodingBlobStream::bytesAvailable() const
{
    return (m_out.size() - m_outTaken) + QIODevice::bytesAvailable();
}

void TranscodingBlobStream::pump()
{
    m_pumpScheduled = false;
    if (isStopped() || error().isError() || !m_source)
        return;
    // A few hundred KiB of input per turn: the event loop (and the other
    // streams on this thread) keep moving while a layer converts.
    char input[256 * 1024];
    bool made = false;
    for (int turn = 0; turn < 4 && m_out.size() - m_outTaken < HighWater && m_source->bytesAvailable() > 0; ++turn) {
        const qint64 n = m_source->read(input, sizeof input);
        if (n <= 0)
            break;
        m_sourceRead += n;
        QString why;
        const qsizetype before = m_out.size();
        if (!m_transcoder->write(input, static_cast<qsizetype>(n), &m_out, &why))
            return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(subject(), why)));
        made = made || m_out.size() > before;
    }
    Q_EMIT sourceProgress(m_sourceRead);
    if (made) {
        markBodyStarted();
        Q_EMIT readyRead();
    }
    // More to convert and room for it: go on after the event loop had a turn.
    if (m_source->bytesAvailable() > 0 && m_out.size() - m_outTaken < HighWater && !m_pumpScheduled) {
        m_pumpScheduled = true;
        QTimer::singleShot(0, this, &TranscodingBlobStream::pump);
    }
    if (m_source->isComplete() && m_source->bytesAvailable() == 0 && !m_sourceDone)
        onSourceCompleted();
}

void TranscodingBlobStream::onSourceCompleted()
{
    if (m_sourceDone || isStopped() || error().isError())
        return;
    if (m_source->bytesAvailable() > 0)
        return pump(); // the rest first; pump() comes back here
    m_sourceDone = true;
    QString why;
    const qsizetype before = m_out.size();
    if (!m_transcoder->finish(&m_out, &why))
        return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(subject(), why)));
    m_diffId = m_transcoder->diffId();
    if (m_expectedDiffId.isValid() && m_diffId != m_expectedDiffId)
        return fail(Error::make(Error::Code::BadResponse,
            QStringLiteral("%1: its files hash to %2, but the image config says %3 (DiffID)")
                .arg(subject(), m_diffId.toString(), m_expectedDiffId.toString())));
    markAllMade();
    markBodyStarted();
    // Even with nothing new: a consumer waiting for a full chunk learns
    // that what is there is all there is.
    if (m_out.size() > before || bytesAvailable() > 0)
        Q_EMIT readyRead();
    maybeFinish();
}

void TranscodingBlobStream::maybeFinish()
{
    if (m_sourceDone && m_out.size() == m_outTaken)
        finishIfDone(true);
}

qint64 TranscodingBlobStream::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, m_out.size() - m_outTaken);
    if (n <= 0)
        return error().isError() ? -1 : 0;
    std::memcpy(data, m_out.constData() + m_outTaken, static_cast<size_t>(n));
    passed(data, n);
    m_outTaken += n;
    if (m_outTaken > HighWater / 2 || m_outTaken == m_out.size()) { // drop what was taken
        m_out.remove(0, m_outTaken);
        m_outTaken = 0;
        if (m_out.capacity() > 2 * HighWater)
            m_out.squeeze(); // keep the buffer at what it holds, not at its largest
    }
    if (m_sourceDone) // not from inside the consumer's read(): it may still be using its own state
        QTimer::singleShot(0, this, &TranscodingBlobStream::maybeFinish);
    else if (!m_pumpScheduled && m_out.size() - m_outTaken < HighWater) {
        m_pumpScheduled = true;
        QTimer::singleShot(0, this, &TranscodingBlobStream::pump);
    }
    return n;
}

} // namespace crossdock
