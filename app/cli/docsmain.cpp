// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// crossdock-cli-docs OUTDIR VERSION DATE: writes crossdock-cli-COMMAND.1 for
// every command, from the same flag table the parser uses; --markdown prints
// the README's flag table. A build tool, never installed.
#include "clidocs.h"
#include "flagtable.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 2 && args.at(1) == QLatin1String("--markdown")) {
        std::printf("%s", qUtf8Printable(crossdock::cli::markdownFlagTable()));
        return 0;
    }
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: crossdock-cli-docs OUTDIR VERSION DATE | --markdown\n");
        return 2;
    }
    const QDir out(args.at(1));
    if (!out.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "crossdock-cli-docs: cannot create %s\n", qPrintable(args.at(1)));
        return 1;
    }
    for (const crossdock::cli::CommandInfo &command : crossdock::cli::allCommands()) {
        QSaveFile file(out.filePath(QStringLiteral("crossdock-cli-%1.1").arg(command.name)));
        if (!file.open(QIODevice::WriteOnly)
            || file.write(crossdock::cli::manPage(command.name, args.at(2), args.at(3)).toUtf8()) < 0 || !file.commit()) {
            std::fprintf(stderr, "crossdock-cli-docs: cannot write %s: %s\n", qPrintable(file.fileName()),
                qPrintable(file.errorString()));
            return 1;
        }
    }
    return 0;
}
