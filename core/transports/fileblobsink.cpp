#include "core/transports/fileblobsink.h"

#include <QDir>
#include <QFileInfo>

namespace crossdock {

FileBlobSink::FileBlobSink(const QString &path)
    : m_path(path)
{
}

bool FileBlobSink::open(QString *error)
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        *error = QStringLiteral("cannot create the folder of %1").arg(m_path);
        return false;
    }
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString());
        return false;
    }
    return true;
}

bool FileBlobSink::write(const char *data, qint64 size, QString *error)
{
    if (m_file->write(data, size) == size)
        return true;
    *error = QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString());
    return false;
}

bool FileBlobSink::commit(QString *error)
{
    if (m_file->commit())
        return true;
    *error = QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString());
    return false;
}

} // namespace crossdock
