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

QString TarWriter::failure() const
{
    return QStringLiteral("cannot write %1: %2").arg(m_path, m_file ? m_file->errorString() : QString());
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
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        *error = failure();
        m_file.reset();
        return false;
    }
    return true;
}

bool TarWriter::writeHeader(const QString &name, char type, qint64 size, QString *error)
{
    char header[Block];
    std::memset(header, 0, sizeof header);
    const QByteArray bytes = name.toUtf8();
    if (bytes.size() > 100) {
        *error = QStringLiteral("cannot write %1: the member name %2 is longer than 100 bytes").arg(m_path, name);
        return false;
    }
    std::memcpy(header, bytes.constData(), static_cast<size_t>(bytes.size()));
    putOctal(header + 100, 8, type == '5' ? 0755 : 0644);
    putOctal(header + 108, 8, 0);
    putOctal(header + 116, 8, 0);
    putSize(header + 124, size);
    // A fixed time: the same image gives the same archive bytes.
    putOctal(header + 136, 12, 0);
    header[156] = type;
    std::memcpy(header + 257, "ustar", 6);
    std::memcpy(header + 263, "00", 2);
    std::memset(header + 148, ' ', 8);
    unsigned sum = 0;
    for (char c : header)
        sum += static_cast<unsigned char>(c);
    putOctal(header + 148, 7, sum);
    header[155] = ' ';
    if (m_file->write(header, Block) != Block) {
        *error = failure();
        return false;
    }
    return true;
}

bool TarWriter::pad(qint64 size, QString *error)
{
    const qint64 rest = (Block - size % Block) % Block;
    if (rest == 0)
        return true;
    const QByteArray zeros(static_cast<qsizetype>(rest), '\0');
    if (m_file->write(zeros) != rest) {
        *error = failure();
        return false;
    }
    return true;
}

bool TarWriter::addDirectory(const QString &name, QString *error)
{
    if (!writeHeader(name.endsWith(QLatin1Char('/')) ? name : name + QLatin1Char('/'), '5', 0, error))
        return false;
    m_names.insert(name);
    return true;
}

bool TarWriter::addFile(const QString &name, const QByteArray &bytes, QString *error)
{
    if (!writeHeader(name, '0', bytes.size(), error))
        return false;
    if (m_file->write(bytes) != bytes.size()) {
        *error = failure();
        return false;
    }
    if (!pad(bytes.size(), error))
        return false;
    m_names.insert(name);
    return true;
}

bool TarWriter::beginMember(QString *error)
{
    Q_ASSERT(m_memberStart < 0);
    m_memberStart = m_file->pos();
    m_memberSize = 0;
    // A placeholder, filled in by endMember().
    const QByteArray placeholder(Block, '\0');
    if (m_file->write(placeholder) != Block) {
        *error = failure();
        abandonMember();
        return false;
    }
    return true;
}

bool TarWriter::writeMember(const char *data, qint64 size, QString *error)
{
    if (m_file->write(data, size) != size) {
        *error = failure();
        return false;
    }
    m_memberSize += size;
    return true;
}

bool TarWriter::endMember(const QString &name, QString *error)
{
    const qint64 end = m_file->pos();
    if (!m_file->seek(m_memberStart) || !writeHeader(name, '0', m_memberSize, error) || !m_file->seek(end)
        || !pad(m_memberSize, error)) {
        if (error->isEmpty())
            *error = failure();
        abandonMember();
        return false;
    }
    m_names.insert(name);
    m_memberStart = -1;
    return true;
}

void TarWriter::abandonMember()
{
    if (m_memberStart < 0 || !m_file)
        return;
    // Cut the archive back to before the member: a restarted blob starts clean.
    m_file->seek(m_memberStart);
    m_file->resize(m_memberStart);
    m_memberStart = -1;
}

bool TarWriter::commit(QString *error)
{
    const QByteArray end(2 * Block, '\0');
    if (m_file->write(end) != end.size() || !m_file->commit()) {
        *error = failure();
        return false;
    }
    m_file.reset();
    return true;
}

} // namespace crossdock
