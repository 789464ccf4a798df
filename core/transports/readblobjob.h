// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"

#include <QByteArray>
#include <QPointer>

namespace crossdock {

class BlobStream;
class ImageReader;

// Reads one small blob (a config) whole from any transport's reader, its
// digest checked by the stream. A descriptor larger than maxSize is refused
// before a byte is read.
class ReadBlobJob final : public Job
{
    Q_OBJECT

public:
    ReadBlobJob(ImageReader *reader, const Descriptor &blob, qint64 maxSize, QObject *parent = nullptr);

    const QByteArray &data() const { return m_data; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    ImageReader *m_reader;
    Descriptor m_blob;
    qint64 m_maxSize;
    QPointer<BlobStream> m_stream;
    QByteArray m_data;
};

} // namespace crossdock
