// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "passwordprompt.h"

#include "core/credentials/secretmemory.h"

#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace crossdock::cli {

bool readPassword(const QString &prompt, QString *password, QString *error)
{
    if (!isatty(STDIN_FILENO)) {
        *error = QStringLiteral("--creds has no password and standard input is not a terminal; "
                                "use --username with --password-stdin");
        return false;
    }
    std::fprintf(stderr, "%s", qUtf8Printable(prompt));
    std::fflush(stderr);
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    char buffer[1024];
    const bool ok = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fprintf(stderr, "\n");
    if (!ok) {
        *error = QStringLiteral("no password entered");
        return false;
    }
    QString text = QString::fromUtf8(buffer);
    wipe(buffer, sizeof buffer);
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    *password = text;
    return true;
}

bool readPasswordFromStdin(QString *password, QString *error)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read standard input");
        return false;
    }
    QByteArray bytes = in.read(64 * 1024);
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    if (bytes.isEmpty()) {
        *error = QStringLiteral("--password-stdin: standard input was empty");
        return false;
    }
    *password = QString::fromUtf8(bytes);
    wipe(bytes);
    return true;
}

} // namespace crossdock::cli
