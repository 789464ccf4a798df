// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The desktop application as people use it every day (issue [desktop]),
// offscreen against a real registry: three panes on a laptop screen never
// push the window past it, whatever is selected.
#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/credentials/sessioncredentials.h"
#include "core/registry/registriesconf.h"
#include "core/registry/registrysettings.h"
#include "dialogdriver.h"
#include "faultproxy.h"
#include "fixtures.h"
#include "panedriver.h"
#include "rawregistry.h"
#include "testenv.h"
#include "registryserver.h"
#include "registryset.h"
#include "ui/browse/detailspanel.h"
#include "ui/browse/tagtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/promote/promotedialog.h"
#include "ui/registries/registriesdialog.h"
#include "ui/search/searchdialog.h"
#include "ui/search/searchresultsmodel.h"
#include "ui/singleinstance.h"
#include "ui/workspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QTemporaryDir>

using namespace crossdock;
using namespace crossdock::test;

namespace {

// The tags that tell pull-request builds apart differ at their end.
const QString LongTag = QStringLiteral("pr-1707-feature-registry-browser-layout-on-small-screens-0123456789abcdef");
const QString DeepRepository = QStringLiteral("team/platform/services/web-frontend/app");
const QStringList VersionTags {QStringLiteral("1.0.10"), QStringLiteral("latest"), QStringLiteral("1.0.2"), QStringLiteral("1.11.57"),
    QStringLiteral("1.0.0"), QStringLiteral("1.10.5"), QStringLiteral("1.0.0-rc.1")};

} // namespace

class TestDesktop : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void threePanesFitALaptopScreen();
    void windowOpensWithinTheScreen();
    void keyboardPromotionKeepsTheImagesPath();
    void switchingRegistryLeavesTheRepositoryBehind();
    void savingSettingsKeepsWhatIsOpen();
    void addRegistryFromAPaneOpensAnEmptyForm();
    void registryThatWentDownIsSaidAtOnce();
    void untrustedRegistryOffersItsSettings();
    void promotingToARegistryThatIsDownSaysSo();
    void tagsSortByVersionAndFiltersSayWhatTheyShow();
    void workspaceComesBack();
    void restoredWindowFitsTheScreen();
    void singleInstanceHandsTheReferenceOver();
    void secondLaunchOpensInTheFirstWindow();
    void dockerUrlsOpen();
    void emptyLocalFolderSaysWhatToDo();
    void f6MovesBetweenPanes();
    void searchFindsAcrossRegistriesAndOpens();
    void refreshKeepsTheWholeTree();
    void tabFollowsThePaneTopToBottom();
    void clipboardCopySaysClipboard();
    void columnsFitALargerFont();
    void blockedRegistryIsNotContacted();
    void insecureInRegistriesConfSkipsVerification();

private:
    AppServices services()
    {
        return AppServices {
            &m_network, &m_settings, m_dir.filePath(QStringLiteral("registries.json")), &m_session, &m_cache, &m_local,
            nullptr, m_workspacePath};
    }
    void configure(const QString &host);
    // Shows window and opens repository on host in its first pane; null if
    // either does not open.
    RegistryPane *browseIn(MainWindow &window, const QString &host, const QString &repository);

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<RegistryServer> m_writable;
    QString m_workspacePath; // set by the workspace tests only
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    RegistrySettings m_settings;
    SessionCredentials m_session;
    ContentCache m_cache {m_dir.filePath(QStringLiteral("cache"))};
    LocalStore m_local {m_dir.filePath(QStringLiteral("local"))};
};

void TestDesktop::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous | RegistrySet::Tls);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
    // A writable registry with an image under a long tag in a deep repository:
    // the longest names a pane shows.
    m_writable = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_writable->isRunning(), qPrintable(m_writable->errorText()));
    RawRegistry raw(m_writable->baseUrl());
    QVERIFY2(!raw.pushSingleLayerImage(DeepRepository, LongTag, 4096).isEmpty(), qPrintable(raw.error()));
    // The same image under version tags, for sorting and filtering.
    const RawRegistry::Reply image = raw.request("GET", QStringLiteral("/v2/%1/manifests/%2").arg(DeepRepository, LongTag), {},
        {{"Accept", "application/vnd.oci.image.manifest.v1+json"}});
    QCOMPARE(image.status, 200);
    for (const QString &tag : VersionTags)
        QVERIFY2(!raw.pushManifest(DeepRepository, tag, QStringLiteral("application/vnd.oci.image.manifest.v1+json"), image.body).isEmpty(),
            qPrintable(raw.error()));
}

void TestDesktop::init()
{
    m_workspacePath.clear();
    m_settings = RegistrySettings();
    m_session = SessionCredentials();
}

