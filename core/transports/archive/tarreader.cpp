// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/archive/tarreader.h"

#include "core/base/error.h"

#include <QFile>
#include <QStringList>

namespace crossdock {

namespace {

constexpr qint64 Block = 512;
// A pax or GNU long-name record larger than this is not a name.
constexpr qint64 MaxMetadataRecord = 1 << 20;

// A numeric header field: octal (space or NUL terminated), or GNU's
// base-256 for sizes past 8 GiB. -1 when it is neither.
qint64 parseNumber(const char *field, int length)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(field);
    if (bytes[0] & 0x80) {
        if (bytes[0] != 0x80)
            return -1; // negative numbers are not sizes
        qint64 value = 0;
        for (int i = 1; i < length; ++i) {
            if (value > (std::numeric_limits<qint64>::max() >> 8))
                return -1;
            value = (value << 8) | bytes[i];
        }
        return value;
    }
    qint64 value = 0;
    int i = 0;
    while (i < length && field[i] == ' ')
        ++i;
    bool any = false;
    for (; i < length && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (value > (std::numeric_limits<qint64>::max() >> 3))
            return -1;
        value = value * 8 + (field[i] - '0');
        any = true;
    }
    if (i < length && field[i] != ' ' && field[i] != '\0')
        return -1;
    return any ? value : 0;
}

QString fieldString(const char *field, int length)
{
    return QString::fromUtf8(field, static_cast<int>(qstrnlen(field, static_cast<uint>(length))));
}

bool checksumMatches(const char *header)
{
    const qint64 stored = parseNumber(header + 148, 8);
    qint64 unsignedSum = 0;
    qint64 signedSum = 0;
    for (int i = 0; i < Block; ++i) {
        const char c = (i >= 148 && i < 156) ? ' ' : header[i];
        unsignedSum += static_cast<unsigned char>(c);
        signedSum += static_cast<signed char>(c);
    }
    return stored == unsignedSum || stored == signedSum;
}

// The "path" (or "linkpath") of pax extended header records "LEN key=value\n".
QString paxValue(const QByteArray &records, const QByteArray &key)
{
    qsizetype at = 0;
    while (at < records.size()) {
        const qsizetype space = records.indexOf(' ', at);
        if (space < 0)
            break;
        bool ok = false;
        const qint64 length = records.mid(at, space - at).toLongLong(&ok);
        if (!ok || length <= space - at || at + length > records.size())
            break;
        const QByteArray record = records.mid(space + 1, length - (space - at) - 1);
        const qsizetype equals = record.indexOf('=');
        if (equals > 0 && record.left(equals) == key)
            return QString::fromUtf8(record.mid(equals + 1).chopped(record.endsWith('\n') ? 1 : 0));
        at += length;
    }
    return {};
}

} // namespace

QString TarReader::cleanName(const QString &name)
{
    if (name.startsWith(QLatin1Char('/')))
        return {};
    QStringList parts;
    for (const QString &part : name.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (parts.isEmpty())
                return {};
            parts.removeLast();
            continue;
        }
        parts << part;
    }
    return parts.join(QLatin1Char('/'));
}

