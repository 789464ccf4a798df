// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The browser window, offscreen, driven like a user against real registries:
// the welcome page, expanding namespaces, selecting a repository, sorting
// 2,500 tags by Created, an index's platform details, filtering, copying a
// reference, deleting a tag through its confirmation, and "Log in…" when a
// registry wants a login (a real Secret Service: with-keyring.sh).
#include "core/browse/contentcache.h"
#include "core/base/durablefile.h"
#include "core/browse/localstore.h"
#include "core/credentials/keychainjob.h"
#include "core/credentials/sessioncredentials.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/registry/registrysettings.h"
#include "dialogdriver.h"
#include "panedriver.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"
#include "ui/browse/detailspanel.h"
#include "ui/browse/elidedtitle.h"
#include "ui/browse/registrypane.h"
#include "ui/browse/repositorytreemodel.h"
#include "ui/browse/tagtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/registries/credentialsdialog.h"
#include "ui/registries/registriesdialog.h"

#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>

using namespace crossdock;
using namespace crossdock::test;

class TestBrowse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void welcomeAddsARegistryInOneClick();
    void expandSelectAndSortAcrossAllTags();
    void indexPlatformDetails();
    void filterAsYouTypeAndCopyReference();
    void deleteTagThroughTheConfirmation();
    void loginRequiredOffersLogIn();
    void registriesMenuOpensTheDialog();
    void localFolderPane();
    void localFolderOffersToRemoveLeftovers();

private:
    AppServices services()
    {
        return AppServices {
            &m_network, &m_settings, m_dir.filePath(QStringLiteral("registries.json")), &m_session, &m_cache, &m_local};
    }
    void configure(const QString &host);
    // A shown window browsing host (configured first) in its first pane.
    std::unique_ptr<MainWindow> openWindow(const QString &host);

    std::unique_ptr<RegistrySet> m_set;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    RegistrySettings m_settings;
    SessionCredentials m_session;
    ContentCache m_cache {m_dir.filePath(QStringLiteral("cache"))};
    LocalStore m_local {m_dir.filePath(QStringLiteral("local"))};
};

void TestBrowse::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous | RegistrySet::Htpasswd);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestBrowse::init()
{
    m_settings = RegistrySettings();
    m_session = SessionCredentials();
}

void TestBrowse::configure(const QString &host)
{
    RegistryEntry entry;
    entry.host = host;
    QString error;
    QVERIFY2(m_settings.upsert(entry, &error), qPrintable(error));
}

std::unique_ptr<MainWindow> TestBrowse::openWindow(const QString &host)
{
    configure(host);
    auto window = std::make_unique<MainWindow>(services());
    window->show();
    return window;
}

