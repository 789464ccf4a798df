// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/manifest.h"
#include "core/transports/blobstream.h"

#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace crossdock {

class RegistryClient;

// One blob read from a registry as a BlobStream. Behind the device:
//  - GET /v2/<repository>/blobs/<digest>, redirects followed as
//    CredentialBoundary allows (storage hosts get no credentials);
//  - backpressure: the source is read only as fast as the consumer reads;
//  - transient faults before the body (connection refused or reset,
//    timeouts, 408/429/5xx) retried with the client's RetryPolicy;
//  - a body broken off midway resumed with Range from the next byte (a
//    server that ignores Range and answers 200 is read past the bytes
//    already passed).
class BlobReader final : public BlobStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlobReader)

public:
    BlobReader(RegistryClient *client, const QString &repository, const Descriptor &blob, QObject *parent = nullptr);
    ~BlobReader() override;

    void start() override;
    void stop() override;
    QString subject() const override;
    qint64 bytesAvailable() const override;

    int resumes() const { return m_resumes; }

    static constexpr qint64 ReadBufferSize = 1024 * 1024;
    // A body ended for being too slow is resumed only when its attempt
    // brought at least this much: a registry that drips gets no new try.
    static constexpr qint64 MinProgressToResume = 1024 * 1024;
    static constexpr int MaxRedirects = 5;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void get(const QUrl &url, int redirects);
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    // Before any byte: try the request again later.
    bool retryLater(const QByteArray &retryAfter);
    // After a break mid-body: ask for the rest.
    bool resume();
    void dropSkippedBytes();
    void failWith(const Error &error);
    void discardReply();
    QUrl blobUrl() const;

    RegistryClient *m_client;
    QString m_repository;
    QByteArray m_authorization;
    QPointer<QNetworkReply> m_reply;
    bool m_replyAccepted = false; // m_reply answered with the body (200/206)
    QUrl m_bodyUrl;               // where the body came from (resumes go there)
    QByteArray m_pending;         // read from a finished reply, not yet passed on
    qint64 m_skip = 0;            // of a 200 answer to a Range request: already passed
    int m_attempt = 1;
    int m_resumes = 0;
    qint64 m_offsetAtRequest = 0; // where the current GET started
    bool m_started = false;
    bool m_sourceDone = false;
};

} // namespace crossdock
