// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/archive/tarwriter.h"

#include <QDir>
#include <QFileInfo>

#include <cstring>

namespace crossdock {

namespace {

constexpr qint64 Block = 512;

void putOctal(char *field, int length, qint64 value)
{
    // length-1 digits and a NUL, zero-padded, as GNU tar writes them.
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(length - 1, '0');
    std::memcpy(field, digits.constData(), static_cast<size_t>(length - 1));
    field[length - 1] = '\0';
}

void putSize(char *field, qint64 size)
{
    if (size < (qint64(1) << 33)) {
        putOctal(field, 12, size);
        return;
    }
    // GNU base-256: the high bit of the first byte, then big-endian.
    std::memset(field, 0, 12);
    field[0] = static_cast<char>(0x80);
    for (int i = 11; i > 3; --i) {
        field[i] = static_cast<char>(size & 0xff);
        size >>= 8;
    }
}

} // namespace

TarWriter::TarWriter(const QString &path)
    : m_path(path)
{
}

bool TarWriter::open(QString *error)
{
    const QFileInfo info(m_path);
    if (info.isDir()) {
        *error = QStringLiteral("%1 is a folder, not an archive file").arg(m_path);
        return false;
    }
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create the folder of %1").arg(m_path);
        return false;
    }
    m_file = std::make_unique<DurableFile>(m_path);
    if (!m_file->open(error)) {
        m_file.reset();
        return false;
    }
    return true;
}

QByteArray TarWriter::header(const QString &name, char type, qint64 size, QString *error) const
{
    QByteArray header(Block, '\0');
    char *h = header.data();
    const QByteArray bytes = name.toUtf8();
    if (bytes.size() > 100) {
        *error = QStringLiteral("cannot write %1: the member name %2 is longer than 100 bytes").arg(m_path, name);
        return {};
    }
    std::memcpy(h, bytes.constData(), static_cast<size_t>(bytes.size()));
    putOctal(h + 100, 8, type == '5' ? 0755 : 0644);
    putOctal(h + 108, 8, 0);
    putOctal(h + 116, 8, 0);
    putSize(h + 124, size);
    // A fixed time: the same image gives the same archive bytes.
    putOctal(h + 136, 12, 0);
    h[156] = type;
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (char c : header)
        sum += static_cast<unsigned char>(c);
    putOctal(h + 148, 7, sum);
    h[155] = ' ';
    return header;
}

bool TarWriter::pad(qint64 size, QString *error)
{
    const qint64 rest = (Block - size % Block) % Block;
    return rest == 0 || m_file->write(QByteArray(static_cast<qsizetype>(rest), '\0'), error);
}

bool TarWriter::addDirectory(const QString &name, QString *error)
{
    const QByteArray h = header(name.endsWith(QLatin1Char('/')) ? name : name + QLatin1Char('/'), '5', 0, error);
    if (h.isEmpty() || !m_file->write(h, error))
        return false;
    m_names.insert(name);
    return true;
}

bool TarWriter::addFile(const QString &name, const QByteArray &bytes, QString *error)
{
    const QByteArray h = header(name, '0', bytes.size(), error);
    if (h.isEmpty() || !m_file->write(h, error) || !m_file->write(bytes, error) || !pad(bytes.size(), error))
        return false;
    m_names.insert(name);
    return true;
}

bool TarWriter::beginMember(QString *error)
{
    Q_ASSERT(m_memberStart < 0);
    m_memberStart = m_file->size();
    m_memberSize = 0;
    // A placeholder, filled in by endMember().
    if (!m_file->write(QByteArray(Block, '\0'), error)) {
        m_memberStart = -1;
        return false;
    }
    return true;
}

bool TarWriter::writeMember(const char *data, qint64 size, QString *error)
{
    if (!m_file->write(data, size, error))
        return false;
    m_memberSize += size;
    return true;
}

bool TarWriter::endMember(const QString &name, QString *error)
{
    const QByteArray h = header(name, '0', m_memberSize, error);
    if (h.isEmpty() || !m_file->writeAt(m_memberStart, h.constData(), Block, error) || !pad(m_memberSize, error)) {
        abandonMember();
        return false;
    }
    m_names.insert(name);
    m_memberStart = -1;
    return true;
}

void TarWriter::abandonMember()
{
    if (m_memberStart < 0 || !m_file || !m_file->isOpen())
        return;
    // Cut the archive back to before the member: a restarted blob starts clean.
    QString ignored;
    m_file->truncate(m_memberStart, &ignored);
    m_memberStart = -1;
}

bool TarWriter::commit(QString *error)
{
    if (!m_file->write(QByteArray(2 * Block, '\0'), error) || !m_file->commit(error))
        return false;
    m_file.reset();
    return true;
}

} // namespace crossdock
