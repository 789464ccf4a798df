// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock::cli {

// Reads a password from the terminal without echo. Fails when standard input
// is not a terminal (scripts use --password-stdin instead).
bool readPassword(const QString &prompt, QString *password, QString *error);
// Reads all of standard input; one trailing newline is dropped.
bool readPasswordFromStdin(QString *password, QString *error);

} // namespace crossdock::cli