void TestBrowse::welcomeAddsARegistryInOneClick()
{
    MainWindow window(services());
    window.show();
    // First run: the local folder on the left, a welcome page on the right.
    QVERIFY(window.panes().first()->isLocal());
    RegistryPane *pane = window.panes().at(1);
    QVERIFY(child<QWidget>(pane, "welcome")->isVisible());
    click(pane, "addLocalhost");
    QCOMPARE(m_settings.entries().size(), 1);
    QCOMPARE(m_settings.entries().first().host, QStringLiteral("localhost:5000"));
    RegistrySettings onDisk;
    QString error;
    QVERIFY(onDisk.load(services().registriesPath, &error));
    QCOMPARE(onDisk.entries().size(), 1);
    QVERIFY(!child<QWidget>(pane, "welcome")->isVisible());
    QCOMPARE(child<QComboBox>(pane, "registrySelector")->currentData().toString(), QStringLiteral("localhost:5000"));
    // The other pane offers it too.
    QVERIFY(
        child<QComboBox>(window.panes().first(), "registrySelector")->findData(QStringLiteral("localhost:5000")) >= 0);
    // Nothing listens there: said inline, with Retry, while the window keeps working.
    QTRY_VERIFY_WITH_TIMEOUT(child<QWidget>(pane, "problemBar")->isVisible(), 15000);
    QVERIFY2(text(pane, "problemText").contains(QStringLiteral("unreachable")), qPrintable(text(pane, "problemText")));
    QVERIFY(child<QWidget>(pane, "retry")->isVisible());
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void TestBrowse::expandSelectAndSortAcrossAllTags()
{
    auto window = openWindow(m_set->anonymous()->hostAndPort());
    RegistryPane *pane = window->panes().first();
    QVERIFY(selectRepository(pane, Fixtures::ManyTags));
    auto *table = child<QTableView>(pane, "tagTable");
    QCOMPARE(table->model()->rowCount(), Fixtures::ManyTagsCount);
    QVERIFY(waitUntilLoaded(pane->tagModel()));
    QTRY_VERIFY(!child<QWidget>(pane, "loadProgress")->isVisible());
    // Click the Created header (twice: newest first).
    QHeaderView *header = table->horizontalHeader();
    const QPoint created(header->sectionViewportPosition(TagTableModel::CreatedColumn) + 10, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, created);
    if (header->sortIndicatorOrder() != Qt::DescendingOrder)
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, created);
    QCOMPARE(header->sortIndicatorSection(), int(TagTableModel::CreatedColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QDateTime previous;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QDateTime when
            = table->model()->index(row, TagTableModel::CreatedColumn).data(TagTableModel::SortRole).toDateTime();
        QVERIFY(when.isValid());
        if (row > 0)
            QVERIFY2(when <= previous, qPrintable(table->model()->index(row, 0).data().toString()));
        previous = when;
    }
}

void TestBrowse::indexPlatformDetails()
{
    auto window = openWindow(m_set->anonymous()->hostAndPort());
    RegistryPane *pane = window->panes().first();
    QVERIFY(selectRepository(pane, Fixtures::OciIndex));
    QVERIFY(selectTag(pane, QStringLiteral("multi")));
    auto *platforms = child<QTreeWidget>(pane, "platforms");
    QTRY_COMPARE_WITH_TIMEOUT(platforms->topLevelItemCount(), 3, 10000);
    QVERIFY(text(pane, "overview").contains(QStringLiteral("application/vnd.oci.image.index.v1+json")));
    QTreeWidgetItem *arm64 = platforms->findItems(QStringLiteral("linux/arm64/v8"), Qt::MatchExactly).value(0);
    QVERIFY(arm64);
    platforms->setCurrentItem(arm64);
    QTest::keyClick(platforms, Qt::Key_Return); // activates it
    QTRY_VERIFY_WITH_TIMEOUT(text(pane, "overview").contains(QStringLiteral("linux/arm64/v8")), 10000);
    QVERIFY(child<QWidget>(pane, "backToIndex")->isVisible());
    QVERIFY(child<QTreeWidget>(pane, "layers")->topLevelItemCount() > 0);
    QVERIFY(child<QPlainTextEdit>(pane, "raw")->toPlainText().contains(QStringLiteral("\"architecture\": \"arm64\"")));
    click(pane, "backToIndex");
    QTRY_COMPARE_WITH_TIMEOUT(platforms->topLevelItemCount(), 3, 10000);
}

void TestBrowse::filterAsYouTypeAndCopyReference()
{
    auto window = openWindow(m_set->anonymous()->hostAndPort());
    RegistryPane *pane = window->panes().first();
    QVERIFY(selectRepository(pane, Fixtures::ManyTags));
    auto *table = child<QTableView>(pane, "tagTable");
    pane->focusFilter();
    QTest::keyClicks(child<QLineEdit>(pane, "tagFilter"), QStringLiteral("t00"));
    QCOMPARE(table->model()->rowCount(), 100); // t0000..t0099
    child<QComboBox>(pane, "filterMode")->setCurrentIndex(2); // regex
    type(pane, "tagFilter", QStringLiteral("^t24\\d\\d$"));
    QCOMPARE(table->model()->rowCount(), 100);
    type(pane, "tagFilter", QStringLiteral("^t24(\\d"));
    QCOMPARE(table->model()->rowCount(), Fixtures::ManyTagsCount); // a half-typed expression hides nothing
    QVERIFY(child<QLineEdit>(pane, "tagFilter")->toolTip().contains(QStringLiteral("invalid pattern")));
    type(pane, "tagFilter", QStringLiteral("t1234"));
    QCOMPARE(table->model()->rowCount(), 1);
    QVERIFY(selectTag(pane, QStringLiteral("t1234")));
    QTest::keySequence(table, QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(),
        m_set->anonymous()->hostAndPort() + QStringLiteral("/fixtures/many-tags:t1234"));
}

void TestBrowse::deleteTagThroughTheConfirmation()
{
    // A writable registry: 1.0 and stable share a digest, 2.0 does not.
    RegistryServer writable {RegistryServer::Options()};
    QVERIFY2(writable.isRunning(), qPrintable(writable.errorText()));
    RawRegistry raw(writable.baseUrl());
    QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("team/app"), QStringLiteral("1.0"), 4096).isEmpty());
    QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("team/app"), QStringLiteral("2.0"), 8192).isEmpty());
    RegistryClient client(writable.hostAndPort(), TlsSettings(), {}, &m_network);
    FetchManifestJob one(&client, QStringLiteral("team/app"), QStringLiteral("1.0"));
    QVERIFY(runJob(&one));
    QVERIFY(!raw.pushManifest(QStringLiteral("team/app"), QStringLiteral("stable"), one.manifest().mediaType(),
                    one.manifest().raw())
                 .isEmpty());

    auto window = openWindow(writable.hostAndPort());
    RegistryPane *pane = window->panes().first();
    QVERIFY(selectRepository(pane, QStringLiteral("team/app")));
    QCOMPARE(pane->tagModel()->rowCount(), 3);
    QVERIFY(waitUntilLoaded(pane->tagModel()));
    QVERIFY(selectTag(pane, QStringLiteral("1.0")));
    // The Delete key reaches the pane that has focus.
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    child<QTableView>(pane, "tagTable")->setFocus();
    QTest::keyClick(child<QTableView>(pane, "tagTable"), Qt::Key_Delete);
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = visibleWindow<QMessageBox>()) != nullptr, 10000);
    QVERIFY2(box->text().contains(QStringLiteral("stable")), qPrintable(box->text())); // the other tag is named
    // Which registry: two panes may show team/app on two of them.
    QVERIFY2(box->text().contains(writable.hostAndPort() + QStringLiteral("/team/app:1.0")), qPrintable(box->text()));
    box->button(QMessageBox::Cancel)->click(); // first, change our mind
    QCOMPARE(pane->tagModel()->rowCount(), 3);

    QTRY_VERIFY(visibleWindow<QMessageBox>() == nullptr);
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    child<QTableView>(pane, "tagTable")->setFocus();
    QTest::keyClick(child<QTableView>(pane, "tagTable"), Qt::Key_Delete);
    QTRY_VERIFY_WITH_TIMEOUT((box = visibleWindow<QMessageBox>()) != nullptr, 10000);
    click(box, "confirmDeleteButton");
    QTRY_COMPARE_WITH_TIMEOUT(pane->tagModel()->rowCount(), 1, 10000);
    QCOMPARE(pane->tagModel()->tagAt(0), QStringLiteral("2.0"));
    QVERIFY(text(pane, "paneStatus").contains(QStringLiteral("Deleted")));
    // The registry agrees.
    const ProcessResult tags = runSkopeo({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("docker://") + writable.hostAndPort() + QStringLiteral("/team/app")});
    QCOMPARE(QJsonDocument::fromJson(tags.out).object().value(QLatin1String("Tags")).toArray(),
        QJsonArray {QStringLiteral("2.0")});
}

