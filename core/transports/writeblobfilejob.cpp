#include "core/transports/writeblobfilejob.h"

#include "core/transports/blobstream.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace crossdock {

WriteBlobFileJob::WriteBlobFileJob(const Descriptor &blob, BlobOpener open, const QString &path, QObject *parent)
    : PutBlobJob(blob, parent)
    , m_open(std::move(open))
    , m_path(path)
{
}

WriteBlobFileJob::~WriteBlobFileJob()
{
    discard();
}

void WriteBlobFileJob::doStart()
{
    setState(BlobState::Streaming);
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return emitError(Error::Code::Io, QStringLiteral("cannot create the folder of %1").arg(m_path));
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly))
        return emitError(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString()));
    m_stream = m_open(this);
    connect(m_stream, &QIODevice::readyRead, this, &WriteBlobFileJob::drain);
    connect(m_stream, &BlobStream::completed, this, &WriteBlobFileJob::onCompleted);
    connect(m_stream, &BlobStream::failed, this, [this](const Error &error) {
        discard();
        setState(BlobState::Failed);
        emitError(error);
    });
    m_stream->start();
}

void WriteBlobFileJob::doCancel()
{
    discard();
}

void WriteBlobFileJob::discard()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->stop();
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    // Without commit() the temporary file is removed; the target is untouched.
    m_file.reset();
}

void WriteBlobFileJob::drain()
{
    // A few MiB per turn of the event loop: a local source never runs dry.
    char buffer[64 * 1024];
    for (int chunk = 0; chunk < 64 && m_stream && m_stream->bytesAvailable() > 0; ++chunk) {
        const qint64 n = m_stream->read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        if (m_file->write(buffer, n) != n) {
            const QString why = m_file->errorString();
            discard();
            setState(BlobState::Failed);
            return emitError(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(m_path, why));
        }
        m_written += n;
        Q_EMIT progress(m_written, blob().size);
    }
}

void WriteBlobFileJob::onCompleted()
{
    while (!isFinished() && m_stream && m_stream->bytesAvailable() > 0)
        drain();
    if (isFinished())
        return;
    setState(BlobState::Verifying);
    // Verified by the stream: only now does the blob take its name.
    if (m_written != blob().size || !m_file->commit()) {
        const QString why = m_written != blob().size
            ? QStringLiteral("%1 of %2 bytes written").arg(m_written).arg(blob().size)
            : m_file->errorString();
        discard();
        setState(BlobState::Failed);
        return emitError(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(m_path, why));
    }
    m_file.reset();
    setBytesStreamed(m_written);
    setState(BlobState::Streamed);
    emitSuccess();
}

} // namespace crossdock