RegistryPane *TestDesktop::browseIn(MainWindow &window, const QString &host, const QString &repository)
{
    window.show();
    RegistryPane *pane = window.panes().at(0);
    if (!pane->openRegistry(host) || !openRepository(pane, repository))
        return nullptr;
    return pane;
}

void TestDesktop::configure(const QString &host)
{
    RegistryEntry entry;
    entry.host = host;
    QString error;
    QVERIFY2(m_settings.upsert(entry, &error), qPrintable(error));
}

void TestDesktop::threePanesFitALaptopScreen()
{
    // 1280x800 with three panes, a tag selected in each and its details
    // shown: neither the window nor any pane may ask for more width than
    // the screen has (the window grew to 1579, then 1931 px before).
    configure(m_set->anonymous()->hostAndPort());
    configure(m_writable->hostAndPort());
    MainWindow window(services());
    window.resize(1280, 800);
    window.show();
    window.addPane();
    QCOMPARE(window.panes().size(), 3);
    struct Open {
        QString host;
        QString repository;
        QString tag;
    };
    const QList<Open> opens {{m_set->anonymous()->hostAndPort(), Fixtures::OciIndex, QStringLiteral("multi")},
        {m_writable->hostAndPort(), DeepRepository, LongTag}, {m_writable->hostAndPort(), DeepRepository, LongTag}};
    for (int i = 0; i < 3; ++i) {
        RegistryPane *pane = window.panes().at(i);
        QVERIFY(pane->openRegistry(opens.at(i).host));
        QVERIFY(openRepository(pane, opens.at(i).repository));
        QSignalSpy loaded(pane->findChild<DetailsPanel *>(), &DetailsPanel::loaded);
        QVERIFY(selectTag(pane, opens.at(i).tag));
        QVERIFY(loaded.wait(10000));
        QApplication::processEvents();
        QVERIFY2(window.width() <= 1280, qPrintable(QStringLiteral("window %1 px wide after pane %2").arg(window.width()).arg(i + 1)));
    }
    QVERIFY2(window.minimumSizeHint().width() <= 1280, qPrintable(QString::number(window.minimumSizeHint().width())));
    // Room for three panes on a 1024 px screen too.
    for (RegistryPane *pane : window.panes())
        QVERIFY2(pane->minimumSizeHint().width() <= 1024 / 3,
            qPrintable(QStringLiteral("%1 asks for %2 px").arg(pane->objectName()).arg(pane->minimumSizeHint().width())));
}

void TestDesktop::windowOpensWithinTheScreen()
{
    // The first size is 1280x760 where there is room, and never more than
    // the screen's available area (at a scale factor of 2 it was twice the
    // screen). The offscreen platform's screen is 800x600.
    MainWindow window(services());
    window.show();
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(window.frameGeometry().width() <= available.width() && window.frameGeometry().height() <= available.height(),
        qPrintable(QStringLiteral("%1x%2 on %3x%4").arg(window.width()).arg(window.height()).arg(available.width()).arg(available.height())));
    QVERIFY(available.contains(window.frameGeometry()));
}

void TestDesktop::keyboardPromotionKeepsTheImagesPath()
{
    // The other pane has an unrelated repository open: "Promote to" from the
    // keyboard (Shift+F10 here) proposes the image's own path there, never
    // that repository (one Enter from a wrong promotion before).
    configure(m_set->anonymous()->hostAndPort());
    configure(m_writable->hostAndPort());
    MainWindow window(services());
    window.show();
    RegistryPane *source = window.panes().at(0);
    RegistryPane *destination = window.panes().at(1);
    QVERIFY(source->openRegistry(m_set->anonymous()->hostAndPort()));
    QVERIFY(destination->openRegistry(m_writable->hostAndPort()));
    QVERIFY(openRepository(source, Fixtures::OciImage));
    QVERIFY(openRepository(destination, DeepRepository));
    QVERIFY(selectTag(source, QStringLiteral("1.0")));
    auto *table = child<QTableView>(source, "tagTable");
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F10, Qt::ShiftModifier);
    QMenu *promote = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (promote = source->findChild<QMenu *>(QStringLiteral("promoteMenu"))) != nullptr; }, 5000));
    QCOMPARE(promote->actions().size(), 1);
    QVERIFY2(!promote->actions().first()->text().contains(DeepRepository), qPrintable(promote->actions().first()->text()));
    promote->actions().first()->trigger();
    PromoteDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = window.findChild<PromoteDialog *>()) && dialog->isVisible(); }, 5000));
    QCOMPARE(child<QLineEdit>(dialog, "destinationRepository")->text(), Fixtures::OciImage);
    dialog->reject();
}

