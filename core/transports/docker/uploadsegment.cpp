// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/docker/uploadsegment.h"

#include "core/transports/blobstream.h"

#include <QTimer>

#include <cstring>

namespace crossdock {

UploadSegment::UploadSegment(BlobStream *source, qint64 length, QObject *parent)
    : QIODevice(parent)
    , m_source(source)
    , m_length(length)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    connect(source, &QIODevice::readyRead, this, [this] {
        if (!m_zeros)
            Q_EMIT readyRead();
    });
}

void UploadSegment::fillRestWithZeros()
{
    if (m_zeros)
        return;
    m_zeros = true;
    if (m_source)
        m_source->disconnect(this);
    m_source = nullptr;
    // Queued: the network code may be inside readData() right now.
    QTimer::singleShot(0, this, [this] {
        if (!atEnd())
            Q_EMIT readyRead();
    });
}

qint64 UploadSegment::bytesAvailable() const
{
    const qint64 left = m_length - m_sent;
    if (m_zeros)
        return left;
    return m_source ? std::min(left, m_source->bytesAvailable()) : 0;
}

qint64 UploadSegment::readData(char *data, qint64 maxSize)
{
    const qint64 allowed = std::min(maxSize, m_length - m_sent);
    if (allowed <= 0)
        return -1;
    qint64 n = 0;
    if (m_zeros) {
        std::memset(data, 0, static_cast<size_t>(allowed));
        n = allowed;
    } else if (m_source) {
        n = m_source->read(data, allowed);
        if (n < 0)
            return 0; // a failed source: its owner gives the segment up (fillRestWithZeros)
    }
    m_sent += n;
    return n;
}

} // namespace crossdock
