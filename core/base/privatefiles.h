// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFileDevice>
#include <QString>

namespace crossdock {

// Files and folders that hold private data - auth files, the registries a
// user works with, repository names in caches and history, cached
// manifests - are readable by their owner alone, whatever the umask says.

// Creates `path` and every missing folder above it with mode 0700 (folders
// that exist already are left as they are). False with the OS's reason.
bool makePrivateDirectory(const QString &path, QString *error = nullptr);

// Owner-only (0600) for a file just opened for writing - a QSaveFile's
// temporary file or a QFile - before any byte is written to it.
bool restrictToOwner(QFileDevice &file);

} // namespace crossdock