void TestDesktop::switchingRegistryLeavesTheRepositoryBehind()
{
    // A repository of one registry is not looked for in the next one (a
    // phantom tree node and "not found" before).
    configure(m_set->anonymous()->hostAndPort());
    configure(m_writable->hostAndPort());
    MainWindow window(services());
    RegistryPane *pane = browseIn(window, m_set->anonymous()->hostAndPort(), Fixtures::OciImage);
    QVERIFY(pane);
    QVERIFY(pane->openRegistry(m_writable->hostAndPort()));
    QVERIFY(QTest::qWaitFor([&] { return pane->treeModel() && pane->treeModel()->indexOfPath(DeepRepository).isValid(); }, 10000));
    QTest::qWait(300); // what a pending reopen would do, it does by now
    QCOMPARE(pane->currentRepository(), QString());
    QVERIFY(!pane->treeModel()->indexOfPath(Fixtures::OciImage).isValid());
    QVERIFY(!child<QWidget>(pane, "problemBar")->isVisible());
}

void TestDesktop::savingSettingsKeepsWhatIsOpen()
{
    // Renaming a registry or adding a bookmark in the Registries dialog
    // keeps every pane's tree, open repository and details (saving
    // collapsed every tree and cleared the details before).
    configure(m_writable->hostAndPort());
    MainWindow window(services());
    window.show();
    RegistryPane *pane = window.panes().at(0);
    QVERIFY(pane->openRegistry(m_writable->hostAndPort()));
    QVERIFY(openRepository(pane, DeepRepository));
    QSignalSpy loaded(pane->findChild<DetailsPanel *>(), &DetailsPanel::loaded);
    QVERIFY(selectTag(pane, LongTag));
    QVERIFY(loaded.wait(10000));
    RepositoryTreeModel *tree = pane->treeModel();
    QAction *registries = window.findChild<QAction *>(QStringLiteral("actionRegistries"));
    registries->trigger();
    RegistriesDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = window.findChild<RegistriesDialog *>()) && dialog->isVisible(); }, 3000));
    type(dialog, "name", QStringLiteral("Writable"));
    type(dialog, "bookmarks", QStringLiteral("team/bookmarked"));
    click(dialog, "save");
    QCOMPARE(m_settings.entries().first().displayName, QStringLiteral("Writable"));
    QApplication::processEvents();
    QCOMPARE(pane->treeModel(), tree); // the same tree, not a new one
    QVERIFY(tree->indexOfPath(QStringLiteral("team/bookmarked")).isValid());
    QCOMPARE(pane->currentRepository(), DeepRepository);
    QCOMPARE(child<QTableView>(pane, "tagTable")->currentIndex().data(TagTableModel::TagRole).toString(), LongTag);
    QVERIFY(!pane->findChild<DetailsPanel *>()->shownDigest().isEmpty());
    QVERIFY(child<QComboBox>(pane, "registrySelector")->currentText().contains(QStringLiteral("Writable")));
    dialog->reject();
}

void TestDesktop::addRegistryFromAPaneOpensAnEmptyForm()
{
    // "Add registry…" in a pane's selector: a new, empty form with the Host
    // field focused (it showed the first registry before).
    configure(m_writable->hostAndPort());
    MainWindow window(services());
    window.show();
    auto *selector = child<QComboBox>(window.panes().at(0), "registrySelector");
    const int add = selector->findText(QStringLiteral("Add registry…"));
    QVERIFY(add >= 0);
    Q_EMIT selector->activated(add);
    RegistriesDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = window.findChild<RegistriesDialog *>()) && dialog->isVisible(); }, 3000));
    auto *host = child<QLineEdit>(dialog, "host");
    QCOMPARE(host->text(), QString());
    QVERIFY(!host->isReadOnly());
    QVERIFY(host->hasFocus() || dialog->focusWidget() == host);
    dialog->reject();
}

void TestDesktop::registryThatWentDownIsSaidAtOnce()
{
    // A registry that stops answering while browsed (connection refused):
    // said within seconds, with Retry - not 15-40 s of "Loading…" (refused
    // connections were retried with backoff for the GUI too).
    auto proxy = std::make_unique<FaultProxy>(m_writable->baseUrl());
    const QString host = proxy->hostAndPort();
    configure(host);
    MainWindow window(services());
    window.show();
    RegistryPane *pane = window.panes().at(0);
    QVERIFY(pane->openRegistry(host));
    QVERIFY(QTest::qWaitFor([&] { return pane->treeModel() && pane->treeModel()->indexOfPath(DeepRepository).isValid(); }, 10000));
    proxy.reset(); // the port now refuses connections
    QElapsedTimer timer;
    timer.start();
    pane->openRepository(DeepRepository);
    QTRY_VERIFY_WITH_TIMEOUT(child<QWidget>(pane, "problemBar")->isVisible(), 10000);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    QVERIFY2(text(pane, "problemText").contains(QStringLiteral("unreachable")), qPrintable(text(pane, "problemText")));
    QVERIFY(child<QWidget>(pane, "retry")->isVisible());
}

