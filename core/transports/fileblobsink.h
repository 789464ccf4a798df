// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include "core/base/durablefile.h"
#include "core/transports/blobsink.h"

namespace crossdock {

// A blob written into a file: the bytes go to a temporary file in the same
// folder (DurableFile: a name of its own, so two writers of one blob cannot
// collide; fsync'ed and renamed, the folder fsync'ed) that replaces the
// target in commit().
class FileBlobSink final : public BlobSink
{
public:
    explicit FileBlobSink(const QString &path);
    // A blob whose digest is known only at its end: written in folder, named
    // pathFor(digest) by setMade().
    FileBlobSink(const QString &folder, std::function<QString(const Digest &)> pathFor);
    bool setMade(const Descriptor &made, QString *error) override;

    bool open(QString *error) override;
    bool write(const char *data, qint64 size, QString *error) override;
    bool commit(QString *error) override;
    QString describe() const override { return m_file.path(); }

private:
    DurableFile m_file;
    std::function<QString(const Digest &)> m_pathFor;
};

} // namespace crossdock
