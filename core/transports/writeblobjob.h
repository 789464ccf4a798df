// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/manifest.h"
#include "core/transports/imagewriter.h"
#include "core/transports/putblobjob.h"

#include <QPointer>

#include <functional>
#include <memory>

namespace crossdock {

class BlobSink;
class BlobStream;

// Writes one blob from any source's BlobStream into a local BlobSink (a
// layout's or dir: folder's file, a member of an archive): the sink takes
// the bytes as they come and gives them their name only once the whole blob
// is there and the stream has verified its digest. The stream retries and
// resumes what it can; the copy engine starts a blob that still breaks off
// again, with a fresh sink. Progress in bytes.
class WriteBlobJob final : public PutBlobJob
{
    Q_OBJECT

public:
    using SinkFactory = std::function<std::unique_ptr<BlobSink>()>;

    WriteBlobJob(const Descriptor &blob, BlobOpener open, SinkFactory makeSink, QObject *parent = nullptr);
    // Into a file (a layout's blobs/<alg>/<hex>, a dir: blob).
    static WriteBlobJob *toFile(const Descriptor &blob, BlobOpener open, const QString &path, QObject *parent);
    // A blob made as it streams (size -1): written in folder, named by pathFor(its digest).
    static WriteBlobJob *toFileNamedByDigest(const Descriptor &blob, BlobOpener open, const QString &folder,
        std::function<QString(const Digest &)> pathFor, QObject *parent);
    ~WriteBlobJob() override;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void drain();
    void onCompleted();
    void discard();
    void failWith(const QString &why);

    BlobOpener m_open;
    SinkFactory m_makeSink;
    std::unique_ptr<BlobSink> m_sink;
    QPointer<BlobStream> m_stream;
    qint64 m_received = 0;
};

} // namespace crossdock
