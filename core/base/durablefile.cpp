// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/base/durablefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace crossdock {

namespace {

QString osError(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

const QRegularExpression &temporaryName()
{
    static const QRegularExpression re(QStringLiteral("\\A\\..+\\.crossdock-([0-9]+)-[A-Za-z0-9]{6}\\.tmp\\z"));
    return re;
}

} // namespace

DurableFile::DurableFile(const QString &path, int mode)
    : m_path(path)
    , m_mode(mode)
{
}

DurableFile::~DurableFile()
{
    discard();
}

bool DurableFile::fail(const QString &what, QString *error)
{
    const int code = errno;
    *error = QStringLiteral("cannot %1 %2: %3").arg(what, m_path, osError(code));
    discard();
    return false;
}

QString DurableFile::temporaryPathFor(const QString &path)
{
    const QFileInfo target(path);
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString suffix;
    for (int i = 0; i < 6; ++i)
        suffix += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return target.absolutePath() + QStringLiteral("/.") + target.fileName()
        + QStringLiteral(".crossdock-%1-%2.tmp").arg(::getpid()).arg(suffix);
}

bool DurableFile::open(QString *error)
{
    discard();
    for (int attempt = 0; attempt < 16; ++attempt) {
        m_temporary = temporaryPathFor(m_path);
        m_fd = ::open(QFile::encodeName(m_temporary).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, m_mode);
        if (m_fd >= 0 || errno != EEXIST)
            break;
    }
    if (m_fd < 0) {
        const int code = errno;
        m_temporary.clear();
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, osError(code));
        return false;
    }
    // The umask must not widen nor narrow what was asked.
    ::fchmod(m_fd, static_cast<mode_t>(m_mode));
    m_size = 0;
    return true;
}

bool DurableFile::write(const char *data, qint64 size, QString *error)
{
    if (!writeAt(m_size, data, size, error))
        return false;
    m_size += size;
    return true;
}

bool DurableFile::writeAt(qint64 offset, const char *data, qint64 size, QString *error)
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(m_fd, data + done, static_cast<size_t>(size - done), static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC; // a write that makes no progress: the device is full
            return fail(QStringLiteral("write"), error);
        }
        done += n;
    }
    return true;
}

bool DurableFile::truncate(qint64 size, QString *error)
{
    if (::ftruncate(m_fd, static_cast<off_t>(size)) != 0)
        return fail(QStringLiteral("write"), error);
    m_size = size;
    return true;
}

bool DurableFile::sync(QString *error)
{
    if (m_fd < 0) {
        *error = QStringLiteral("cannot write %1: not open").arg(m_path);
        return false;
    }
    // Data on disk before the name: after a crash the new name never points
    // at a file whose blocks were not written.
    if (::fsync(m_fd) != 0)
        return fail(QStringLiteral("write"), error);
    const int fd = std::exchange(m_fd, -1);
    if (::close(fd) != 0)
        return fail(QStringLiteral("write"), error);
    return true;
}

bool DurableFile::createIfAbsent(const QString &path, const QByteArray &bytes, QString *error, int mode)
{
    if (QFileInfo::exists(path))
        return true;
    DurableFile file(path, mode);
    if (!file.open(error) || !file.write(bytes, error) || !file.sync(error))
        return false;
    const int linked = ::link(QFile::encodeName(file.m_temporary).constData(), QFile::encodeName(path).constData());
    const int code = errno;
    file.discard(); // the temporary name goes either way
    if (linked != 0 && code != EEXIST) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, osError(code));
        return false;
    }
    return syncFolder(QFileInfo(path).absolutePath(), error);
}

bool DurableFile::commit(QString *error)
{
    if (!sync(error))
        return false;
    if (::rename(QFile::encodeName(m_temporary).constData(), QFile::encodeName(m_path).constData()) != 0)
        return fail(QStringLiteral("replace"), error);
    m_temporary.clear();
    return syncFolder(QFileInfo(m_path).absolutePath(), error);
}

void DurableFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temporary.isEmpty()) {
        const int saved = errno; // keep the reason a failure reports
        ::unlink(QFile::encodeName(m_temporary).constData());
        errno = saved;
        m_temporary.clear();
    }
}

bool DurableFile::writeWhole(const QString &path, const QByteArray &bytes, QString *error, int mode)
{
    DurableFile file(path, mode);
    return file.open(error) && file.write(bytes, error) && file.commit(error);
}

bool DurableFile::syncFolder(const QString &folder, QString *error)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int code = errno;
        if (fd >= 0)
            ::close(fd);
        *error = QStringLiteral("cannot write %1: %2").arg(folder, osError(code));
        return false;
    }
    ::close(fd);
    return true;
}

bool DurableFile::isTemporary(const QString &fileName)
{
    return temporaryName().match(fileName).hasMatch();
}

QStringList DurableFile::findStale(const QString &folder)
{
    QStringList stale;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        const QRegularExpressionMatch match = temporaryName().match(name);
        if (!match.hasMatch())
            continue;
        const pid_t pid = static_cast<pid_t>(match.captured(1).toLongLong());
        // A process that is gone (ESRCH) left it; a live one is still writing.
        if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH)
            stale << dir.filePath(name);
    }
    return stale;
}

QStringList DurableFile::removeStale(const QString &folder)
{
    QStringList removed;
    for (const QString &path : findStale(folder)) {
        const QFileInfo info(path);
        const bool gone = info.isDir() && !info.isSymLink() ? QDir(path).removeRecursively() : QFile::remove(path);
        if (gone)
            removed << path;
    }
    return removed;
}

} // namespace crossdock
