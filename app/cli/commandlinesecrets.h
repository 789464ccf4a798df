// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clioptions.h"

#include <QStringList>

namespace crossdock::cli {

// Passwords given on the command line (--creds user:password, and its
// --src-/--dest- forms; login's --password) are readable by every user of
// the machine through ps and /proc/PID/cmdline while the program starts.

// One warning line per flag that carried a password, naming the flag and
// the safe alternative (--password-stdin, an auth file, login).
QStringList commandLinePasswordWarnings(const CliOptions &options);

// Overwrites those passwords in the process's own argv (what
// /proc/PID/cmdline shows) once they are parsed, so the window in which
// they can be read is as short as it can be. Other arguments stay as given.
void hidePasswordsInArgv(int argc, char **argv);

} // namespace crossdock::cli
