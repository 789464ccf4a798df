// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace crossdock {

// A file that is either there whole or not at all, whatever happens while
// it is written - a full disk, a crash, kill -9, a power cut: the bytes go to
// a temporary file in the same folder, every write is checked, the data is
// fsync'ed, the temporary is renamed over the target and the folder fsync'ed
// so the rename itself survives. Until commit() the target is untouched;
// destroyed without commit() the temporary is removed. Failures carry the
// path and the OS's reason ("No space left on device", "Read-only file
// system", "Permission denied").
//
// Temporaries are named .NAME.crossdock-PID-XXXXXX.tmp; removeStale() finds
// those whose process is gone (killed mid-write) and removes them.
class DurableFile final
{
public:
    // mode: the file's permissions (0600 for private files, from the first byte).
    explicit DurableFile(const QString &path, int mode = 0644);
    ~DurableFile();
    DurableFile(const DurableFile &) = delete;
    DurableFile &operator=(const DurableFile &) = delete;

    QString path() const { return m_path; }
    // Where commit() puts the file, when that is known only once it is
    // written (a blob named by its digest); in the same folder as before.
    void setPath(const QString &path) { m_path = path; }
    bool open(QString *error);
    bool isOpen() const { return m_fd >= 0; }
    bool write(const char *data, qint64 size, QString *error);
    bool write(const QByteArray &bytes, QString *error) { return write(bytes.constData(), bytes.size(), error); }
    // Writes at an offset without moving the end (a tar header filled in).
    bool writeAt(qint64 offset, const char *data, qint64 size, QString *error);
    qint64 size() const { return m_size; }
    // Cuts the file back to `size` bytes (a member abandoned half way).
    bool truncate(qint64 size, QString *error);
    bool commit(QString *error);
    void discard();

    // Writes `bytes` as `path` in one go.
    static bool writeWhole(const QString &path, const QByteArray &bytes, QString *error, int mode = 0644);
    // Writes `bytes` as `path` only if nothing is there yet (a new layout's
    // empty index.json, while another writer may be making the same layout):
    // linked into place, which fails rather than replaces. True also when the
    // file was there already.
    static bool createIfAbsent(const QString &path, const QByteArray &bytes, QString *error, int mode = 0644);
    // fsyncs a folder, so renames and removals in it are on disk.
    static bool syncFolder(const QString &folder, QString *error);
    // Temporaries (files or folders) in `folder` left by processes that no
    // longer run: removed, and their paths returned (for a message).
    static QStringList removeStale(const QString &folder);
    // The same, found but left in place (to offer their removal).
    static QStringList findStale(const QString &folder);
    // A fresh temporary name beside `path` (for a folder written whole, like
    // a dir: image, that then takes path's place).
    static QString temporaryPathFor(const QString &path);
    // Whether `fileName` is one of our temporaries.
    static bool isTemporary(const QString &fileName);

private:
    bool fail(const QString &what, QString *error);
    bool sync(QString *error);

    QString m_path;
    QString m_temporary;
    int m_mode;
    int m_fd = -1;
    qint64 m_size = 0;
};

} // namespace crossdock