void TestBrowse::loginRequiredOffersLogIn()
{
    const QString host = m_set->htpasswd()->hostAndPort();
    auto window = openWindow(host);
    RegistryPane *pane = window->panes().first();
    QTRY_VERIFY_WITH_TIMEOUT(child<QWidget>(pane, "login")->isVisible(), 10000);
    QVERIFY2(
        text(pane, "problemText").contains(QStringLiteral("without a login")), qPrintable(text(pane, "problemText")));
    // A repository opened by name can be bookmarked; it is there next time.
    pane->setBookmarked(Fixtures::OciImage, true);
    QCOMPARE(m_settings.find(host)->bookmarks, QStringList {Fixtures::OciImage});
    RegistrySettings onDisk;
    QString error;
    QVERIFY(onDisk.load(services().registriesPath, &error));
    QCOMPARE(onDisk.find(host)->bookmarks, QStringList {Fixtures::OciImage});
    click(pane, "login");
    auto *login = visibleWindow<CredentialsDialog>();
    QVERIFY(login);
    QCOMPARE(login->host(), host);
    type(login, "username", RegistrySet::User);
    type(login, "password", RegistrySet::Password);
    click(login, "save");
    // Stored in the keychain; the pane connects again and lists the catalog.
    QTRY_VERIFY_WITH_TIMEOUT(pane->treeModel() && pane->treeModel()->indexOfPath(Fixtures::OciImage).isValid(), 15000);
    QVERIFY(!child<QWidget>(pane, "problemBar")->isVisible());
    std::unique_ptr<KeychainJob> remove(KeychainJob::remove(host));
    QVERIFY(runJob(remove.get()));
}

