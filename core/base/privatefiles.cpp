// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/base/privatefiles.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace crossdock {

bool makePrivateDirectory(const QString &path, QString *error)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    // The missing folders, outermost first.
    QStringList missing;
    for (QString at = absolute; !QFileInfo::exists(at) && at != QLatin1String("/"); at = QFileInfo(at).path())
        missing.prepend(at);
    for (const QString &folder : std::as_const(missing)) {
        // mkdir applies the umask, which can only take bits away from 0700.
        if (::mkdir(QFile::encodeName(folder).constData(), S_IRWXU) != 0 && errno != EEXIST) {
            if (error)
                *error = QStringLiteral("cannot create folder %1: %2").arg(folder, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
    }
    if (!QFileInfo(absolute).isDir()) {
        if (error)
            *error = QStringLiteral("%1 is not a folder").arg(absolute);
        return false;
    }
    return true;
}

bool restrictToOwner(QFileDevice &file)
{
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace crossdock
