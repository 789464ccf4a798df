// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/readblobjob.h"

#include "core/transports/blobstream.h"
#include "core/transports/imagereader.h"

namespace crossdock {

ReadBlobJob::ReadBlobJob(ImageReader *reader, const Descriptor &blob, qint64 maxSize, QObject *parent)
    : Job(parent)
    , m_reader(reader)
    , m_blob(blob)
    , m_maxSize(maxSize)
{
}

void ReadBlobJob::doStart()
{
    if (m_blob.size < 0 || m_blob.size > m_maxSize)
        return emitError(Error::Code::BadResponse,
            QStringLiteral("blob %1 of %2 is %3 bytes; at most %4 are read")
                .arg(m_blob.digest.toString(), m_reader->describe())
                .arg(m_blob.size)
                .arg(m_maxSize));
    m_stream = m_reader->readBlob(m_blob, this);
    connect(m_stream, &QIODevice::readyRead, this, [this] { m_data += m_stream->readAll(); });
    connect(m_stream, &BlobStream::completed, this, [this] {
        m_data += m_stream->readAll();
        m_stream->deleteLater();
        emitSuccess();
    });
    connect(m_stream, &BlobStream::failed, this, [this](const Error &error) {
        m_stream->deleteLater();
        emitError(error);
    });
    m_stream->start();
}

void ReadBlobJob::doCancel()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->stop();
        m_stream->deleteLater();
    }
}

} // namespace crossdock
