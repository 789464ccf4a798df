// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/durablefile.h"

#include <QSet>
#include <QString>

#include <memory>

namespace crossdock {

// Writes a tar archive (ustar; GNU base-256 sizes past 8 GiB) in one pass,
// as a copy streams into it: small files from memory, and streamed members
// whose size - and, for a decompressed layer, name - is known only at their
// end (the header is written as a placeholder and filled in). The archive is
// a temporary file until commit() renames it into place, so an interrupted
// copy never leaves a half-written archive under the user's name (it is
// fsync'ed before the rename: a crash leaves the old file or the new one); a
// member abandoned half way (a blob restarted) is cut off again. Write
// failures name the OS's reason ("No space left on device").
class TarWriter final
{
public:
    explicit TarWriter(const QString &path);

    QString path() const { return m_path; }
    bool open(QString *error);
    bool isOpen() const { return m_file != nullptr; }
    bool contains(const QString &name) const { return m_names.contains(name); }

    bool addDirectory(const QString &name, QString *error);
    bool addFile(const QString &name, const QByteArray &bytes, QString *error);

    // One streamed member at a time.
    bool beginMember(QString *error);
    bool writeMember(const char *data, qint64 size, QString *error);
    bool endMember(const QString &name, QString *error);
    void abandonMember();

    // The end-of-archive blocks, then the rename into place.
    bool commit(QString *error);

private:
    // A 512-byte ustar header; empty (with error) for a name that does not fit.
    QByteArray header(const QString &name, char type, qint64 size, QString *error) const;
    bool pad(qint64 size, QString *error);
    QString m_path;
    std::unique_ptr<DurableFile> m_file;
    QSet<QString> m_names;
    qint64 m_memberStart = -1;
    qint64 m_memberSize = 0;
};


} // namespace crossdock