std::optional<TarReader> TarReader::open(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    TarReader reader;
    reader.m_path = path;
    const qint64 fileSize = file.size();
    const auto fail = [&](const QString &why) {
        *error = QStringLiteral("%1 is not a valid tar archive: %2").arg(path, why);
        return std::nullopt;
    };
    QString longName;
    QString longLink;
    qint64 at = 0;
    char header[Block];
    while (true) {
        if (at + Block > fileSize) {
            if (at == fileSize && at > 0)
                break; // some writers omit the two zero blocks
            return fail(QStringLiteral("it ends inside a header at byte %1").arg(at));
        }
        if (!file.seek(at) || file.read(header, Block) != Block)
            return fail(QStringLiteral("cannot read the header at byte %1: %2").arg(at).arg(file.errorString()));
        if (std::all_of(header, header + Block, [](char c) { return c == '\0'; }))
            break; // the end-of-archive marker
        if (!checksumMatches(header))
            return fail(QStringLiteral("bad header checksum at byte %1").arg(at));
        const qint64 size = parseNumber(header + 124, 12);
        if (size < 0)
            return fail(QStringLiteral("bad size field at byte %1").arg(at));
        const qint64 dataAt = at + Block;
        if (size > fileSize - dataAt)
            return fail(QStringLiteral("the member at byte %1 claims %2 bytes past the end of the file").arg(at).arg(size));
        const char type = header[156];
        QString name = fieldString(header, 100);
        if (std::memcmp(header + 257, "ustar", 5) == 0) {
            const QString prefix = fieldString(header + 345, 155);
            if (!prefix.isEmpty())
                name = prefix + QLatin1Char('/') + name;
        }
        QString link = fieldString(header + 157, 100);
        if (!longName.isEmpty()) {
            name = longName;
            longName.clear();
        }
        if (!longLink.isEmpty()) {
            link = longLink;
            longLink.clear();
        }
        if (type == 'L' || type == 'K' || type == 'x') {
            if (size > MaxMetadataRecord)
                return fail(QStringLiteral("a %1-byte name record at byte %2").arg(size).arg(at));
            file.seek(dataAt);
            const QByteArray record = file.read(size);
            if (record.size() != size)
                return fail(QStringLiteral("cannot read the record at byte %1").arg(at));
            if (type == 'L')
                longName = QString::fromUtf8(record.left(static_cast<qsizetype>(qstrnlen(record.constData(), static_cast<uint>(record.size())))));
            else if (type == 'K')
                longLink = QString::fromUtf8(record.left(static_cast<qsizetype>(qstrnlen(record.constData(), static_cast<uint>(record.size())))));
            else {
                longName = paxValue(record, "path");
                longLink = paxValue(record, "linkpath");
            }
        } else {
            const QString clean = cleanName(name);
            if (clean.isEmpty() && !name.isEmpty() && name != QLatin1String("./") && name != QLatin1String("."))
                return fail(QStringLiteral("member \"%1\" points outside the archive").arg(printable(name, 200)));
            if (type == '0' || type == '\0' || type == '7') {
                reader.m_files.insert(clean, Member{dataAt, size});
                reader.m_links.remove(clean);
            } else if (type == '1' || type == '2') {
                // Hard links name a member from the archive's root; symbolic
                // links are relative to their own folder.
                const QString folder = clean.contains(QLatin1Char('/')) ? clean.section(QLatin1Char('/'), 0, -2) : QString();
                const QString target = type == '1' || folder.isEmpty() ? cleanName(link) : cleanName(folder + QLatin1Char('/') + link);
                if (!target.isEmpty()) {
                    reader.m_links.insert(clean, target);
                    reader.m_files.remove(clean);
                }
            }
        }
        const qint64 padded = (size + Block - 1) / Block * Block;
        at = dataAt + padded;
    }
    return reader;
}

std::optional<TarReader::Member> TarReader::member(const QString &name) const
{
    QString clean = cleanName(name);
    // A link chain longer than this is a loop.
    for (int hop = 0; hop < 16; ++hop) {
        const auto file = m_files.constFind(clean);
        if (file != m_files.cend())
            return *file;
        const auto link = m_links.constFind(clean);
        if (link == m_links.cend())
            return std::nullopt;
        clean = *link;
    }
    return std::nullopt;
}

std::optional<QByteArray> TarReader::read(const QString &name, qint64 maxSize, QString *error) const
{
    const auto found = member(name);
    if (!found) {
        *error = QStringLiteral("%1 has no %2").arg(m_path, name);
        return std::nullopt;
    }
    if (found->size > maxSize) {
        *error = QStringLiteral("%2 in %1 is %3 bytes, more than the %4 it may be").arg(m_path, name).arg(found->size).arg(maxSize);
        return std::nullopt;
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(found->offset)) {
        *error = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        return std::nullopt;
    }
    QByteArray bytes = file.read(found->size);
    if (bytes.size() != found->size) {
        *error = QStringLiteral("cannot read %2 from %1: %3").arg(m_path, name, file.errorString());
        return std::nullopt;
    }
    return bytes;
}

} // namespace crossdock
