#pragma once

#include "core/base/error.h"
#include "core/image/digest.h"
#include "core/image/manifest.h"

#include <QIODevice>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace crossdock {

class RegistryClient;

// One blob read from a registry as a sequential stream, for any
// destination (an upload, a file): the consumer reads it like a device and
// gets exactly the descriptor's bytes, checked. Behind the device:
//  - GET /v2/<repository>/blobs/<digest>, redirects followed as
//    CredentialBoundary allows (storage hosts get no credentials);
//  - backpressure: the source is read only as fast as the consumer reads;
//  - transient faults before the body (connection refused or reset,
//    timeouts, 408/429/5xx) retried with the client's RetryPolicy;
//  - a body broken off midway resumed with Range from the next byte (a
//    server that ignores Range and answers 200 is read past the bytes
//    already passed);
//  - every byte hashed as it passes; the size and digest are checked at the
//    end, and more bytes than the descriptor says are refused.
// bodyStarted() says the first byte is on its way (an upload that announces
// Content-Length may begin); exactly one of completed() or failed() ends it.
class BlobReader final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlobReader)

public:
    BlobReader(RegistryClient *client, const QString &repository, const Descriptor &blob, QObject *parent = nullptr);
    ~BlobReader() override;

    // Opens the stream (asynchronously: ping and authorisation first).
    void start();
    // Stops reading; no signal follows.
    void stop();

    bool isSequential() const override { return true; }
    // A stream cannot rewind. QNetworkAccessManager asks when it would resend
    // an upload (a kept-alive connection closed under it); the answer is no,
    // the upload fails as a network error and the caller restarts the blob.
    bool reset() override { return false; }
    qint64 size() const override { return m_blob.size; }
    qint64 bytesAvailable() const override;
    bool atEnd() const override;

    const Descriptor &blob() const { return m_blob; }
    qint64 bytesPassed() const { return m_passed; }
    int resumes() const { return m_resumes; }
    bool isComplete() const { return m_complete; }
    // The digest of the bytes passed, once all of them have (invalid before).
    Digest passedDigest();
    const Error &error() const { return m_error; }
    // "blob sha256:... of host/repository", for messages.
    QString subject() const;

    static constexpr qint64 ReadBufferSize = 1024 * 1024;
    static constexpr int MaxRedirects = 5;

Q_SIGNALS:
    void bodyStarted();
    void bytesPassedChanged(qint64 bytes);
    void completed();
    void failed(const crossdock::Error &error);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void get(const QUrl &url, int redirects);
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    // Before any byte: try the request again later, from the registry's URL.
    bool retryLater(const QByteArray &retryAfter);
    // After a break mid-body: ask for the rest.
    bool resume();
    void dropSkippedBytes();
    void finishIfDone();
    void fail(const Error &error);
    void discardReply();
    QUrl blobUrl() const;

    RegistryClient *m_client;
    QString m_repository;
    Descriptor m_blob;
    QByteArray m_authorization;
    QPointer<QNetworkReply> m_reply;
    bool m_replyAccepted = false; // m_reply answered with the body (200/206)
    QUrl m_bodyUrl;               // where the body came from (resumes go there)
    QByteArray m_pending;         // read from a finished reply, not yet passed on
    qint64 m_passed = 0;          // handed to the consumer (and hashed)
    qint64 m_skip = 0;            // of a 200 answer to a Range request: already passed
    int m_attempt = 1;
    int m_resumes = 0;
    bool m_started = false;
    bool m_bodyStarted = false;
    bool m_sourceDone = false;
    bool m_complete = false;
    bool m_stopped = false;
    Error m_error;
    DigestHasher m_hasher;
    Digest m_passedDigest;
};

} // namespace crossdock
