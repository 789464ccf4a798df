// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock::cli {

// What the flag table (flagtable.h) says, written for people and shells:
// help, man pages and completion scripts come from the same rows, so none of
// them can name a flag the parser does not take, or miss one it does.

// --help without a command: the commands and the global flags.
QString usageText();
// COMMAND --help: that command's arguments and flags only.
QString commandHelpText(const QString &command);
// crossdock-cli-COMMAND(1) in roff (man(7)).
QString manPage(const QString &command, const QString &version, const QString &date);
// A completion script for bash, zsh or fish; empty for another shell.
QString completionScript(const QString &shell);
// The README's table: every flag, the commands that take it and what
// crossdock-cli does with it, beside skopeo's meaning.
QString markdownFlagTable();

} // namespace crossdock::cli
