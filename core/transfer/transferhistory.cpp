// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/transferhistory.h"

#include "core/base/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace crossdock {

namespace {

bool endsWithNewline(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(file.size() - 1))
        return true;
    char last = 0;
    return file.getChar(&last) && last == '\n';
}

} // namespace

TransferHistory::TransferHistory(QString path)
    : m_path(std::move(path))
{
}

QString TransferHistory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/crossdock/transfers.jsonl");
}

bool TransferHistory::append(const TransferRecord &record, QString *error) const
{
    if (!makePrivateDirectory(QFileInfo(m_path).absolutePath(), error))
        return false;
    QJsonObject object {
        {QStringLiteral("time"), record.time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("source"), record.source},
        {QStringLiteral("destination"), record.destination},
        {QStringLiteral("digest"), record.digest},
        {QStringLiteral("bytes"), record.bytes},
        {QStringLiteral("outcome"), record.outcome},
    };
    if (!record.error.isEmpty())
        object.insert(QStringLiteral("error"), record.error);
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered) || !restrictToOwner(file)) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    // An append, not a rewrite: the log only grows, and rewriting it whole
    // for every transfer would cost more the longer it gets. It stays
    // whole all the same: a line that could not be written in full (a full
    // disk) is cut off again, so the file ends with the last complete line
    // and the next append does not run into a fragment.
    const qint64 before = file.size();
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    if (before > 0 && !endsWithNewline(m_path))
        line.prepend('\n'); // a fragment left by a crash stays a line of its own
    // write(2) itself, not QFile: QFile reports a full disk as "Unknown error".
    QString reason;
    for (qint64 done = 0; done < line.size() && reason.isEmpty();) {
        const ssize_t n = ::write(file.handle(), line.constData() + done, static_cast<size_t>(line.size() - done));
        if (n > 0)
            done += n;
        else if (n < 0 && errno != EINTR)
            reason = QString::fromLocal8Bit(std::strerror(errno));
    }
    if (reason.isEmpty() && ::fsync(file.handle()) != 0)
        reason = QString::fromLocal8Bit(std::strerror(errno));
    if (!reason.isEmpty()) {
        if (::ftruncate(file.handle(), before) != 0) {
            // Nothing more to do: read() skips the damaged line.
        }
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, reason);
        return false;
    }
    return true;
}

QList<TransferRecord> TransferHistory::read(int limit, int *skipped, QString *error) const
{
    *skipped = 0;
    QList<TransferRecord> records;
    QFile file(m_path);
    if (!file.exists())
        return records;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        return records;
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const QDateTime time
            = QDateTime::fromString(object.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        if (object.isEmpty() || !time.isValid()) {
            ++*skipped;
            continue;
        }
        records.append({time, object.value(QStringLiteral("source")).toString(),
            object.value(QStringLiteral("destination")).toString(), object.value(QStringLiteral("digest")).toString(),
            static_cast<qint64>(object.value(QStringLiteral("bytes")).toDouble()),
            object.value(QStringLiteral("outcome")).toString(), object.value(QStringLiteral("error")).toString()});
        if (limit > 0 && records.size() > limit)
            records.removeFirst();
    }
    return records;
}

} // namespace crossdock
