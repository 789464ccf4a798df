#include "core/transfer/transferhistory.h"

#include "core/base/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace crossdock {

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
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || !restrictToOwner(file)) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    if (file.write(line) != line.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
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