void TestBrowse::registriesMenuOpensTheDialog()
{
    MainWindow window(services());
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("actionRegistries"));
    QVERIFY(action);
    action->trigger();
    QVERIFY(visibleWindow<RegistriesDialog>());
}

void TestBrowse::localFolderPane()
{
    QString error;
    QVERIFY(m_local.ensureExists(&error));
    for (const char *tag : {"1.0", "latest"}) {
        const ProcessResult r
            = runCli({QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"),
                QStringLiteral("docker://%1/%2:%3")
                    .arg(m_set->anonymous()->hostAndPort(), Fixtures::OciImage, QLatin1String(tag)),
                QStringLiteral("oci:%1:team/app:%2").arg(m_local.directory(), QLatin1String(tag))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    MainWindow window(services());
    window.show();
    RegistryPane *pane = window.panes().first();
    QVERIFY(pane->isLocal());
    QCOMPARE(child<QComboBox>(pane, "registrySelector")->currentText(), QStringLiteral("Local folder (OCI layout)"));
    QVERIFY(selectRepository(pane, QStringLiteral("team/app")));
    QCOMPARE(pane->tagModel()->rowCount(), 2);
    QVERIFY(waitUntilLoaded(pane->tagModel()));
    QVERIFY(selectTag(pane, QStringLiteral("1.0")));
    QTRY_VERIFY_WITH_TIMEOUT(text(pane, "overview").contains(QStringLiteral("linux/amd64")), 10000);
    QVERIFY(child<ElidedTitle>(pane, "detailsTitle")->title().contains(QStringLiteral("oci:%1:team/app:1.0").arg(m_local.directory())));
    // Ctrl+C gives a reference the CLI and skopeo take.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    child<QTableView>(pane, "tagTable")->setFocus();
    QTest::keySequence(child<QTableView>(pane, "tagTable"), QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("oci:%1:team/app:1.0").arg(m_local.directory()));
    // Delete removes just that name.
    QTest::keyClick(child<QTableView>(pane, "tagTable"), Qt::Key_Delete);
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = visibleWindow<QMessageBox>()) != nullptr, 10000);
    QVERIFY(box->text().contains(QStringLiteral("from the local folder")));
    click(box, "confirmDeleteButton");
    QTRY_COMPARE(pane->tagModel()->rowCount(), 1);
    QCOMPARE(m_local.tags(QStringLiteral("team/app"), &error), QStringList {QStringLiteral("latest")});
}

namespace {

// The pid of a process that ran and ended: its temporaries are leftovers.
qint64 pidOfAnEndedProcess()
{
    QProcess process;
    process.start(QStringLiteral("true"), {});
    process.waitForStarted();
    const qint64 pid = process.processId();
    process.waitForFinished();
    return pid;
}

void writeFile(const QString &path, qint64 size)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(QByteArray(size, 'x')), size);
}

} // namespace

