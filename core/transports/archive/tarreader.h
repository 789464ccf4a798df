// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace crossdock {

// The table of contents of a tar archive (ustar, GNU and pax), read once
// from its headers: where each regular file's bytes are, so an archive's
// members are streamed straight from the file (FileBlobStream with an
// offset) instead of being unpacked into a temporary folder as skopeo does.
// Bounded and defensive: sizes past the end of the file, bad checksums,
// names that climb out ("../x", "/x") and link loops are refused by name.
class TarReader final
{
public:
    struct Member
    {
        qint64 offset = 0; // of the first byte of its contents
        qint64 size = 0;
    };

    static std::optional<TarReader> open(const QString &path, QString *error);

    QString path() const { return m_path; }
    // A regular file by its name in the archive ("./a" and "a" are the same;
    // a symbolic or hard link is followed to what it names).
    std::optional<Member> member(const QString &name) const;
    // Reads a small member whole (manifest.json, index.json, a config).
    std::optional<QByteArray> read(const QString &name, qint64 maxSize, QString *error) const;

    // "a/./b/../c" -> "a/c"; empty for names that leave the archive.
    static QString cleanName(const QString &name);

private:
    QString m_path;
    QHash<QString, Member> m_files;
    QHash<QString, QString> m_links; // name -> target, both clean
};

} // namespace crossdock
