#include "clioptions.h"
#include "commandrunner.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crossdock-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CROSSDOCK_VERSION));

    QString error;
    const auto options = crossdock::cli::parseCommandLine(QCoreApplication::arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(error));
        return 1;
    }
    if (options->showHelp) {
        std::printf("%s", qUtf8Printable(crossdock::cli::usageText()));
        return 0;
    }
    if (options->showVersion) {
        std::printf("crossdock-cli %s\n", CROSSDOCK_VERSION);
        return 0;
    }
    QLoggingCategory::setFilterRules(options->debug ? QStringLiteral("crossdock.*.debug=true")
                                                    : QStringLiteral("crossdock.*.debug=false"));

    QNetworkAccessManager network;
    crossdock::cli::CommandRunner runner(*options, &network);
    QObject::connect(&runner, &crossdock::cli::CommandRunner::finished, &app, &QCoreApplication::exit);
    runner.start();
    return app.exec();
}