void TestDesktop::untrustedRegistryOffersItsSettings()
{
    // A certificate nobody trusts: said in the GUI's words (no CLI flags),
    // with a button to the registry's settings, where its CA goes.
    const QString host = m_set->tls()->hostAndPort();
    configure(host);
    MainWindow window(services());
    window.show();
    RegistryPane *pane = window.panes().at(0);
    QVERIFY(pane->openRegistry(host));
    QTRY_VERIFY_WITH_TIMEOUT(child<QWidget>(pane, "problemBar")->isVisible(), 10000);
    const QString problem = text(pane, "problemText");
    QVERIFY2(problem.contains(QStringLiteral("cannot be trusted")) && !problem.contains(QStringLiteral("--")), qPrintable(problem));
    auto *settings = child<QPushButton>(pane, "registrySettings");
    QVERIFY(settings->isVisible());
    QTest::mouseClick(settings, Qt::LeftButton);
    RegistriesDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = window.findChild<RegistriesDialog *>()) && dialog->isVisible(); }, 3000));
    QCOMPARE(child<QLineEdit>(dialog, "host")->text(), host);
    dialog->reject();
}

void TestDesktop::promotingToARegistryThatIsDownSaysSo()
{
    // The destination went down after it was opened: the promote dialog
    // says a registry cannot be reached, not "fix the names".
    configure(m_set->anonymous()->hostAndPort());
    auto proxy = std::make_unique<FaultProxy>(m_writable->baseUrl());
    const QString down = proxy->hostAndPort();
    configure(down);
    MainWindow window(services());
    window.show();
    RegistryPane *source = window.panes().at(0);
    RegistryPane *destination = window.panes().at(1);
    QVERIFY(source->openRegistry(m_set->anonymous()->hostAndPort()));
    QVERIFY(destination->openRegistry(down));
    QVERIFY(QTest::qWaitFor([&] { return destination->endpoint().isValid() && destination->treeModel(); }, 10000));
    QVERIFY(openRepository(source, Fixtures::OciImage));
    QVERIFY(selectTag(source, QStringLiteral("1.0")));
    proxy.reset();
    window.promote(destination, source->selectedImages(), QString());
    PromoteDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = window.findChild<PromoteDialog *>()) && dialog->isVisible(); }, 5000));
    QTRY_VERIFY_WITH_TIMEOUT(text(dialog, "promoteSummary").contains(QStringLiteral("cannot be reached")), 10000);
    QVERIFY2(!text(dialog, "promoteSummary").contains(QStringLiteral("fix the names")), qPrintable(text(dialog, "promoteSummary")));
    QVERIFY(!child<QPushButton>(dialog, "promote")->isEnabled());
    dialog->reject();
}

void TestDesktop::tagsSortByVersionAndFiltersSayWhatTheyShow()
{
    configure(m_writable->hostAndPort());
    MainWindow window(services());
    window.show();
    RegistryPane *pane = window.panes().at(0);
    QVERIFY(pane->openRegistry(m_writable->hostAndPort()));
    QVERIFY(openRepository(pane, DeepRepository));
    auto *table = child<QTableView>(pane, "tagTable");
    // The default order is by version (it was text: 1.0.10 before 1.0.2).
    QStringList shown;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        shown << table->model()->index(row, TagTableModel::TagColumn).data(TagTableModel::TagRole).toString();
    QCOMPARE(shown, (QStringList {QStringLiteral("1.0.0-rc.1"), QStringLiteral("1.0.0"), QStringLiteral("1.0.2"),
                        QStringLiteral("1.0.10"), QStringLiteral("1.10.5"), QStringLiteral("1.11.57"), QStringLiteral("latest"), LongTag}));
    // Long tags keep their distinguishing end.
    QCOMPARE(table->textElideMode(), Qt::ElideMiddle);
    QCOMPARE(text(pane, "paneStatus"), QStringLiteral("8 tags"));
    // A glob describes the whole tag: 1.1?.5 is 1.10.5, not 1.11.57.
    auto *mode = child<QComboBox>(pane, "filterMode");
    mode->setCurrentIndex(mode->findText(QStringLiteral("Glob")));
    type(pane, "tagFilter", QStringLiteral("1.1?.5"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, TagTableModel::TagColumn).data(TagTableModel::TagRole).toString(), QStringLiteral("1.10.5"));
    // The count says what the table shows, and of how many.
    QCOMPARE(text(pane, "paneStatus"), QStringLiteral("1 of 8 tags match the filter"));
    mode->setCurrentIndex(mode->findText(QStringLiteral("Substring")));
    type(pane, "tagFilter", QStringLiteral("1.0"));
    QCOMPARE(text(pane, "paneStatus"), QStringLiteral("4 of 8 tags match the filter")); // 1.0.0-rc.1, 1.0.0, 1.0.2, 1.0.10
}

