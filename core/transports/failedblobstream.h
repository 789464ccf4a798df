// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/blobstream.h"

#include <QTimer>

namespace crossdock {

// A blob that cannot be read (its archive is unreadable, its member
// missing): fails from the event loop once started, like every stream, so
// the copy reports the reason in the usual way.
class FailedBlobStream final : public BlobStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailedBlobStream)

public:
    FailedBlobStream(const Descriptor &blob, const Error &error, const QString &subject, QObject *parent = nullptr)
        : BlobStream(blob, parent)
        , m_error(error)
        , m_subject(subject)
    {
    }

    void start() override
    {
        QTimer::singleShot(0, this, [this] {
            if (!isStopped())
                fail(m_error);
        });
    }
    void stop() override { setStopped(); }
    QString subject() const override { return m_subject; }

protected:
    qint64 readData(char *, qint64) override { return 0; }

private:
    Error m_error;
    QString m_subject;
};

} // namespace crossdock
