#include "mainwindow.h"

#include <QApplication>
#include <QNetworkAccessManager>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Crossdock"));
    QApplication::setOrganizationName(QStringLiteral("Crossdock"));
    QApplication::setApplicationVersion(QStringLiteral(CROSSDOCK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.crossdock.Crossdock"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/crossdock.svg")));

    QNetworkAccessManager network;
    crossdock::MainWindow window(&network);
    window.show();
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.inspect(args.at(1));
    return app.exec();
}
