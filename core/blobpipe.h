#pragma once

#include "digest.h"

#include <QIODevice>
#include <QPointer>

class QNetworkReply;

namespace crossdock {

// A sequential device that hands the bytes of a source GET reply to an
// upload as they arrive, hashing them on the way. Backpressure comes from
// the source reply's bounded read buffer: the source is read only as fast as
// the upload consumes. Nothing touches the disk. When a source breaks off,
// a ranged GET for the rest can be appended (resume) and the upload goes on.
class BlobPipe final : public QIODevice
{
    Q_OBJECT

public:
    BlobPipe(QNetworkReply *source, qint64 expectedSize, const QString &algorithm, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    // A pipe cannot rewind. QNetworkAccessManager asks when it would resend
    // a request (a kept-alive connection closed under it, an abort); the
    // answer is no, the upload fails as a network error, and CopyImageJob
    // restarts the blob. (QIODevice's reset() would seek and warn.)
    bool reset() override { return false; }
    qint64 bytesAvailable() const override;
    bool atEnd() const override;
    qint64 size() const override { return m_expectedSize; }

    qint64 bytesPassed() const { return m_passed; }
    // Bytes received from the sources so far (passed on or still buffered).
    qint64 bytesReceived() const;
    // Continues with `next` once the current source is drained.
    void appendSource(QNetworkReply *next);
    // Valid once the whole blob has passed.
    Digest digest();

Q_SIGNALS:
    void bytesPassedChanged(qint64 bytes);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void attach(QNetworkReply *source);

    QPointer<QNetworkReply> m_source;
    QList<QPointer<QNetworkReply>> m_next;
    qint64 m_expectedSize;
    qint64 m_passed = 0;
    DigestHasher m_hasher;
    bool m_sourceFinished = false;
    Digest m_digest;
};

} // namespace crossdock
