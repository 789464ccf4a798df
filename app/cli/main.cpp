#include "clioptions.h"

#include "commandlinesecrets.h"
#include "commandrunner.h"
#include "logging.h"
#include "processhardening.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

#include <cstdio>

namespace {

bool g_debug = false;
QElapsedTimer g_clock;

// The CLI's stderr is its own: one line per error. Qt's internal warnings
// (e.g. a benign race when a reply is aborted at exit) appear only with --debug.
void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const bool ours = context.category && qstrncmp(context.category, "crossdock.", 10) == 0;
    if (!ours && !g_debug && type != QtFatalMsg)
        return;
    // Debug lines carry the time since start, to see where time goes.
    std::fprintf(stderr, "%s%s%s%s\n", g_debug ? qPrintable(QStringLiteral("[%1] ").arg(g_clock.elapsed() / 1000.0, 7, 'f', 3)) : "",
                 context.category && !ours ? context.category : "", context.category && !ours ? ": " : "",
                 qUtf8Printable(ours ? QStringLiteral("%1: %2").arg(QString::fromLatin1(context.category), message) : message));
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything holds a secret: a crash must not write one to disk.
    crossdock::disableCoreDumps();
    g_clock.start();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crossdock-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CROSSDOCK_VERSION));

    QString error;
    const auto options = crossdock::cli::parseCommandLine(QCoreApplication::arguments(), &error);
    // Parsed: the passwords in argv have served; hide them from ps.
    crossdock::cli::hidePasswordsInArgv(argc, argv);
    if (!options) {
        std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(error));
        return 1;
    }
    for (const QString &warning : crossdock::cli::commandLinePasswordWarnings(*options))
        std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(warning));
    if (options->showHelp) {
        std::printf("%s", qUtf8Printable(crossdock::cli::usageText()));
        return 0;
    }
    if (options->showVersion) {
        std::printf("crossdock-cli %s\n", CROSSDOCK_VERSION);
        return 0;
    }
    g_debug = options->debug;
    qInstallMessageHandler(messageHandler);
    QLoggingCategory::setFilterRules(options->debug ? QStringLiteral("crossdock.*.debug=true")
                                                    : QStringLiteral("crossdock.*.debug=false"));

    qCDebug(lcCredentials).noquote() << crossdock::coreDumpState();

    QNetworkAccessManager network;
    crossdock::cli::CommandRunner runner(*options, &network);
    QObject::connect(&runner, &crossdock::cli::CommandRunner::finished, &app, &QCoreApplication::exit);
    runner.start();
    return app.exec();
}
