// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIODevice>
#include <QPointer>

namespace crossdock {

class BlobStream;

// One request's share of a blob upload: the next `length` bytes of the
// blob's stream, read through (nothing is copied or held here) as the body
// QNetworkAccessManager sends.
//
// fillRestWithZeros() lets a segment that is being given up end like any
// other: the rest of its length goes out as zeros, so the registry answers
// the request and hands out the session's current state. distribution
// needs that state to delete the upload; a request broken off mid-body
// leaves it bytes it will neither accept nor delete (see AbandonUploadJob).
class UploadSegment final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadSegment)

public:
    UploadSegment(BlobStream *source, qint64 length, QObject *parent = nullptr);

    qint64 length() const { return m_length; }
    qint64 sent() const { return m_sent; }
    // Stops reading the source; the rest of the length is zeros.
    void fillRestWithZeros();
    bool isFillingWithZeros() const { return m_zeros; }

    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 size() const override { return m_length; }
    bool atEnd() const override { return m_sent >= m_length; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QPointer<BlobStream> m_source;
    qint64 m_length;
    qint64 m_sent = 0;
    bool m_zeros = false;
};

} // namespace crossdock
