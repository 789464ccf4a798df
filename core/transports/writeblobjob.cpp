// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/writeblobjob.h"

#include "core/transports/blobsink.h"
#include "core/transports/blobstream.h"
#include "core/transports/fileblobsink.h"

namespace crossdock {

WriteBlobJob::WriteBlobJob(const Descriptor &blob, BlobOpener open, SinkFactory makeSink, QObject *parent)
    : PutBlobJob(blob, parent)
    , m_open(std::move(open))
    , m_makeSink(std::move(makeSink))
{
}

WriteBlobJob *WriteBlobJob::toFile(const Descriptor &blob, BlobOpener open, const QString &path, QObject *parent)
{
    return new WriteBlobJob(blob, std::move(open), [path] { return std::make_unique<FileBlobSink>(path); }, parent);
}

WriteBlobJob *WriteBlobJob::toFileNamedByDigest(const Descriptor &blob, BlobOpener open, const QString &folder,
    std::function<QString(const Digest &)> pathFor, QObject *parent)
{
    return new WriteBlobJob(
        blob, std::move(open), [folder, pathFor] { return std::make_unique<FileBlobSink>(folder, pathFor); }, parent);
}

WriteBlobJob::~WriteBlobJob()
{
    discard();
}

void WriteBlobJob::doStart()
{
    setState(BlobState::Streaming);
    m_sink = m_makeSink();
    QString why;
    if (!m_sink->open(&why)) {
        m_sink.reset();
        return emitError(Error::Code::Io, why);
    }
    m_stream = m_open(this);
    connect(m_stream, &QIODevice::readyRead, this, &WriteBlobJob::drain);
    connect(m_stream, &BlobStream::completed, this, &WriteBlobJob::onCompleted);
    connect(m_stream, &BlobStream::failed, this, [this](const Error &error) {
        discard();
        setState(BlobState::Failed);
        emitError(error);
    });
    m_stream->start();
}

void WriteBlobJob::doCancel()
{
    discard();
}

void WriteBlobJob::discard()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->stop();
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    // Without commit() the sink leaves nothing; the target is untouched.
    m_sink.reset();
}

void WriteBlobJob::failWith(const QString &why)
{
    discard();
    setState(BlobState::Failed);
    emitError(Error::Code::Io, why);
}

void WriteBlobJob::drain()
{
    // A few MiB per turn of the event loop: a local source never runs dry.
    char buffer[64 * 1024];
    for (int chunk = 0; chunk < 64 && m_stream && m_stream->bytesAvailable() > 0; ++chunk) {
        const qint64 n = m_stream->read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        QString why;
        if (!m_sink->write(buffer, n, &why))
            return failWith(why);
        m_received += n;
        Q_EMIT progress(m_received, blob().size);
    }
}

void WriteBlobJob::onCompleted()
{
    while (!isFinished() && m_stream && m_stream->bytesAvailable() > 0)
        drain();
    if (isFinished())
        return;
    setState(BlobState::Verifying);
    // Verified by the stream: only now does the blob take its name.
    const bool made = blob().size < 0;
    QString why;
    if (made) { // recompressed on the way: it is what the stream made
        if (m_received != m_stream->blob().size || !m_sink->setMade(m_stream->blob(), &why))
            return failWith(why.isEmpty() ? QStringLiteral("cannot write %1: the stream and the file differ").arg(m_sink->describe()) : why);
        setWritten(m_stream->blob());
    } else if (m_received != blob().size)
        return failWith(QStringLiteral("cannot write %1: %2 of %3 bytes written")
                            .arg(m_sink->describe())
                            .arg(m_received)
                            .arg(blob().size));
    if (!m_sink->commit(&why))
        return failWith(why);
    if (const auto written = m_sink->written())
        setWritten(*written);
    m_sink.reset();
    setBytesStreamed(m_received);
    setState(BlobState::Streamed);
    emitSuccess();
}

} // namespace crossdock
