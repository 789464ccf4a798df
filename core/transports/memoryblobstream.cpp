// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/memoryblobstream.h"

#include <QTimer>

#include <cstring>

namespace crossdock {

Descriptor MemoryBlobStream::describe(const QByteArray &bytes, const QString &mediaType)
{
    Descriptor blob;
    blob.mediaType = mediaType;
    blob.digest = Digest::sha256Of(bytes);
    blob.size = bytes.size();
    return blob;
}

MemoryBlobStream::MemoryBlobStream(const QByteArray &bytes, const QString &mediaType, QObject *parent)
    : BlobStream(describe(bytes, mediaType), parent)
    , m_bytes(bytes)
{
}

void MemoryBlobStream::start()
{
    // From the event loop, like every other stream: callers connect first.
    QTimer::singleShot(0, this, [this] {
        if (isStopped())
            return;
        m_started = true;
        markBodyStarted();
        if (m_bytes.isEmpty())
            return finishIfDone(true);
        Q_EMIT readyRead();
    });
}

QString MemoryBlobStream::subject() const
{
    return QStringLiteral("blob %1 (made here)").arg(blob().digest.toString());
}

qint64 MemoryBlobStream::bytesAvailable() const
{
    return m_started && !isStopped() ? room() : 0;
}

qint64 MemoryBlobStream::readData(char *data, qint64 maxSize)
{
    const qint64 count = std::min(maxSize, room());
    if (!m_started || isStopped() || count <= 0)
        return -1;
    std::memcpy(data, m_bytes.constData() + bytesPassed(), static_cast<size_t>(count));
    passed(data, count);
    if (room() == 0)
        QTimer::singleShot(0, this, [this] { finishIfDone(true); });
    return count;
}

} // namespace crossdock
