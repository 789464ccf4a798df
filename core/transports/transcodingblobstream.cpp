// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/transcodingblobstream.h"

#include <QPointer>
#include <QRunnable>
#include <QThreadPool>
#include <QTimer>

#include <cstring>

namespace crossdock {

namespace {

// One piece of work for the pool: a piece of input through the transcoder
// (or its end), the output handed back to the stream's own thread through
// `relay`, an object of that thread that lives as long as any task holds it
// (the stream itself may be gone by then: `done` checks).
class TranscodeTask final : public QRunnable
{
public:
    using Done = std::function<void(QByteArray out, bool ok, QString error)>;
    TranscodeTask(std::shared_ptr<LayerCompression::Transcoder> transcoder, QByteArray input, bool last,
        std::shared_ptr<QObject> relay, Done done)
        : m_transcoder(std::move(transcoder))
        , m_input(std::move(input))
        , m_last(last)
        , m_relay(std::move(relay))
        , m_done(std::move(done))
    {
    }

    void run() override
    {
        QByteArray out;
        QString error;
        bool ok = m_input.isEmpty() || m_transcoder->write(m_input.constData(), m_input.size(), &out, &error);
        if (ok && m_last)
            ok = m_transcoder->finish(&out, &error);
        QMetaObject::invokeMethod(
            m_relay.get(), [done = std::move(m_done), out = std::move(out), ok, error]() mutable { done(std::move(out), ok, error); },
            Qt::QueuedConnection);
    }

private:
    std::shared_ptr<LayerCompression::Transcoder> m_transcoder;
    QByteArray m_input;
    bool m_last;
    std::shared_ptr<QObject> m_relay;
    Done m_done;
};

} // namespace

TranscodingBlobStream::TranscodingBlobStream(BlobStream *source, const LayerCompression::Target &target,
    const Descriptor &output, const Digest &expectedDiffId, QObject *parent)
    : BlobStream(output, parent)
    , m_source(source)
    , m_sourceBlob(source->blob())
    , m_transcoder(std::make_shared<LayerCompression::Transcoder>(target))
    , m_relay(new QObject, [](QObject *relay) { relay->deleteLater(); }) // deleted in its thread, after what it relays
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
    connect(m_source, &BlobStream::completed, this, &TranscodingBlobStream::pump);
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
    // One piece at a time on the pool: the transcoder is used by one thread at once.
    if (m_working || m_sourceDone || isStopped() || error().isError() || !m_source)
        return;
    if (m_out.size() - m_outTaken >= HighWater)
        return; // the consumer's read() calls again
    QByteArray input(qMin<qint64>(InputPiece, m_source->bytesAvailable()), Qt::Uninitialized);
    if (!input.isEmpty()) {
        const qint64 n = m_source->read(input.data(), input.size());
        input.resize(std::max<qint64>(0, n));
        m_sourceRead += input.size();
        Q_EMIT sourceProgress(m_sourceRead);
    }
    // The source checked its digest: this is the last piece.
    const bool last = m_source->isComplete() && m_source->bytesAvailable() == 0;
    if (input.isEmpty() && !last)
        return; // the source's readyRead calls again
    m_working = true;
    if (last)
        m_sourceDone = true;
    QThreadPool::globalInstance()->start(new TranscodeTask(m_transcoder, std::move(input), last, m_relay,
        [self = QPointer<TranscodingBlobStream>(this), last](QByteArray out, bool ok, const QString &why) {
            if (self)
                self->onPieceDone(std::move(out), ok, why, last);
        }));
}

void TranscodingBlobStream::onPieceDone(QByteArray out, bool ok, const QString &why, bool last)
{
    m_working = false;
    if (isStopped() || error().isError())
        return;
    if (!ok)
        return fail(Error::make(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(subject(), why)));
    if (m_outTaken == m_out.size()) { // nothing waiting: take the piece as it is
        m_out = std::move(out);
        m_outTaken = 0;
    } else {
        m_out.append(out);
    }
    if (last) {
        m_diffId = m_transcoder->diffId();
        if (m_expectedDiffId.isValid() && m_diffId != m_expectedDiffId)
            return fail(Error::make(Error::Code::BadResponse,
                QStringLiteral("%1: its files hash to %2, but the image config says %3 (DiffID)")
                    .arg(subject(), m_diffId.toString(), m_expectedDiffId.toString())));
        markAllMade();
    }
    markBodyStarted();
    // Even with nothing new: a consumer waiting for a full chunk learns
    // when what is there is all there is.
    if (bytesAvailable() > 0 || last)
        Q_EMIT readyRead();
    if (last)
        return maybeFinish();
    pump();
}

void TranscodingBlobStream::maybeFinish()
{
    if (!isAllMade() || m_out.size() != m_outTaken)
        return;
    // A result known beforehand (the cache) that the bytes made fall short of.
    if (!isMadeAsItGoes() && bytesPassed() != blob().size)
        return fail(Error::make(Error::Code::BadResponse,
            QStringLiteral("%1: recompressed to %2 bytes, not the %3 an earlier conversion gave").arg(subject()).arg(bytesPassed()).arg(blob().size)));
    finishIfDone(true);
}

qint64 TranscodingBlobStream::readData(char *data, qint64 maxSize)
{
    if (room() <= 0 && m_out.size() > m_outTaken) { // more than a result known beforehand
        fail(Error::make(Error::Code::BadResponse,
            QStringLiteral("%1: recompressed to more than the %2 bytes an earlier conversion gave").arg(subject()).arg(blob().size)));
        return -1;
    }
    const qint64 n = std::min<qint64>({maxSize, m_out.size() - m_outTaken, room()});
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
    // Not from inside the consumer's read(): it may still be using its own state.
    if (isAllMade())
        QTimer::singleShot(0, this, &TranscodingBlobStream::maybeFinish);
    else if (!m_pumpScheduled && !m_working && m_out.size() - m_outTaken < HighWater) {
        m_pumpScheduled = true;
        QTimer::singleShot(0, this, &TranscodingBlobStream::pump);
    }
    return n;
}

} // namespace crossdock
