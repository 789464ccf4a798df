// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "clidocs.h"

#include "flagtable.h"

#include <QRegularExpression>

namespace crossdock::cli {

namespace {

const QString Transports = QStringLiteral(
    "Transports: docker://REF (or a bare REF), oci:DIR[:NAME], oci-archive:FILE[:NAME],\n"
    "  docker-archive:FILE[:REF|:@N], dir:DIR\n"
    "References: [docker://]host[:port]/path[:tag][@digest]; \"nginx\" means docker.io/library/nginx:latest.\n"
    "Exit codes: 0 success, 1 error, 2 image or repository not found.\n");

// Words of text in lines of at most width columns, each after indent spaces.
QString wrap(const QString &text, int indent, int width = 80)
{
    QString out;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && indent + line.size() + 1 + word.size() > width) {
            out += QString(indent, QLatin1Char(' ')) + line + QLatin1Char('\n');
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        out += QString(indent, QLatin1Char(' ')) + line + QLatin1Char('\n');
    return out;
}

QString flagHelp(const Flag &f)
{
    if (f.support == Flag::Support::NoEffect)
        return f.help + QStringLiteral(" Accepted, no effect: ") + f.why + QLatin1Char('.');
    return f.help;
}

// "  --name VALUE   help", the help wrapped in its own column.
QString flagLines(const QList<Flag> &flags)
{
    constexpr int Column = 34;
    QString out;
    for (const Flag &f : flags) {
        if (f.hidden || f.support == Flag::Support::Refused)
            continue;
        const QString head = QStringLiteral("  ") + f.synopsis();
        const QString help = wrap(flagHelp(f), Column);
        if (head.size() + 2 <= Column)
            out += head + help.mid(head.size());
        else
            out += head + QLatin1Char('\n') + help;
    }
    return out;
}

QString refusedLines(const QList<Flag> &flags)
{
    QString out;
    for (const Flag &f : flags)
        if (f.support == Flag::Support::Refused && !f.hidden)
            out += wrap(QStringLiteral("--%1: %2.").arg(f.name(), f.why), 2);
    return out;
}

QList<Flag> ownFlags(const QString &command)
{
    QList<Flag> own;
    for (const Flag &f : flagsFor(command))
        if (!f.commands.isEmpty())
            own << f;
    return own;
}

QList<Flag> globalFlags()
{
    QList<Flag> global;
    for (const Flag &f : allFlags())
        if (f.commands.isEmpty())
            global << f;
    return global;
}

// roff: backslashes escaped, hyphens as \- (so they can be searched and
// copied), no line starting with a control character.
QString roff(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    text.replace(QLatin1Char('-'), QStringLiteral("\\-"));
    if (text.startsWith(QLatin1Char('.')) || text.startsWith(QLatin1Char('\'')))
        text.prepend(QStringLiteral("\\&"));
    return text;
}

QString roffFlags(const QList<Flag> &flags)
{
    QString out;
    for (const Flag &f : flags) {
        if (f.hidden || f.support == Flag::Support::Refused)
            continue;
        QStringList forms;
        for (const QString &n : f.names)
            forms << QStringLiteral("\\fB") + roff((n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n)
                    + QStringLiteral("\\fR");
        out += QStringLiteral(".TP\n") + forms.join(QStringLiteral(", "))
            + (f.takesValue() ? QStringLiteral(" \\fI") + roff(f.value) + QStringLiteral("\\fR") : QString())
            + QLatin1Char('\n') + roff(flagHelp(f)) + QLatin1Char('\n');
    }
    return out;
}

QStringList shellWords(const QList<Flag> &flags)
{
    QStringList words;
    for (const Flag &f : flags)
        if (!f.hidden && f.support != Flag::Support::Refused)
            for (const QString &n : f.names)
                if (n.size() > 1)
                    words << QStringLiteral("--") + n;
    return words;
}

bool takesPath(const Flag &f)
{
    return f.value == QLatin1String("path") || f.value == QLatin1String("dir");
}

// Fixed choices a flag's value takes, for completion.
QStringList choicesOf(const Flag &f)
{
    if (f.value == QLatin1String("bool"))
        return {QStringLiteral("true"), QStringLiteral("false")};
    if (f.name() == QLatin1String("multi-arch"))
        return {QStringLiteral("all"), QStringLiteral("system"), QStringLiteral("index-only")};
    if (f.name() == QLatin1String("src"))
        return {QStringLiteral("docker"), QStringLiteral("dir"), QStringLiteral("yaml")};
    if (f.name() == QLatin1String("dest"))
        return {QStringLiteral("docker"), QStringLiteral("dir"), QStringLiteral("oci")};
    return {};
}

QString bashCompletion()
{
    QStringList commandNames;
    for (const CommandInfo &c : allCommands())
        commandNames << c.name;
    QStringList pathFlags;
    QStringList valueFlags;
    QString choiceCases;
    for (const Flag &f : allFlags()) {
        if (f.support == Flag::Support::Refused || !f.takesValue())
            continue;
        const QString spelled = QStringLiteral("--") + f.name();
        const QStringList choices = choicesOf(f);
        if (takesPath(f))
            pathFlags << spelled;
        else if (!choices.isEmpty())
            choiceCases += QStringLiteral("        %1) COMPREPLY=($(compgen -W \"%2\" -- \"$cur\")); return ;;\n")
                               .arg(spelled, choices.join(QLatin1Char(' ')));
        else
            valueFlags << spelled;
    }
    pathFlags.removeDuplicates();
    valueFlags.removeDuplicates();
    QString commandCases;
    for (const CommandInfo &c : allCommands())
        commandCases += QStringLiteral("        %1) words=\"%2\" ;;\n")
                            .arg(c.name, shellWords(flagsFor(c.name)).join(QLatin1Char(' ')));
    return QStringLiteral(
               "# bash completion for crossdock-cli, made by `crossdock-cli completion bash`.\n"
               "_crossdock_cli()\n"
               "{\n"
               "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command= words i\n"
               "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
               "        case \" %1 \" in *\" ${COMP_WORDS[i]} \"*) command=${COMP_WORDS[i]}; break ;; esac\n"
               "    done\n"
               "    case $prev in\n"
               "        %2) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
               "%3"
               "        %4) COMPREPLY=(); return ;;\n"
               "    esac\n"
               "    case $command in\n"
               "        '') words=\"%1 %5\" ;;\n"
               "        completion) COMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\")); return ;;\n"
               "%6"
               "    esac\n"
               "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
               "}\n"
               "complete -o default -F _crossdock_cli crossdock-cli\n")
        .arg(commandNames.join(QLatin1Char(' ')), pathFlags.join(QLatin1Char('|')), choiceCases,
            valueFlags.join(QLatin1Char('|')), shellWords(flagsFor(QString())).join(QLatin1Char(' ')), commandCases);
}

// zsh's _arguments specifications: '--name[help]:value:action'.
QString zshEscape(QString text)
{
    text.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    text.replace(QLatin1Char('['), QStringLiteral("\\["));
    text.replace(QLatin1Char(']'), QStringLiteral("\\]"));
    text.replace(QLatin1Char(':'), QStringLiteral("\\:"));
    return text;
}

QString zshSpecs(const QList<Flag> &flags)
{
    QString out;
    for (const Flag &f : flags) {
        if (f.hidden || f.support == Flag::Support::Refused)
            continue;
        const QString help = zshEscape(f.help.section(QStringLiteral(". "), 0, 0).remove(QRegularExpression(QStringLiteral("\\.$"))));
        QString action;
        if (f.takesValue()) {
            const QStringList choices = choicesOf(f);
            action = QStringLiteral(":%1:%2").arg(zshEscape(f.value),
                takesPath(f) ? QStringLiteral("_files")
                             : (choices.isEmpty() ? QStringLiteral(" ") : QStringLiteral("(%1)").arg(choices.join(QLatin1Char(' ')))));
        }
        for (const QString &n : f.names) {
            const QString spelled = (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
            const bool repeatable = f.name() == QLatin1String("additional-tag") || f.name().startsWith(QLatin1String("repo-"));
            out += QStringLiteral("      '%1%2%3[%4]%5' \\\n")
                       .arg(repeatable ? QStringLiteral("*") : QString(), spelled,
                           f.takesValue() && n.size() > 1 ? QStringLiteral("=") : QString(), help, action);
        }
    }
    return out;
}

QString zshCompletion()
{
    QString commands;
    QString cases;
    for (const CommandInfo &c : allCommands()) {
        commands += QStringLiteral("    '%1:%2'\n").arg(c.name, zshEscape(c.summary));
        cases += QStringLiteral("    %1)\n      _arguments -s \\\n%2      '*:argument:_files'\n      ;;\n")
                     .arg(c.name, zshSpecs(flagsFor(c.name)));
    }
    return QStringLiteral("#compdef crossdock-cli\n"
                          "# zsh completion for crossdock-cli, made by `crossdock-cli completion zsh`.\n"
                          "_crossdock_cli() {\n"
                          "  local -a commands\n"
                          "  commands=(\n%1  )\n"
                          "  if (( CURRENT == 2 )); then\n"
                          "    _describe -t commands 'crossdock-cli command' commands\n"
                          "    return\n"
                          "  fi\n"
                          "  case $words[2] in\n%2"
                          "  esac\n"
                          "}\n"
                          "_crossdock_cli \"$@\"\n")
        .arg(commands, cases);
}

QString fishEscape(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return text;
}

QString fishCompletion()
{
    QStringList commandNames;
    for (const CommandInfo &c : allCommands())
        commandNames << c.name;
    QString out = QStringLiteral("# fish completion for crossdock-cli, made by `crossdock-cli completion fish`.\n"
                                 "complete -c crossdock-cli -f\n");
    for (const CommandInfo &c : allCommands())
        out += QStringLiteral("complete -c crossdock-cli -n 'not __fish_seen_subcommand_from %1' -a %2 -d '%3'\n")
                   .arg(commandNames.join(QLatin1Char(' ')), c.name, fishEscape(c.summary));
    const auto line = [](const Flag &f, const QString &condition) -> QString {
        QString spec = QStringLiteral("complete -c crossdock-cli");
        if (!condition.isEmpty())
            spec += QStringLiteral(" -n '%1'").arg(condition);
        for (const QString &n : f.names)
            spec += (n.size() == 1 ? QStringLiteral(" -s ") : QStringLiteral(" -l ")) + n;
        if (f.takesValue()) {
            const QStringList choices = choicesOf(f);
            spec += takesPath(f) ? QStringLiteral(" -r -F")
                                 : (choices.isEmpty() ? QStringLiteral(" -r")
                                                      : QStringLiteral(" -r -a '%1'").arg(choices.join(QLatin1Char(' '))));
        }
        return spec + QStringLiteral(" -d '%1'\n").arg(fishEscape(f.help.section(QStringLiteral(". "), 0, 0)));
    };
    for (const Flag &f : allFlags()) {
        if (f.hidden || f.support == Flag::Support::Refused)
            continue;
        if (f.commands.isEmpty())
            out += line(f, QString());
        else if (!f.commands.contains(QString()))
            out += line(f, QStringLiteral("__fish_seen_subcommand_from ") + f.commands.join(QLatin1Char(' ')));
        else
            out += line(f, QStringLiteral("not __fish_seen_subcommand_from ") + commandNames.join(QLatin1Char(' ')));
    }
    out += QStringLiteral("complete -c crossdock-cli -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n");
    return out;
}

} // namespace

QString usageText()
{
    QString out = QStringLiteral("Usage: crossdock-cli [FLAGS] COMMAND [FLAGS] ARGUMENTS\n\n"
                                 "Moves and inspects container images across registries; commands and flags follow "
                                 "skopeo's.\n\nCommands:\n");
    qsizetype width = 0; // the longest name and two spaces: the summaries line up
    for (const CommandInfo &c : allCommands())
        width = std::max(width, c.name.size() + 2);
    for (const CommandInfo &c : allCommands())
        out += QStringLiteral("  %1%2\n").arg(c.name.leftJustified(width), c.summary);
    out += QStringLiteral("\nRun crossdock-cli COMMAND --help for a command's arguments and flags.\n\n") + Transports
        + QStringLiteral("\nGlobal flags:\n") + flagLines(flagsFor(QString()));
    const QString refused = refusedLines(globalFlags());
    if (!refused.isEmpty())
        out += QStringLiteral("\nskopeo flags refused, and why:\n") + refused;
    return out;
}

QString commandHelpText(const QString &command)
{
    const CommandInfo *info = findCommand(command);
    if (!info)
        return usageText();
    QString out = QStringLiteral("Usage: crossdock-cli %1 [FLAGS] %2\n\n%3\n\n").arg(info->name, info->arguments, info->summary)
        + wrap(info->description, 0) + QLatin1Char('\n');
    if (command == QLatin1String("copy") || command == QLatin1String("inspect") || command == QLatin1String("sync"))
        out += Transports + QLatin1Char('\n');
    const QList<Flag> own = ownFlags(command);
    out += QStringLiteral("Flags:\n") + flagLines(own);
    out += QStringLiteral("\nGlobal flags:\n") + flagLines(globalFlags());
    const QString refused = refusedLines(own);
    if (!refused.isEmpty())
        out += QStringLiteral("\nskopeo flags refused, and why:\n") + refused;
    return out;
}

QString manPage(const QString &command, const QString &version, const QString &date)
{
    const CommandInfo *info = findCommand(command);
    if (!info)
        return {};
    const QString page = QStringLiteral("crossdock-cli-") + command;
    QString out = QStringLiteral(".\\\" Made from crossdock-cli's flag table (app/cli/flagtable.cpp); do not edit.\n"
                                 ".TH %1 1 \"%2\" \"crossdock-cli %3\" \"User Commands\"\n"
                                 ".SH NAME\n%4 \\- %5\n"
                                 ".SH SYNOPSIS\n.B crossdock\\-cli %6\n[\\fIFLAGS\\fR] %7\n"
                                 ".SH DESCRIPTION\n%8\n")
                      .arg(page.toUpper(), date, version, roff(page), roff(info->summary), roff(command),
                          roff(info->arguments), roff(info->description));
    out += QStringLiteral(".SH OPTIONS\n") + roffFlags(ownFlags(command));
    out += QStringLiteral(".SH GLOBAL OPTIONS\n") + roffFlags(globalFlags());
    QString refused;
    for (const Flag &f : ownFlags(command))
        if (f.support == Flag::Support::Refused && !f.hidden)
            refused += QStringLiteral(".TP\n\\fB%1\\fR\n%2.\n").arg(roff(QStringLiteral("--") + f.name()), roff(f.why));
    if (!refused.isEmpty())
        out += QStringLiteral(".SH SKOPEO FLAGS REFUSED\nThese skopeo flags are refused with this reason, rather "
                              "than ignored:\n")
            + refused;
    out += QStringLiteral(".SH EXIT STATUS\n0 success, 1 error, 2 image or repository not found.\n"
                          ".SH SEE ALSO\n\\fBcrossdock\\-cli\\fR(1), \\fBskopeo\\-%1\\fR(1)\n")
               .arg(roff(command));
    return out;
}

QString markdownFlagTable()
{
    QString out = QStringLiteral("| Flag | Commands | crossdock-cli |\n|---|---|---|\n");
    for (const Flag &f : allFlags()) {
        QStringList forms;
        for (const QString &n : f.names)
            forms << QStringLiteral("`%1%2`").arg(n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), n);
        const QString commands = f.commands.isEmpty() ? QStringLiteral("all")
            : f.commands == QStringList {QString()} ? QStringLiteral("none (before a command)")
                                                     : f.commands.join(QStringLiteral(", "));
        QString status;
        if (f.crossdockOnly)
            status = QStringLiteral("crossdock only: ") + f.help;
        else if (f.hidden)
            status = QStringLiteral("as skopeo (") + f.help + QLatin1Char(')');
        else if (f.support == Flag::Support::Honoured)
            status = QStringLiteral("as skopeo");
        else if (f.support == Flag::Support::NoEffect)
            status = QStringLiteral("accepted, no effect: ") + f.why;
        else
            status = QStringLiteral("**refused**: ") + f.why;
        status.replace(QLatin1Char('|'), QStringLiteral("\\|"));
        out += QStringLiteral("| %1 | %2 | %3 |\n").arg(forms.join(QStringLiteral(", ")), commands, status);
    }
    return out;
}

QString completionScript(const QString &shell)
{
    if (shell == QLatin1String("bash"))
        return bashCompletion();
    if (shell == QLatin1String("zsh"))
        return zshCompletion();
    if (shell == QLatin1String("fish"))
        return fishCompletion();
    return {};
}

} // namespace crossdock::cli