void TestDesktop::workspaceComesBack()
{
    // Panes, their registries, repositories, selected tags and filters, the
    // panes' widths and the window's size come back on the next start.
    configure(m_set->anonymous()->hostAndPort());
    m_workspacePath = m_dir.filePath(QStringLiteral("workspace.json"));
    QList<int> widths;
    {
        MainWindow window(services());
        window.resize(700, 520);
        window.show();
        RegistryPane *first = window.panes().at(0);
        QVERIFY(first->openRegistry(m_set->anonymous()->hostAndPort()));
        QVERIFY(openRepository(first, Fixtures::OciImage));
        auto *mode = child<QComboBox>(first, "filterMode");
        mode->setCurrentIndex(mode->findText(QStringLiteral("Glob")));
        type(first, "tagFilter", QStringLiteral("1.*"));
        QVERIFY(selectTag(first, QStringLiteral("1.0")));
        window.panes().at(1)->openLocalFolder();
        auto *splitter = window.findChild<QSplitter *>(QStringLiteral("panes"));
        splitter->setSizes({400, 300});
        widths = splitter->sizes();
        QVERIFY(window.close());
    }
    QVERIFY(QFile::exists(m_workspacePath));
    QCOMPARE(QFile::permissions(m_workspacePath) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

    MainWindow again(services());
    again.show();
    QCOMPARE(again.panes().size(), 2);
    QCOMPARE(again.size(), QSize(700, 520));
    RegistryPane *first = again.panes().at(0);
    QTRY_COMPARE_WITH_TIMEOUT(first->currentRepository(), Fixtures::OciImage, 10000);
    QCOMPARE(first->currentHost(), m_set->anonymous()->hostAndPort());
    QCOMPARE(child<QComboBox>(first, "filterMode")->currentText(), QStringLiteral("Glob"));
    QCOMPARE(child<QLineEdit>(first, "tagFilter")->text(), QStringLiteral("1.*"));
    QTRY_COMPARE_WITH_TIMEOUT(child<QTableView>(first, "tagTable")->currentIndex().data(TagTableModel::TagRole).toString(),
        QStringLiteral("1.0"), 10000);
    QVERIFY(again.panes().at(1)->isLocal());
    QCOMPARE(again.findChild<QSplitter *>(QStringLiteral("panes"))->sizes(), widths);
}

void TestDesktop::restoredWindowFitsTheScreen()
{
    // A workspace kept on a big monitor opens within today's screen (the
    // offscreen platform's: 800x600).
    m_workspacePath = m_dir.filePath(QStringLiteral("big-workspace.json"));
    {
        QWidget big;
        big.setGeometry(100, 100, 2400, 1500);
        WorkspaceState state;
        state.geometry = big.saveGeometry();
        state.panes = {PaneState {PaneState::LocalFolder, {}, {}, {}, 0}};
        QString error;
        QVERIFY2(state.save(m_workspacePath, &error), qPrintable(error));
    }
    MainWindow window(services());
    window.show();
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(available.contains(window.frameGeometry()),
        qPrintable(QStringLiteral("%1x%2+%3+%4").arg(window.width()).arg(window.height()).arg(window.x()).arg(window.y())));
}

void TestDesktop::singleInstanceHandsTheReferenceOver()
{
    const QString socket = m_dir.filePath(QStringLiteral("gui.socket"));
    SingleInstance first(socket);
    QSignalSpy primary(&first, &SingleInstance::becamePrimary);
    QSignalSpy asked(&first, &SingleInstance::openRequested);
    first.start(QString());
    QTRY_COMPARE(primary.count(), 1);

    SingleInstance second(socket);
    QSignalSpy handedOver(&second, &SingleInstance::handedOver);
    QSignalSpy secondPrimary(&second, &SingleInstance::becamePrimary);
    second.start(QStringLiteral("docker://registry.example/team/app:1.0"));
    QTRY_COMPARE(handedOver.count(), 1);
    QTRY_COMPARE(asked.count(), 1);
    QCOMPARE(asked.first().first().toString(), QStringLiteral("docker://registry.example/team/app:1.0"));
    QCOMPARE(secondPrimary.count(), 0);

    // A socket left by a program that crashed does not stop the next start.
    QFile stale(m_dir.filePath(QStringLiteral("stale.socket")));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();
    SingleInstance afterCrash(stale.fileName());
    QSignalSpy recovered(&afterCrash, &SingleInstance::becamePrimary);
    afterCrash.start(QString());
    QTRY_COMPARE(recovered.count(), 1);
}

void TestDesktop::secondLaunchOpensInTheFirstWindow()
{
    // The programs themselves: a second `crossdock REF` hands REF over and
    // quits at once; the first keeps running.
    QTemporaryDir home;
    QProcessEnvironment env = isolatedEnvironment(home.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // A runtime folder as the session makes it: the user's alone (Qt ignores another).
    QDir().mkpath(env.value(QStringLiteral("XDG_RUNTIME_DIR")));
    QFile::setPermissions(env.value(QStringLiteral("XDG_RUNTIME_DIR")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcess first;
    first.setProcessEnvironment(env);
    first.start(QStringLiteral(CROSSDOCK_GUI_PATH), {});
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(env.value(QStringLiteral("XDG_RUNTIME_DIR")) + QStringLiteral("/crossdock-gui.socket")), 10000);
    QProcess second;
    second.setProcessEnvironment(env);
    second.start(QStringLiteral(CROSSDOCK_GUI_PATH), {QStringLiteral("docker://registry.example/team/app:1.0")});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QVERIFY(first.state() == QProcess::Running);
    first.terminate();
    QVERIFY(first.waitForFinished(10000));
}

void TestDesktop::dockerUrlsOpen()
{
    // crossdock docker://host/repo:tag opens like the bare reference (it was
    // refused before).
    configure(m_set->anonymous()->hostAndPort());
    MainWindow window(services());
    window.show();
    window.openReference(QStringLiteral("docker://%1/%2:1.0").arg(m_set->anonymous()->hostAndPort(), Fixtures::OciImage));
    RegistryPane *pane = window.panes().first();
    QTRY_COMPARE_WITH_TIMEOUT(pane->currentRepository(), Fixtures::OciImage, 10000);
    QCOMPARE(pane->currentHost(), m_set->anonymous()->hostAndPort());
}

void TestDesktop::emptyLocalFolderSaysWhatToDo()
{
    MainWindow window(services());
    window.show();
    RegistryPane *pane = window.panes().at(0);
    pane->openLocalFolder();
    QTRY_VERIFY_WITH_TIMEOUT(text(pane, "paneStatus").contains(QStringLiteral("The local folder is empty")), 5000);
    QVERIFY2(text(pane, "paneStatus").contains(QStringLiteral("drag tags here")), qPrintable(text(pane, "paneStatus")));
}

void TestDesktop::f6MovesBetweenPanes()
{
    // No key moved between panes before.
    configure(m_set->anonymous()->hostAndPort());
    MainWindow window(services());
    window.show();
    window.addPane();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    RegistryPane *first = window.panes().at(0);
    QVERIFY(first->openRegistry(m_set->anonymous()->hostAndPort()));
    QVERIFY(openRepository(first, Fixtures::OciImage));
    child<QTableView>(first, "tagTable")->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QTRY_VERIFY(window.panes().at(1)->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QTRY_VERIFY(window.panes().at(2)->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6); // round to the first, its tag table
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(child<QTableView>(first, "tagTable")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
    QTRY_VERIFY(window.panes().at(2)->isAncestorOf(QApplication::focusWidget()));
}

void TestDesktop::searchFindsAcrossRegistriesAndOpens()
{
    // Ctrl+K: repositories from every registry's catalog and tags from the
    // lists panes loaded, as you type; Enter opens the hit in a pane.
    configure(m_set->anonymous()->hostAndPort());
    configure(m_writable->hostAndPort());
    MainWindow window(services());
    window.show();
    RegistryPane *browsing = window.panes().at(1);
    QVERIFY(browsing->openRegistry(m_writable->hostAndPort()));
    QVERIFY(openRepository(browsing, DeepRepository)); // its tags are now known to the search
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    SearchDialog *search = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (search = window.findChild<SearchDialog *>()) && search->isVisible(); }, 3000));
    QAbstractItemModelTester tester(search->results(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *field = child<QLineEdit>(search, "searchField");
    QVERIFY(field->hasFocus() || search->focusWidget() == field);

    // A repository from the fixture registry's catalog.
    QTest::keyClicks(field, QStringLiteral("oci-ind"));
    QTRY_VERIFY_WITH_TIMEOUT(search->results()->rowCount() > 0, 10000);
    QCOMPARE(search->results()->hitAt(0).repository, Fixtures::OciIndex);
    QCOMPARE(search->results()->hitAt(0).registry, m_set->anonymous()->hostAndPort());

    // A tag of the other registry, two words: part of the repository and the version.
    field->clear();
    QTest::keyClicks(field, QStringLiteral("web-frontend 1.11"));
    QTRY_VERIFY_WITH_TIMEOUT(search->results()->rowCount() > 0, 10000);
    QCOMPARE(search->results()->hitAt(0).tag, QStringLiteral("1.11.57"));
    QCOMPARE(search->results()->rowCount(), 1);
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_VERIFY(!search->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(child<QTableView>(browsing, "tagTable")->currentIndex().data(TagTableModel::TagRole).toString(),
        QStringLiteral("1.11.57"), 10000);
}

void TestDesktop::refreshKeepsTheWholeTree()
{
    // F5 lists the catalog again and reopens the repository - the tree keeps
    // every repository, not only the open one.
    configure(m_set->anonymous()->hostAndPort());
    MainWindow window(services());
    RegistryPane *pane = browseIn(window, m_set->anonymous()->hostAndPort(), Fixtures::OciImage);
    QVERIFY(pane);
    QTRY_VERIFY_WITH_TIMEOUT(pane->treeModel()->indexOfPath(Fixtures::DockerList).isValid(), 10000);
    QTest::keyClick(child<QTableView>(pane, "tagTable"), Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(pane->currentRepository(), Fixtures::OciImage, 10000);
    for (const QString &repository : Fixtures::repositories())
        QTRY_VERIFY2_WITH_TIMEOUT(pane->treeModel()->indexOfPath(repository).isValid(), qPrintable(repository), 10000);
}

void TestDesktop::tabFollowsThePaneTopToBottom()
{
    // Tab walked the tag table's cells for ever (Tab key navigation), so nothing
    // after the first table was reachable. Now: each pane top to bottom, then
    // the next pane, and round again.
    configure(m_set->anonymous()->hostAndPort());
    MainWindow window(services());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    RegistryPane *first = window.panes().at(0);
    QVERIFY(first->openRegistry(m_set->anonymous()->hostAndPort()));
    QVERIFY(openRepository(first, Fixtures::OciImage));
    auto *start = child<QWidget>(first, "registrySelector");
    start->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), start);
    QStringList chain; // "pane/objectName" in the order Tab visits them
    for (int i = 0; i < 60; ++i) {
        QWidget *focused = QApplication::focusWidget();
        QVERIFY(focused);
        const QList<RegistryPane *> panes = window.panes();
        const auto pane = std::find_if(panes.cbegin(), panes.cend(), [focused](RegistryPane *p) { return p->isAncestorOf(focused); });
        chain << QStringLiteral("%1/%2").arg(pane - panes.cbegin()).arg(focused->objectName());
        QTest::keyClick(focused, Qt::Key_Tab);
        if (QApplication::focusWidget() == start)
            break;
    }
    QCOMPARE(QApplication::focusWidget(), start); // round, not stuck
    const QStringList inReadingOrder {QStringLiteral("registrySelector"), QStringLiteral("refresh"),
        QStringLiteral("openRepository"), QStringLiteral("closePane"), QStringLiteral("repositoryFilter"),
        QStringLiteral("repositoryTree"), QStringLiteral("tagFilter"), QStringLiteral("filterMode"),
        QStringLiteral("tagTable")};
    for (int pane = 0; pane < window.panes().size(); ++pane) {
        int last = -1;
        for (const QString &name : inReadingOrder) {
            const int at = chain.indexOf(QStringLiteral("%1/%2").arg(pane).arg(name));
            QVERIFY2(at > last, qPrintable(QStringLiteral("%1/%2 out of order in %3").arg(pane).arg(name, chain.join(QLatin1Char(' ')))));
            last = at;
        }
    }
    QCOMPARE(chain.at(chain.indexOf(QStringLiteral("0/tagTable")) + 1), QStringLiteral("1/registrySelector"));
}

void TestDesktop::clipboardCopySaysClipboard()
{
    // "Copied host/repo:tag" read like a finished image copy (say, after a drag).
    configure(m_set->anonymous()->hostAndPort());
    MainWindow window(services());
    RegistryPane *pane = browseIn(window, m_set->anonymous()->hostAndPort(), Fixtures::OciImage);
    QVERIFY(pane);
    auto *table = child<QTableView>(pane, "tagTable");
    QTRY_VERIFY(table->model()->rowCount() > 0);
    table->setFocus();
    table->selectRow(0);
    const QString tag = table->model()->index(0, 0).data(TagTableModel::TagRole).toString();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    const QString reference = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QLatin1Char(':') + tag;
    QCOMPARE(QGuiApplication::clipboard()->text(), reference);
    QCOMPARE(child<QLabel>(pane, "paneStatus")->text(), QStringLiteral("Copied to the clipboard: ") + reference);
}

void TestDesktop::columnsFitALargerFont()
{
    // Fixed pixel widths cut Size and Digest under the GTK theme's larger font.
    configure(m_set->anonymous()->hostAndPort());
    MainWindow window(services());
    window.show();
    RegistryPane *pane = window.panes().at(0);
    QFont large = pane->font();
    large.setPointSize(20);
    pane->setFont(large); // before: the widths follow; after: they are sized again
    QVERIFY(pane->openRegistry(m_set->anonymous()->hostAndPort()));
    QVERIFY(openRepository(pane, Fixtures::OciImage));
    auto *table = child<QTableView>(pane, "tagTable");
    QAbstractItemModel *model = table->model();
    QTRY_VERIFY_WITH_TIMEOUT(!model->index(0, TagTableModel::SizeColumn).data().toString().isEmpty(), 10000);
    large.setPointSize(24);
    pane->setFont(large);
    const QFontMetrics metrics(table->font());
    QCOMPARE(metrics.height(), QFontMetrics(large).height());
    for (int column : {TagTableModel::DigestColumn, TagTableModel::SizeColumn, TagTableModel::CreatedColumn}) {
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString text = model->index(row, column).data().toString();
            QVERIFY2(metrics.horizontalAdvance(text) < table->columnWidth(column),
                qPrintable(QStringLiteral("\"%1\" is %2 px in a %3 px column").arg(text).arg(metrics.horizontalAdvance(text)).arg(table->columnWidth(column))));
        }
        const QString header = model->headerData(column, Qt::Horizontal).toString();
        QVERIFY(metrics.horizontalAdvance(header) < table->columnWidth(column));
    }
}

void TestDesktop::blockedRegistryIsNotContacted()
{
    // registries.conf blocks it: the pane says so, naming the file, and not
    // one request reaches it (a logging proxy stands in for the registry).
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    configure(proxy.hostAndPort());
    QString error;
    const auto conf = RegistriesConf::fromText(
        QStringLiteral("[[registry]]\nlocation = \"%1\"\nblocked = true\n").arg(proxy.hostAndPort()),
        QStringLiteral("/etc/containers/registries.conf.d/50-block.conf"), &error);
    QVERIFY2(conf, qPrintable(error));
    AppServices blocked = services();
    blocked.registriesConf = &*conf;
    MainWindow window(blocked);
    window.show();
    RegistryPane *pane = window.panes().at(0);
    QVERIFY(pane->openRegistry(proxy.hostAndPort()));
    auto *problem = child<QLabel>(pane, "problemText");
    QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible(), 5000);
    QVERIFY2(problem->text().contains(QStringLiteral("is blocked by /etc/containers/registries.conf.d/50-block.conf")),
        qPrintable(problem->text()));
    QTest::qWait(300);
    QVERIFY(proxy.requests().isEmpty());
    // Nor is anything promoted there: the status bar says why.
    configure(m_set->anonymous()->hostAndPort());
    RegistryPane *source = window.panes().at(1);
    QVERIFY(source->openRegistry(m_set->anonymous()->hostAndPort()));
    QVERIFY(openRepository(source, Fixtures::OciImage));
    QVERIFY(selectTag(source, QStringLiteral("1.0")));
    window.promote(pane, source->selectedImages(), QString());
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Nothing can be promoted there: %1 is blocked by").arg(proxy.hostAndPort())),
        qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(!window.findChild<PromoteDialog *>());
    QVERIFY(proxy.requests().isEmpty());
}

void TestDesktop::insecureInRegistriesConfSkipsVerification()
{
    // The TLS registry's certificate is signed by a CA this machine does not
    // trust: refused, unless registries.conf marks the registry insecure
    // (as skopeo then reaches it).
    const QString host = m_set->tls()->hostAndPort();
    configure(host);
    {
        MainWindow window(services());
        window.show();
        RegistryPane *pane = window.panes().at(0);
        QVERIFY(pane->openRegistry(host));
        auto *problem = child<QLabel>(pane, "problemText");
        QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible(), 10000);
        QVERIFY(!pane->treeModel() || pane->treeModel()->rowCount() == 0);
    }
    QString error;
    const auto conf = RegistriesConf::fromText(QStringLiteral("[[registry]]\nlocation = \"%1\"\ninsecure = true\n").arg(host),
        QStringLiteral("/etc/containers/registries.conf"), &error);
    QVERIFY2(conf, qPrintable(error));
    AppServices insecure = services();
    insecure.registriesConf = &*conf;
    MainWindow window(insecure);
    window.show();
    RegistryPane *pane = window.panes().at(0);
    QVERIFY(pane->openRegistry(host));
    QVERIFY(openRepository(pane, Fixtures::OciImage));
    QVERIFY(selectTag(pane, QStringLiteral("1.0")));
    // The registry's own setting stays as the user left it.
    QCOMPARE(m_settings.find(host)->tlsMode, TlsSettings::Mode::Verify);
}

QTEST_MAIN(TestDesktop)
#include "test_desktop.moc"
