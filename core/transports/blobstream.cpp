// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/blobstream.h"

#include "core/base/logging.h"

namespace crossdock {

BlobStream::BlobStream(const Descriptor &blob, QObject *parent)
    : QIODevice(parent)
    , m_blob(blob)
    , m_madeAsItGoes(blob.size < 0)
    , m_hasher(blob.digest.isValid() ? blob.digest.algorithm() : QStringLiteral("sha256"))
{
    // Unbuffered: what readData() hands out is what the consumer took.
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

bool BlobStream::atEnd() const
{
    if (m_madeAsItGoes)
        return (m_complete || m_error.isError()) && bytesAvailable() == 0;
    return m_passed >= m_blob.size || (m_error.isError() && bytesAvailable() == 0);
}

void BlobStream::passed(const char *data, qint64 count)
{
    if (count <= 0)
        return;
    m_hasher.addData(data, count);
    m_passed += count;
    Q_EMIT bytesPassedChanged(m_passed);
}

Digest BlobStream::passedDigest()
{
    if (!m_passedDigest.isValid() && m_passed == m_blob.size)
        m_passedDigest = m_hasher.result();
    return m_passedDigest;
}

void BlobStream::markBodyStarted()
{
    if (m_bodyStarted)
        return;
    m_bodyStarted = true;
    Q_EMIT bodyStarted();
}

void BlobStream::finishIfDone(bool sourceDone)
{
    if (m_complete || m_error.isError() || m_stopped || !sourceDone)
        return;
    if (m_madeAsItGoes) { // all made: its size is what passed; its digest is checked if known, else taken
        m_blob.size = m_passed;
        if (!m_blob.digest.isValid())
            m_blob.digest = passedDigest();
    }
    if (m_passed < m_blob.size)
        return;
    const Digest actual = passedDigest();
    if (actual != m_blob.digest)
        return fail(Error::make(Error::Code::BadResponse,
            QStringLiteral("%1: the bytes read hash to %2, not to the digest that names them").arg(subject(), actual.toString())));
    m_complete = true;
    Q_EMIT readChannelFinished();
    Q_EMIT completed();
}

void BlobStream::fail(const Error &error)
{
    if (m_error.isError() || m_complete || m_stopped)
        return;
    m_error = error;
    qCDebug(lcHttp).noquote() << "blob stream failed:" << error.message;
    Q_EMIT readChannelFinished();
    Q_EMIT failed(error);
}

} // namespace crossdock
