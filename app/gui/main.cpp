#include "appservices.h"
#include "contentcache.h"
#include "localstore.h"
#include "mainwindow.h"
#include "registrysettings.h"
#include "sessioncredentials.h"
#include "transferengine.h"
#include "transferhistory.h"
#include "transferqueue.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QNetworkAccessManager>
#include <QStatusBar>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Crossdock"));
    QApplication::setOrganizationName(QStringLiteral("Crossdock"));
    QApplication::setApplicationVersion(QStringLiteral(CROSSDOCK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.crossdock.Crossdock"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/crossdock.svg")));

    QNetworkAccessManager network;
    crossdock::RegistrySettings registries;
    crossdock::SessionCredentials sessionCredentials;
    const QString registriesPath = crossdock::RegistrySettings::defaultPath();
    QString settingsError;
    const bool settingsLoaded = registries.load(registriesPath, &settingsError);
    if (!settingsLoaded) {
        // Keep the unreadable file for the user (never overwritten by the next
        // save) and start with an empty list.
        const QString keptAs = registriesPath + QStringLiteral(".unreadable-")
            + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
        if (QFile::rename(registriesPath, keptAs))
            settingsError += QStringLiteral("; kept as %1, starting with no registries").arg(keptAs);
    }
    crossdock::ContentCache contentCache(crossdock::ContentCache::defaultDirectory());
    crossdock::LocalStore localStore(crossdock::LocalStore::defaultDirectory());
    // The copy engine runs in its own thread; the queue feeds it promotions.
    crossdock::TransferEngine engine;
    crossdock::TransferHistory history(crossdock::TransferHistory::defaultPath());
    crossdock::TransferQueue transfers(&engine, &network, &history);
    crossdock::MainWindow window(crossdock::AppServices {
        &network, &registries, registriesPath, &sessionCredentials, &contentCache, &localStore, &transfers});
    window.show();
    if (!settingsLoaded)
        window.statusBar()->showMessage(settingsError);
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.openReference(args.at(1));
    return app.exec();
}
