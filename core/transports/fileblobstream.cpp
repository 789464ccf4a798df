// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/fileblobstream.h"

#include <QTimer>

namespace crossdock {

FileBlobStream::FileBlobStream(
    const QString &path, qint64 offset, const Descriptor &blob, const QString &subject, QObject *parent)
    : BlobStream(blob, parent)
    , m_file(path)
    , m_offset(offset)
    , m_subject(subject)
{
}

void FileBlobStream::start()
{
    // From the event loop, like every other stream: callers connect first.
    QTimer::singleShot(0, this, [this] {
        if (isStopped())
            return;
        if (!m_file.open(QIODevice::ReadOnly))
            return fail(Error::make(Error::Code::Io,
                QStringLiteral("%1: cannot read %2: %3").arg(m_subject, m_file.fileName(), m_file.errorString())));
        if (m_file.size() < m_offset + blob().size)
            return fail(Error::make(Error::Code::BadResponse,
                QStringLiteral("%1: %2 holds %3 bytes, fewer than the %4 the manifest gives")
                    .arg(m_subject, m_file.fileName())
                    .arg(m_file.size() - m_offset)
                    .arg(blob().size)));
        if (!m_file.seek(m_offset))
            return fail(Error::make(Error::Code::Io,
                QStringLiteral("%1: cannot read %2: %3").arg(m_subject, m_file.fileName(), m_file.errorString())));
        m_open = true;
        markBodyStarted();
        if (blob().size == 0)
            return finishIfDone(true);
        announce();
    });
}

void FileBlobStream::stop()
{
    setStopped();
    m_file.close();
}

qint64 FileBlobStream::bytesAvailable() const
{
    return m_open && !error().isError() && !isStopped() ? room() : 0;
}

void FileBlobStream::announce()
{
    if (m_announced)
        return;
    m_announced = true;
    QTimer::singleShot(0, this, [this] {
        m_announced = false;
        if (bytesAvailable() > 0)
            Q_EMIT readyRead();
    });
}

qint64 FileBlobStream::readData(char *data, qint64 maxSize)
{
    if (!m_open || error().isError() || isStopped())
        return -1;
    const qint64 allowed = std::min(maxSize, room());
    if (allowed <= 0)
        return -1;
    const qint64 n = m_file.read(data, allowed);
    if (n <= 0) {
        fail(Error::make(Error::Code::Io,
            QStringLiteral("%1: cannot read %2: %3")
                .arg(m_subject, m_file.fileName(), n == 0 ? QStringLiteral("the file ended early") : m_file.errorString())));
        return -1;
    }
    passed(data, n);
    if (room() == 0)
        QTimer::singleShot(0, this, [this] { finishIfDone(true); });
    else
        announce();
    return n;
}

} // namespace crossdock
