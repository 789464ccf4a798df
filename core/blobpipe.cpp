#include "blobpipe.h"

#include <QNetworkReply>

namespace crossdock {

BlobPipe::BlobPipe(QNetworkReply *source, qint64 expectedSize, const QString &algorithm, QObject *parent)
    : QIODevice(parent)
    , m_expectedSize(expectedSize)
    , m_hasher(algorithm)
{
    open(QIODevice::ReadOnly);
    attach(source);
}

void BlobPipe::attach(QNetworkReply *source)
{
    m_source = source;
    m_sourceFinished = false;
    connect(source, &QNetworkReply::readyRead, this, &QIODevice::readyRead);
    connect(source, &QNetworkReply::finished, this, [this, source] {
        if (source != m_source)
            return;
        // A source that broke off does not end the stream: a resumed one may follow.
        if (source->error() != QNetworkReply::NoError && m_passed + source->bytesAvailable() < m_expectedSize)
            return;
        m_sourceFinished = true;
        Q_EMIT readyRead();
        Q_EMIT readChannelFinished();
    });
}

void BlobPipe::appendSource(QNetworkReply *next)
{
    m_next << next;
    Q_EMIT readyRead();
}

qint64 BlobPipe::bytesReceived() const
{
    return m_passed + (m_source ? m_source->bytesAvailable() : 0);
}

qint64 BlobPipe::bytesAvailable() const
{
    return (m_source ? m_source->bytesAvailable() : 0) + QIODevice::bytesAvailable();
}

bool BlobPipe::atEnd() const
{
    return m_passed >= m_expectedSize || (m_sourceFinished && bytesAvailable() == 0);
}

qint64 BlobPipe::readData(char *data, qint64 maxSize)
{
    if (!m_source)
        return -1;
    // Never pass more than announced: the upload declared Content-Length.
    const qint64 room = m_expectedSize - m_passed;
    if (room <= 0)
        return -1;
    qint64 n = m_source->read(data, std::min(maxSize, room));
    if (n <= 0 && m_source->isFinished() && m_source->bytesAvailable() == 0 && !m_next.isEmpty()) {
        // The broken source is drained: go on with the resumed one.
        disconnect(m_source, nullptr, this, nullptr);
        attach(m_next.takeFirst());
        n = m_source ? m_source->read(data, std::min(maxSize, room)) : -1;
    }
    if (n > 0) {
        m_hasher.addData(data, n);
        m_passed += n;
        Q_EMIT bytesPassedChanged(m_passed);
    } else if (m_sourceFinished) {
        return -1;
    }
    return n;
}

Digest BlobPipe::digest()
{
    if (!m_digest.isValid())
        m_digest = m_hasher.result();
    return m_digest;
}

} // namespace crossdock
