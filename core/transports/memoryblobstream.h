// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/blobstream.h"

#include <QByteArray>

namespace crossdock {

// A small blob made in memory (a signature's payload, its attachment's
// config), streamed like any other so it goes up through the copy engine's
// own upload (ImageWriter::putBlob: skipped when there, else one PUT).
class MemoryBlobStream final : public BlobStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryBlobStream)

public:
    // The descriptor of bytes: sha256, size and the given media type.
    static Descriptor describe(const QByteArray &bytes, const QString &mediaType);

    MemoryBlobStream(const QByteArray &bytes, const QString &mediaType, QObject *parent = nullptr);

    void start() override;
    void stop() override { setStopped(); }
    QString subject() const override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    QByteArray m_bytes;
    bool m_started = false;
};

} // namespace crossdock
