#include "core/transfer/downloadblobjob.h"

#include "core/registry/blobreader.h"
#include "core/registry/registryclient.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimer>

namespace crossdock {

DownloadBlobJob::DownloadBlobJob(
    RegistryClient *source, const QString &repository, const Descriptor &blob, const QString &path, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_repository(repository)
    , m_blob(blob)
    , m_path(path)
{
}

DownloadBlobJob::~DownloadBlobJob()
{
    discard();
}

void DownloadBlobJob::doStart()
{
    attempt();
}

void DownloadBlobJob::doCancel()
{
    discard();
}

void DownloadBlobJob::discard()
{
    if (m_reader) {
        m_reader->disconnect(this);
        m_reader->stop();
        m_reader->deleteLater();
        m_reader = nullptr;
    }
    // Without commit() the temporary file is removed; the target is untouched.
    m_file.reset();
}

void DownloadBlobJob::attempt()
{
    ++m_attempts;
    m_written = 0;
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return emitError(Error::Code::Io, QStringLiteral("cannot create the folder of %1").arg(m_path));
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly))
        return emitError(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString()));
    m_reader = new BlobReader(m_source, m_repository, m_blob, this);
    connect(m_reader, &QIODevice::readyRead, this, &DownloadBlobJob::drain);
    connect(m_reader, &BlobReader::completed, this, &DownloadBlobJob::onCompleted);
    connect(m_reader, &BlobReader::failed, this, &DownloadBlobJob::onFailed);
    m_reader->start();
}

void DownloadBlobJob::drain()
{
    char buffer[64 * 1024];
    while (m_reader && m_reader->bytesAvailable() > 0) {
        const qint64 n = m_reader->read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        if (m_file->write(buffer, n) != n) {
            const QString why = m_file->errorString();
            discard();
            return emitError(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(m_path, why));
        }
        m_written += n;
        Q_EMIT progress(m_written, m_blob.size);
    }
}

void DownloadBlobJob::onCompleted()
{
    drain();
    if (isFinished())
        return;
    // Verified by the reader: only now does the blob take its name.
    if (m_written != m_blob.size || !m_file->commit()) {
        const QString why = m_written != m_blob.size ? QStringLiteral("%1 of %2 bytes written").arg(m_written).arg(m_blob.size)
                                                     : m_file->errorString();
        discard();
        return emitError(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(m_path, why));
    }
    m_file.reset();
    emitSuccess();
}

void DownloadBlobJob::onFailed(const Error &error)
{
    discard();
    const RetryPolicy &policy = m_source->retryPolicy();
    const bool transient = error.code == Error::Code::Unreachable || error.code == Error::Code::Server;
    if (!transient || m_attempts >= policy.maxAttempts)
        return emitError(error);
    Q_EMIT progress(0, m_blob.size);
    QTimer::singleShot(policy.delayMs(m_attempts, {}), Qt::PreciseTimer, this, [this] {
        if (!isFinished())
            attempt();
    });
}

} // namespace crossdock