// A copy killed while writing into the local folder leaves temporaries
// (a blob half written, an index.json about to replace the old one): the
// pane says so when it opens the folder, and "Clean up" removes exactly
// those, leaving the temporaries of a copy still running and every image.
void TestBrowse::localFolderOffersToRemoveLeftovers()
{
    QString error;
    QVERIFY(m_local.ensureExists(&error));
    const ProcessResult copied = runCli({QStringLiteral("copy"), QStringLiteral("-q"),
        QStringLiteral("--src-tls-verify=false"),
        QStringLiteral("docker://%1/%2:latest").arg(m_set->anonymous()->hostAndPort(), Fixtures::OciImage),
        QStringLiteral("oci:%1:team/kept:1").arg(m_local.directory())});
    QVERIFY2(copied.exitCode == 0, copied.err.constData());

    const qint64 dead = pidOfAnEndedProcess();
    const QString blobs = m_local.directory() + QStringLiteral("/blobs/sha256/");
    const QString halfBlob = blobs + QStringLiteral(".%1.crossdock-%2-a1b2c3.tmp").arg(QString(64, u'e')).arg(dead);
    const QString halfIndex = m_local.directory() + QStringLiteral("/.index.json.crossdock-%1-d4e5f6.tmp").arg(dead);
    writeFile(halfBlob, 3 * 1024 * 1024);
    writeFile(halfIndex, 1024);
    QVERIFY(DurableFile::isTemporary(QFileInfo(halfBlob).fileName()));
    // A copy still running (this sleep stands in for it) keeps its file.
    QProcess running;
    running.start(QStringLiteral("sleep"), {QStringLiteral("60")});
    QVERIFY(running.waitForStarted());
    const QString inUse = blobs + QStringLiteral(".%1.crossdock-%2-0f0f0f.tmp").arg(QString(64, u'f')).arg(running.processId());
    writeFile(inUse, 4096);

    MainWindow window(services());
    window.show();
    RegistryPane *pane = window.panes().first();
    QVERIFY(pane->isLocal());
    QTRY_VERIFY(child<QWidget>(pane, "cleanupBar")->isVisible());
    const QString said = text(pane, "cleanupText");
    QVERIFY2(said.contains(QStringLiteral("2 temporary files")), qPrintable(said));
    QVERIFY2(said.contains(QLocale().formattedDataSize(3 * 1024 * 1024 + 1024)), qPrintable(said));

    child<QPushButton>(pane, "cleanUp")->click();
    QTRY_VERIFY(!child<QWidget>(pane, "cleanupBar")->isVisible());
    QVERIFY(!QFile::exists(halfBlob));
    QVERIFY(!QFile::exists(halfIndex));
    QVERIFY(QFile::exists(inUse));
    QCOMPARE(m_local.tags(QStringLiteral("team/kept"), &error), QStringList {QStringLiteral("1")});
    const ProcessResult inspected = runCli({QStringLiteral("inspect"), QStringLiteral("--raw"),
        QStringLiteral("oci:%1:team/kept:1").arg(m_local.directory())});
    QVERIFY2(inspected.exitCode == 0, inspected.err.constData());
    running.kill();
    running.waitForFinished();
    QFile::remove(inUse);
}

QTEST_MAIN(TestBrowse)
#include "test_browse.moc"
