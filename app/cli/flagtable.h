// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace crossdock::cli {

// One command line flag. Every flag crossdock-cli takes and every flag
// skopeo documents is a row of one table: parsing, each command's --help,
// the man pages and the shell completions are all made from it, so they
// cannot drift apart.
struct Flag {
    enum class Support {
        Honoured, // does what skopeo's flag does
        NoEffect, // accepted; what it asks for is already how crossdock-cli works (why says so)
        Refused, // a documented skopeo flag crossdock-cli cannot honour yet: refused, naming why
    };

    QStringList names; // the long name first, then aliases and the one-letter form
    QString value; // what its value is called ("path"); empty for a switch
    QString help;
    QStringList commands; // where it is accepted; empty: every command
    Support support = Support::Honoured;
    QString why; // NoEffect, Refused: one sentence
    bool hidden = false; // an alias kept for old scripts (--screds): parsed, not listed
    bool crossdockOnly = false; // not a skopeo flag (of these commands)

    QString name() const { return names.first(); }
    bool takesValue() const { return !value.isEmpty(); }
    bool appliesTo(const QString &command) const { return commands.isEmpty() || commands.contains(command); }
    // "--name, -n VALUE" as help and man pages show it.
    QString synopsis() const;
};

// One command: its name, arguments and what it does.
struct CommandInfo {
    QString name;
    QString arguments; // "SOURCE DESTINATION"
    QString summary; // one line
    QString description; // a paragraph for its help and man page
};

// Every flag, in the order help shows them.
const QList<Flag> &allFlags();
// The flags a command accepts, global ones last. An empty command: the
// flags accepted before any command (--help, --version, the global ones).
QList<Flag> flagsFor(const QString &command);
// The row for a flag name (long, alias or letter) as that command has it.
const Flag *findFlag(const QString &name, const QString &command);
// The commands that accept a flag name, for "not an option of copy" errors.
QStringList commandsWithFlag(const QString &name);

const QList<CommandInfo> &allCommands();
const CommandInfo *findCommand(const QString &name);

} // namespace crossdock::cli
