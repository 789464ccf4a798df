// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"

#include <QMetaType>

namespace crossdock {

// Where one blob of a copy stands (per-blob bars in the CLI and the GUI).
enum class BlobState { Waiting, Checking, Mounting, Streaming, Verifying, Skipped, Mounted, Streamed, Failed };

// Stores one blob at a destination (ImageWriter::putBlob) by the cheapest
// path the transport has: already there (Skipped), mounted from another
// repository of the same registry (Mounted), or its bytes streamed from the
// source (Streamed). Progress in bytes.
class PutBlobJob : public Job
{
    Q_OBJECT

public:
    PutBlobJob(const Descriptor &blob, QObject *parent)
        : Job(parent)
        , m_blob(blob)
        , m_written(blob)
    {
    }

    const Descriptor &blob() const { return m_blob; }
    BlobState state() const { return m_state; }
    qint64 bytesStreamed() const { return m_bytesStreamed; }
    // The blob as stored: the one asked for, unless the writer changed it
    // (a layer decompressed for a docker archive).
    const Descriptor &written() const { return m_written; }

Q_SIGNALS:
    void stateChanged(crossdock::BlobState state);

protected:
    void setState(BlobState state)
    {
        if (m_state == state)
            return;
        m_state = state;
        Q_EMIT stateChanged(state);
    }
    void setBytesStreamed(qint64 bytes) { m_bytesStreamed = bytes; }
    void setWritten(const Descriptor &written) { m_written = written; }

private:
    Descriptor m_blob;
    Descriptor m_written;
    BlobState m_state = BlobState::Waiting;
    qint64 m_bytesStreamed = 0;
};

// What putBlob would do, found out without writing (previews, dry runs).
class CheckBlobJob : public Job
{
    Q_OBJECT

public:
    enum class Presence { Present, Mountable, Missing };
    using Job::Job;
    Presence presence() const { return m_presence; }

protected:
    void succeedWith(Presence presence)
    {
        m_presence = presence;
        emitSuccess();
    }

private:
    Presence m_presence = Presence::Missing;
};

} // namespace crossdock

Q_DECLARE_METATYPE(crossdock::BlobState)
