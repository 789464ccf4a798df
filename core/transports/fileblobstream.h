// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/blobstream.h"

#include <QFile>

namespace crossdock {

// A blob read from a local file as a BlobStream: an OCI layout's
// blobs/<alg>/<hex>, a dir: blob, or a member of a tar archive (from
// `offset`, the descriptor's size bytes). Read failures name the file and
// the OS's reason.
class FileBlobStream final : public BlobStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileBlobStream)

public:
    FileBlobStream(const QString &path, qint64 offset, const Descriptor &blob, const QString &subject,
        QObject *parent = nullptr);

    void start() override;
    void stop() override;
    QString subject() const override { return m_subject; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    // readyRead once per event-loop turn while bytes remain, so a consumer
    // that drains a little at a time keeps being called.
    void announce();

    QFile m_file;
    qint64 m_offset;
    QString m_subject;
    bool m_open = false;
    bool m_announced = false;
};

} // namespace crossdock
