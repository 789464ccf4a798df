// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/image/digest.h"
#include "core/image/manifest.h"

#include <QIODevice>

#include <limits>

namespace crossdock {

// One blob read from wherever an image lives, as a sequential stream: the
// consumer (an upload, a file) reads it like a device and gets exactly the
// descriptor's bytes. Every byte is hashed as it passes; the size and digest
// are checked at the end, and no more bytes than the descriptor gives are
// handed out. Transports make their own kind (BlobReader for registries,
// FileBlobStream for files and archive members).
//
// A stream may also make its bytes as it goes (a layer recompressed on the
// way: TranscodingBlobStream): its descriptor then starts with size -1 and,
// unless known beforehand, no digest; both are filled in from the bytes that
// passed when it completes (a digest known beforehand is checked).
//
// start() begins (asynchronously); bodyStarted() says the first byte is on
// its way (an upload that announces Content-Length may begin); exactly one of
// completed() or failed() ends it, unless stop() comes first.
class BlobStream : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlobStream)

public:
    explicit BlobStream(const Descriptor &blob, QObject *parent = nullptr);

    virtual void start() = 0;
    // Stops reading; no signal follows.
    virtual void stop() = 0;
    // "blob sha256:... of host/repository", for messages.
    virtual QString subject() const = 0;

    bool isSequential() const override { return true; }
    // A stream cannot rewind. QNetworkAccessManager asks when it would resend
    // an upload (a kept-alive connection closed under it); the answer is no,
    // the upload fails as a network error and the caller restarts the blob.
    bool reset() override { return false; }
    qint64 size() const override { return m_blob.size >= 0 ? m_blob.size : bytesAvailable(); }
    bool atEnd() const override;

    // The bytes handed out; a made stream's size and digest once complete.
    const Descriptor &blob() const { return m_blob; }
    // Whether the size was unknown when the stream began.
    bool isMadeAsItGoes() const { return m_madeAsItGoes; }
    qint64 bytesPassed() const { return m_passed; }
    bool isComplete() const { return m_complete; }
    // A made stream: every byte is made (what is available is all that is
    // left). Any stream: complete.
    bool isAllMade() const { return m_allMade || m_complete; }
    const Error &error() const { return m_error; }
    // The digest of the bytes passed, once all of them have (invalid before).
    Digest passedDigest();

Q_SIGNALS:
    void bodyStarted();
    void bytesPassedChanged(qint64 bytes);
    void completed();
    void failed(const crossdock::Error &error);

protected:
    qint64 writeData(const char *, qint64) override { return -1; }

    // How many more bytes may be handed out: the descriptor's size less
    // what passed.
    qint64 room() const { return m_madeAsItGoes ? std::numeric_limits<qint64>::max() : m_blob.size - m_passed; }
    // Accounts for bytes handed to the consumer (hashed, counted).
    void passed(const char *data, qint64 count);
    // Once the source has delivered everything: checks size and digest and
    // emits completed() or failed().
    void finishIfDone(bool sourceDone);
    void fail(const Error &error);
    void markBodyStarted();
    void markAllMade() { m_allMade = true; }
    bool isStopped() const { return m_stopped; }
    void setStopped() { m_stopped = true; }

private:
    Descriptor m_blob;
    bool m_madeAsItGoes = false;
    qint64 m_passed = 0;
    bool m_bodyStarted = false;
    bool m_allMade = false;
    bool m_complete = false;
    bool m_stopped = false;
    Error m_error;
    DigestHasher m_hasher;
    Digest m_passedDigest;
};

} // namespace crossdock
