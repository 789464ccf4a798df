// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Makes the README's screenshots: real windows and dialogs, driven against
// the test harness's registries, grabbed to PNG. Run by
// packaging/screenshots.sh under Xvfb with a Secret Service of its own.
#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/credentials/sessioncredentials.h"
#include "core/registry/registrysettings.h"
#include "core/transfer/transferengine.h"
#include "core/transfer/transferhistory.h"
#include "core/transfer/transferqueue.h"
#include "dialogdriver.h"
#include "darkpalette.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "registryset.h"
#include "ui/browse/registrypane.h"
#include "ui/browse/tagtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/promote/promotedialog.h"
#include "ui/promote/transferdock.h"
#include "ui/promote/transfermodel.h"
#include "ui/registries/credentialsdialog.h"
#include "ui/registries/registriesdialog.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QDir>
#include <QListWidget>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTreeView>

using namespace crossdock;
using namespace crossdock::test;

namespace {

bool save(QWidget *window, const QString &dir, const QString &name)
{
    QTest::qWait(300); // let the last paint land
    const QString path = dir + QLatin1Char('/') + name;
    if (!window->grab().save(path)) {
        qCritical("cannot write %s", qPrintable(path));
        return false;
    }
    qInfo("wrote %s", qPrintable(path));
    return true;
}

bool waitFor(const std::function<bool()> &condition, const char *what)
{
    if (QTest::qWaitFor(condition, 20000))
        return true;
    qCritical("timed out waiting for %s", what);
    for (QWidget *w : QApplication::topLevelWidgets()) // what it looked like, to see why
        if (w->isVisible())
            w->grab().save(QStringLiteral("/tmp/crossdock-timeout-%1.png").arg(w->objectName()));
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("resources/screenshots");
    QDir().mkpath(out);

    RegistrySet set(RegistrySet::Anonymous | RegistrySet::Htpasswd);
    if (!set.ok()) {
        qCritical("registries: %s", qPrintable(set.error()));
        return 1;
    }
    QTemporaryDir dir;
    QNetworkAccessManager network;
    RegistrySettings settings;
    SessionCredentials session;
    ContentCache cache(dir.filePath(QStringLiteral("cache")));
    LocalStore local(dir.filePath(QStringLiteral("local")));
    TransferEngine::Limits limits;
    limits.blobLocationCache.clear();
    TransferEngine engine(limits, nullptr);
    TransferHistory history(dir.filePath(QStringLiteral("transfers.jsonl")));
    TransferQueue transfers(&engine, &network, &history);
    AppServices services {
        &network, &settings, dir.filePath(QStringLiteral("registries.json")), &session, &cache, &local, &transfers};
    QString error;
    const QString fixtures = set.anonymous()->hostAndPort();
    const QString staging = set.htpasswd()->hostAndPort();
    for (const auto &[name, host] :
        {std::pair {QStringLiteral("Fixtures"), fixtures}, std::pair {QStringLiteral("Staging"), staging},
            std::pair {QStringLiteral("Docker Hub"), QStringLiteral("docker.io")}}) {
        RegistryEntry entry;
        entry.displayName = name;
        entry.host = host;
        if (host == QLatin1String("docker.io"))
            entry.bookmarks = QStringList {QStringLiteral("library/debian"), QStringLiteral("library/nginx")};
        settings.upsert(entry, &error);
    }

    // 1. Three panes on a laptop screen (1280x800): an index's details on
    //    the left, a registry that wants a login in the middle, the local
    //    folder on the right; then the same in a dark palette.
    MainWindow window(services);
    window.resize(1280, 800);
    window.show();
    RegistryPane *left = window.panes().at(0);
    RegistryPane *right = window.panes().at(1);
    window.addPane()->openLocalFolder();
    left->openRepository(Fixtures::OciIndex, QStringLiteral("multi"));
    auto *details = left->findChild<QWidget *>(QStringLiteral("overview"));
    auto *problem = right->findChild<QWidget *>(QStringLiteral("problemBar"));
    if (!waitFor(
            [&] {
                return details->isVisible() && !left->findChild<QWidget *>(QStringLiteral("platforms"))->isHidden();
            },
            "the details")
        || !waitFor([&] { return problem->isVisible(); }, "the login offer")
        || !save(&window, out, QStringLiteral("browse.png")))
        return 1;
    {
        const QPalette light = QApplication::palette();
        const QString lightStyle = QApplication::style()->name(); // the style object goes with setStyle()
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        QApplication::processEvents();
        const bool saved = save(&window, out, QStringLiteral("browse-dark.png"));
        QApplication::setPalette(light);
        QApplication::setStyle(lightStyle);
        if (!saved)
            return 1;
    }
    right->openRepository(Fixtures::ManyTags);
    left->openRepository(Fixtures::ManyTags);
    if (!waitFor([&] { return left->tagModel() && left->tagModel()->loadedCount() > 200; }, "the tag table")
        || !save(&window, out, QStringLiteral("tags.png")))
        return 1;

    // 3. The Log in dialog, login checked against the htpasswd registry.
    auto *login = new CredentialsDialog(services, staging, TlsSettings(), &window);
    login->show();
    type(login, "username", RegistrySet::User);
    type(login, "password", RegistrySet::Password);
    click(login, "check");
    if (!waitFor(
            [&] { return text(login, "result").contains(QStringLiteral("Lists repositories?")); }, "the login check")
        || !save(login, out, QStringLiteral("credentials.png")))
        return 1;
    click(login, "save");
    if (!waitFor([&] { return !login->isVisible(); }, "the keychain"))
        return 1;

    // 4. The Registries dialog after Test connection.
    RegistriesDialog registries(services, &window);
    registries.show();
    registries.selectHost(staging);
    click(&registries, "testConnection");
    if (!waitFor([&] { return text(&registries, "result").contains(QStringLiteral("Lists repositories?")); },
            "the connection test")
        || !save(&registries, out, QStringLiteral("registries.png")))
        return 1;
    registries.close();
    window.close();

    // 5. Promotion: three tags dragged from staging onto production. One is
    //    large enough to be caught mid-copy; production's 1.3.0 is another
    //    image, so the queue asks before overwriting it.
    RegistryServer stagingRegistry {RegistryServer::Options()};
    RegistryServer productionRegistry {RegistryServer::Options()};
    if (!stagingRegistry.isRunning() || !productionRegistry.isRunning()) {
        qCritical("writable registries did not start");
        return 1;
    }
    const QString repository = QStringLiteral("team/app");
    RawRegistry rawStaging(stagingRegistry.baseUrl());
    RawRegistry rawProduction(productionRegistry.baseUrl());
    if (rawStaging.pushSingleLayerImage(repository, QStringLiteral("1.4.2"), 768LL * 1024 * 1024).isEmpty()
        || rawStaging.pushSingleLayerImage(repository, QStringLiteral("1.4.1"), 3 * 1024 * 1024).isEmpty()
        || rawStaging.pushSingleLayerImage(repository, QStringLiteral("1.3.0"), 2 * 1024 * 1024).isEmpty()
        || rawProduction.pushSingleLayerImage(repository, QStringLiteral("1.3.0"), 1024 * 1024).isEmpty()
        || rawProduction.pushSingleLayerImage(repository, QStringLiteral("1.2.0"), 1024 * 1024).isEmpty()) {
        qCritical("cannot seed the promotion registries");
        return 1;
    }
    for (const auto &[name, host] : {std::pair {QStringLiteral("Staging"), stagingRegistry.hostAndPort()},
             std::pair {QStringLiteral("Production"), productionRegistry.hostAndPort()}}) {
        RegistryEntry entry;
        entry.displayName = name;
        entry.host = host;
        settings.upsert(entry, &error);
    }
    MainWindow promoteWindow(services);
    promoteWindow.resize(1400, 860);
    promoteWindow.show();
    RegistryPane *from = promoteWindow.panes().at(0);
    RegistryPane *to = promoteWindow.panes().at(1);
    from->openRegistry(stagingRegistry.hostAndPort());
    to->openRegistry(productionRegistry.hostAndPort());
    from->openRepository(repository);
    to->openRepository(repository);
    if (!waitFor(
            [&] {
                return from->tagModel() && from->tagModel()->loadedCount() == 3 && to->tagModel()
                    && to->tagModel()->loadedCount() == 2;
            },
            "the promotion panes"))
        return 1;
    QModelIndexList dragged;
    for (const QString &tag : {QStringLiteral("1.4.2"), QStringLiteral("1.4.1"), QStringLiteral("1.3.0")})
        dragged << from->tagModel()->index(from->tagModel()->rowOf(tag), 0);
    std::unique_ptr<QMimeData> data(from->tagModel()->mimeData(dragged));
    to->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {});
    PromoteDialog *promote = nullptr;
    if (!waitFor([&] { return (promote = promoteWindow.findChild<PromoteDialog *>()) && promote->isPreviewComplete(); },
            "the promotion preview")
        || !save(promote, out, QStringLiteral("promote.png")))
        return 1;
    click(promote, "promote");
    TransferDock *dock = promoteWindow.transferDock();
    auto running = [&] {
        for (int row = 0; row < transfers.count(); ++row)
            if (transfers.at(row).state == Transfer::State::Running && transfers.at(row).total > 0)
                return static_cast<double>(transfers.at(row).done) / static_cast<double>(transfers.at(row).total);
        return -1.0;
    };
    dock->view()->expand(dock->model()->index(0, 0));
    if (!waitFor(
            [&] {
                dock->view()->expand(dock->model()->index(0, 0));
                return running() > 0.3 && transfers.at(1).isFinished()
                    && transfers.at(2).state == Transfer::State::NeedsDecision;
            },
            "the copy under way"))
        return 1;
    dock->view()->setCurrentIndex(dock->model()->index(2, 0));
    if (!promoteWindow.grab().save(out + QStringLiteral("/transfers.png")))
        return 1;
    qInfo("wrote %s/transfers.png at %.0f%% of the large copy", qPrintable(out), running() * 100);
    return 0;
}
