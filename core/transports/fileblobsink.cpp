// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/fileblobsink.h"

#include <QDir>
#include <QFileInfo>

namespace crossdock {

FileBlobSink::FileBlobSink(const QString &path)
    : m_file(path)
{
}

FileBlobSink::FileBlobSink(const QString &folder, std::function<QString(const Digest &)> pathFor)
    : m_file(folder + QStringLiteral("/recompressed-layer"))
    , m_pathFor(std::move(pathFor))
{
}

bool FileBlobSink::setMade(const Descriptor &made, QString *)
{
    if (m_pathFor)
        m_file.setPath(m_pathFor(made.digest));
    return true;
}

bool FileBlobSink::open(QString *error)
{
    const QString folder = QFileInfo(m_file.path()).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("cannot create the folder %1").arg(folder);
        return false;
    }
    return m_file.open(error);
}

bool FileBlobSink::write(const char *data, qint64 size, QString *error)
{
    return m_file.write(data, size, error);
}

bool FileBlobSink::commit(QString *error)
{
    return m_file.commit(error);
}

} // namespace crossdock
