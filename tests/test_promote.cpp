// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Promotion, driven like a user against two real registries (staging and
// production, both docker-registry on loopback): a tag's mimeData from the
// staging pane, dropped on the production pane's model, the promote dialog's
// preview and Enter, the copy through the transfer engine, the tag at the
// destination with the same digest, and the destination pane showing it.
// Also: same-registry drops (mounted, "no data will be transferred"), an
// existing tag with another image (ask, overwrite, skip, retry), whole
// repositories narrowed by the filter, bad names, the history log, quitting
// with a transfer waiting, and the progress delegate's bar.
#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/credentials/sessioncredentials.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/registriesconf.h"
#include "core/registry/registryclient.h"
#include "core/registry/registrysettings.h"
#include "core/registry/resolvedigestjob.h"
#include "core/transfer/transferengine.h"
#include "core/transfer/transferhistory.h"
#include "core/transfer/transferqueue.h"
#include "core/trust/signingkeys.h"
#include "core/trust/sigstoreprivatekey.h"
#include "core/trust/trustpolicy.h"
#include "darkpalette.h"
#include "cosignsigner.h"
#include "gpgsigner.h"
#include "dialogdriver.h"
#include "faultproxy.h"
#include "panedriver.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "testenv.h"
#include "registryserver.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "ui/browse/registrypane.h"
#include "ui/browse/supplychainview.h"
#include "ui/browse/detailspanel.h"
#include "ui/browse/repositorytreemodel.h"
#include "ui/browse/tagtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/promote/historydialog.h"
#include "ui/promote/imagedrag.h"
#include "ui/promote/promotedialog.h"
#include "ui/promote/transferdock.h"
#include "ui/promote/transfermodel.h"
#include "ui/promote/transferprogressdelegate.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDBusConnection>
#include <QDialogButtonBox>
#include <QFile>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QPushButton>
#include <QScopeGuard>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace crossdock;
using namespace crossdock::test;

namespace {
const QString App = QStringLiteral("team/app");
}

// The desktop's notification service, on the test's private session bus
// (with-keyring.sh): what the window asks it to show.
class FakeNotifications : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    QStringList summaries;
    QStringList bodies;

public Q_SLOTS:
    uint Notify(const QString &, uint, const QString &, const QString &summary, const QString &body, const QStringList &,
        const QVariantMap &, int)
    {
        summaries << summary;
        bodies << body;
        return static_cast<uint>(summaries.size());
    }
};

class TestPromote : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dragTagToAnotherRegistry();
    void sameRegistryMountsWithoutMovingData();
    void existingTagAskOverwriteSkipRetry();
    void wholeRepositoryNarrowedByTheFilter();
    void badNamesAreRefusedBeforeAnythingMoves();
    void throughTheLocalFolder();
    void multiArchIndexWholeOrThisSystem();
    void promoteFromTheKeyboard();
    void failureSaysWhyInOneLine();
    void quittingWithATransferAsksFirst();
    void progressDelegateFillsHalfTheBar();
    void emptyPartOfTheBarShowsInADarkPalette();
    void mirrorServesThePromotion();
    void convertsWhilePromoting();
    void signaturePolicyRefusesThePromotion();
    void promoteDialogShowsThePolicyDecision();
    void supplyChainTabListsWhatIsAttached();
    void attachedArtifactsTravelWithAPromotion();
    void promotionSignsWithAnUnlockedKey();
    void promotionSignsWithAGpgKey();

private:
    AppServices services()
    {
        return AppServices {&m_network, &m_settings, m_dir.filePath(QStringLiteral("registries.json")), &m_session,
            &m_cache, &m_local, m_queue.get(), QString(), m_registriesConf, m_trust, &m_signingKeys};
    }
    // A window with staging in the first pane and production in the second,
    // both showing team/app.
    std::unique_ptr<MainWindow> openWindow();
    PromoteDialog *waitForDialog(MainWindow *window);
    // Drops `tag` of the first pane onto the second, as a drag would: the
    // promote dialog it opens (null if none did).
    PromoteDialog *dropOntoSecondPane(MainWindow *window, const QString &tag);
    Digest digestAt(RegistryServer &server, const QString &repository, const QString &tag, Error *error = nullptr);
    quint64 waitForFinished(int count = 1);
    // A signature policy file with these contents, loaded as the GUI loads it.
    EnforcedTrustPolicy policyFile(const QString &name, const QString &json);
    QString lookaside() const { return m_dir.filePath(QStringLiteral("lookaside")); }

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    RegistrySettings m_settings;
    SessionCredentials m_session;
    ContentCache m_cache {m_dir.filePath(QStringLiteral("cache"))};
    LocalStore m_local {m_dir.filePath(QStringLiteral("local"))};
    FakeNotifications m_notifications;
    std::unique_ptr<RegistrySet> m_fixtures; // read-only: an OCI index with three platforms
    std::unique_ptr<RegistryServer> m_staging;
    std::unique_ptr<RegistryServer> m_production;
    std::unique_ptr<TransferEngine> m_engine;
    std::unique_ptr<TransferHistory> m_history;
    std::unique_ptr<TransferQueue> m_queue;
    std::unique_ptr<QSignalSpy> m_finished;
    EnforcedTrustPolicy m_trust; // none unless a test sets one
    SigningKeys m_signingKeys;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    const RegistriesConf *m_registriesConf = nullptr; // set by a test that needs one
};

void TestPromote::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_fixtures = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_fixtures->ok(), qPrintable(m_fixtures->error()));
    QDBusConnection bus = QDBusConnection::sessionBus();
    QVERIFY2(bus.isConnected(), "no session bus (run through tests/with-keyring.sh)");
    QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &m_notifications, QDBusConnection::ExportAllSlots));
    QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.Notifications")));
}

void TestPromote::init()
{
    // Fresh registries per test: staging holds team/app 1.4.2, 1.4.3, 2.0
    // (one shared config blob), production starts empty.
    m_staging = std::make_unique<RegistryServer>(RegistryServer::Options());
    m_production = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_staging->isRunning(), qPrintable(m_staging->errorText()));
    QVERIFY2(m_production->isRunning(), qPrintable(m_production->errorText()));
    RawRegistry staging(m_staging->baseUrl());
    QVERIFY(!staging.pushSingleLayerImage(App, QStringLiteral("1.4.2"), 300 * 1024).isEmpty());
    QVERIFY(!staging.pushSingleLayerImage(App, QStringLiteral("1.4.3"), 300 * 1024 + 1).isEmpty());
    QVERIFY(!staging.pushSingleLayerImage(App, QStringLiteral("2.0"), 200 * 1024).isEmpty());
    m_settings = RegistrySettings();
    QString error;
    for (const RegistryServer *server : {m_staging.get(), m_production.get()}) {
        RegistryEntry entry;
        entry.host = server->hostAndPort();
        QVERIFY2(m_settings.upsert(entry, &error), qPrintable(error));
    }
    TransferEngine::Limits limits;
    limits.blobLocationCache.clear(); // memory only: every test starts knowing nothing
    m_engine = std::make_unique<TransferEngine>(limits, nullptr);
    m_history = std::make_unique<TransferHistory>(
        m_dir.filePath(QStringLiteral("history-%1.jsonl").arg(QString::fromLatin1(QTest::currentTestFunction()))));
    m_queue = std::make_unique<TransferQueue>(m_engine.get(), &m_network, m_history.get());
    m_finished = std::make_unique<QSignalSpy>(m_queue.get(), &TransferQueue::transferFinished);
}

void TestPromote::cleanup()
{
    // Images of the same content get the same digest in every test: their
    // GPG signatures must not carry over.
    QDir(lookaside()).removeRecursively();
    m_registriesConf = nullptr;
    m_trust = {};
    m_tester.reset();
    m_finished.reset();
    m_queue.reset();
    m_engine.reset();
}

std::unique_ptr<MainWindow> TestPromote::openWindow()
{
    auto window = std::make_unique<MainWindow>(services());
    window->show();
    // The model tester watches the transfer model through every test.
    m_tester = std::make_unique<QAbstractItemModelTester>(
        window->transferDock()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    RegistryPane *staging = window->panes().at(0);
    RegistryPane *production = window->panes().at(1);
    staging->openRegistry(m_staging->hostAndPort());
    production->openRegistry(m_production->hostAndPort());
    if (!openRepository(staging, App) || !openRepository(production, App))
        return nullptr;
    return window;
}

PromoteDialog *TestPromote::waitForDialog(MainWindow *window)
{
    PromoteDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            for (PromoteDialog *d : window->findChildren<PromoteDialog *>())
                if (d->isVisible())
                    dialog = d;
            return dialog != nullptr;
        },
        5000);
    if (!shown)
        return nullptr;
    if (!dialog->isPreviewComplete()) {
        QSignalSpy complete(dialog, &PromoteDialog::previewComplete);
        complete.wait(15000);
    }
    return dialog;
}

Digest TestPromote::digestAt(RegistryServer &server, const QString &repository, const QString &tag, Error *error)
{
    RegistryClient client(server.hostAndPort(), TlsSettings(), {}, &m_network);
    ResolveDigestJob job(&client, repository, tag);
    if (!runJob(&job))
        return {};
    if (error)
        *error = job.error();
    return job.digest();
}

EnforcedTrustPolicy TestPromote::policyFile(const QString &name, const QString &json)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json.toUtf8()) != json.toUtf8().size())
        return EnforcedTrustPolicy {nullptr, QStringLiteral("cannot write %1").arg(path), nullptr};
    file.close();
    // GPG signatures of every registry in one file:// lookaside.
    const QString registriesD = m_dir.filePath(QStringLiteral("registries.d"));
    QDir().mkpath(registriesD);
    QFile yaml(registriesD + QStringLiteral("/default.yaml"));
    if (!yaml.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return EnforcedTrustPolicy {nullptr, QStringLiteral("cannot write %1").arg(yaml.fileName()), nullptr};
    yaml.write(QStringLiteral("default-docker:\n  lookaside: file://%1\n").arg(lookaside()).toUtf8());
    yaml.close();
    return EnforcedTrustPolicy::load(path, registriesD);
}

quint64 TestPromote::waitForFinished(int count)
{
    while (m_finished->count() < count)
        if (!m_finished->wait(30000))
            return 0;
    return m_finished->at(count - 1).at(0).value<quint64>();
}

static QModelIndex tagIndex(RegistryPane *pane, const QString &tag)
{
    return pane->tagModel()->index(pane->tagModel()->rowOf(tag), TagTableModel::TagColumn);
}

PromoteDialog *TestPromote::dropOntoSecondPane(MainWindow *window, const QString &tag)
{
    RegistryPane *source = window->panes().at(0);
    std::unique_ptr<QMimeData> data(source->tagModel()->mimeData({tagIndex(source, tag)}));
    window->panes().at(1)->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {});
    return waitForDialog(window);
}

void TestPromote::dragTagToAnotherRegistry()
{
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    RegistryPane *production = window->panes().at(1);
    const Digest source = digestAt(*m_staging, App, QStringLiteral("1.4.2"));
    QVERIFY(source.isValid());

    // Drag: the custom type with stable ids, and text/plain for a terminal.
    std::unique_ptr<QMimeData> data(staging->tagModel()->mimeData({tagIndex(staging, QStringLiteral("1.4.2"))}));
    QVERIFY(data);
    QVERIFY(data->hasFormat(ImageDrag::MimeType));
    QCOMPARE(data->text(), m_staging->hostAndPort() + QStringLiteral("/team/app:1.4.2"));
    const QList<DraggedImage> dragged = ImageDrag::decode(data.get());
    QCOMPARE(dragged.size(), 1);
    QCOMPARE(dragged.first().registry, m_staging->hostAndPort());

    // Dropped back on its own table or repository (a click that slipped): refused, no dialog.
    QVERIFY(!staging->tagModel()->canDropMimeData(data.get(), Qt::CopyAction, -1, -1, {}));
    QVERIFY(!staging->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {}));
    QVERIFY(!staging->treeModel()->dropMimeData(
        data.get(), Qt::CopyAction, -1, -1, staging->treeModel()->indexOfPath(App)));
    QVERIFY(window->findChildren<PromoteDialog *>().isEmpty());

    // Drop on production's tag table (team/app is not there yet).
    TagTableModel *destination = production->tagModel();
    QVERIFY(destination->canDropMimeData(data.get(), Qt::CopyAction, -1, -1, {}));
    QVERIFY(destination->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {}));
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    QVERIFY(dialog->isPreviewComplete());
    auto *preview = child<QTreeWidget>(dialog, "promotePreview");
    QCOMPARE(preview->topLevelItemCount(), 1);
    QCOMPARE(preview->topLevelItem(0)->text(1), QStringLiteral("team/app:1.4.2"));
    QCOMPARE(preview->topLevelItem(0)->text(2), QStringLiteral("New tag"));
    QCOMPARE(preview->topLevelItem(0)->text(3), QStringLiteral("0 skipped · 0 mounted · 2 streamed"));
    QVERIFY2(text(dialog, "promoteSummary").contains(QStringLiteral("to stream")),
        qPrintable(text(dialog, "promoteSummary")));
    QVERIFY(child<QPushButton>(dialog, "promote")->isEnabled());

    // Enter confirms.
    QTest::keyClick(child<QLineEdit>(dialog, "destinationTag"), Qt::Key_Return);
    QVERIFY(window->transferDock()->isVisible());
    const quint64 id = waitForFinished();
    QVERIFY(id != 0);
    const Transfer &transfer = m_queue->at(m_queue->rowOf(id));
    QVERIFY2(transfer.state == Transfer::State::Copied, qPrintable(transfer.error));
    QCOMPARE(transfer.result.blobsStreamed, 2);
    QVERIFY(transfer.result.bytesStreamed > 300 * 1024);
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("1.4.2")), source);
    // Blob rows came and went through the model (the tester checked them).
    QCOMPARE(window->transferDock()->model()->rowCount(window->transferDock()->model()->index(0, 0)), 2);

    // The production pane lists the new tag without the user refreshing.
    QVERIFY(QTest::qWaitFor(
        [&] { return production->tagModel() && production->tagModel()->rowOf(QStringLiteral("1.4.2")) >= 0; }, 10000));
    // The batch is announced; the history log has the line.
    QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("promoted")),
        qPrintable(window->statusBar()->currentMessage()));
    int skipped = 0;
    QString error;
    const QList<TransferRecord> records = m_history->read(10, &skipped, &error);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().outcome, QStringLiteral("copied"));
    QCOMPARE(records.first().digest, source.toString());
    QCOMPARE(records.first().destination, m_production->hostAndPort() + QStringLiteral("/team/app:1.4.2"));
    QCOMPARE(records.first().bytes, transfer.result.bytesStreamed);
    // Show destination: the production pane selects the new tag.
    production->openRepository(QStringLiteral("team/other"));
    QTreeView *view = window->transferDock()->view();
    view->setCurrentIndex(window->transferDock()->model()->index(0, 0));
    click(window->transferDock(), "showDestination");
    QVERIFY(QTest::qWaitFor(
        [&] {
            return production->currentRepository() == App
                && child<QTableView>(production, "tagTable")->currentIndex().data(TagTableModel::TagRole).toString()
                == QStringLiteral("1.4.2");
        },
        10000));
    // ... and the history view shows it.
    HistoryDialog history(m_history.get());
    QCOMPARE(history.model()->rowCount(), 1);
    QCOMPARE(history.model()->item(0, 1)->text(), QStringLiteral("copied"));
}

void TestPromote::sameRegistryMountsWithoutMovingData()
{
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    std::unique_ptr<QMimeData> data(staging->tagModel()->mimeData({tagIndex(staging, QStringLiteral("2.0"))}));
    // Dropped on the staging tree itself, beside the repositories: the same path.
    QVERIFY(staging->treeModel()->dropMimeData(data.get(), Qt::CopyAction, 0, 0, {}));
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    // The same image onto itself is refused; a new tag pattern fixes it.
    auto *preview = child<QTreeWidget>(dialog, "promotePreview");
    QVERIFY(preview->topLevelItem(0)->text(2).contains(QStringLiteral("the image itself")));
    QVERIFY(!child<QPushButton>(dialog, "promote")->isEnabled());
    type(dialog, "destinationRepository", QStringLiteral("team/app-prod"));
    type(dialog, "destinationTag", QStringLiteral("{tag}-prod"));
    QSignalSpy complete(dialog, &PromoteDialog::previewComplete);
    QVERIFY(complete.wait(15000));
    QCOMPARE(preview->topLevelItem(0)->text(1), QStringLiteral("team/app-prod:2.0-prod"));
    QCOMPARE(preview->topLevelItem(0)->text(3), QStringLiteral("0 skipped · 2 mounted · 0 streamed"));
    QVERIFY2(text(dialog, "promoteSummary").contains(QStringLiteral("no data will be transferred")),
        qPrintable(text(dialog, "promoteSummary")));
    click(dialog, "promote");
    const quint64 id = waitForFinished();
    const Transfer &transfer = m_queue->at(m_queue->rowOf(id));
    QVERIFY2(transfer.state == Transfer::State::Copied, qPrintable(transfer.error));
    QCOMPARE(transfer.result.bytesStreamed, 0);
    QCOMPARE(transfer.result.blobsMounted, 2);
    QCOMPARE(digestAt(*m_staging, QStringLiteral("team/app-prod"), QStringLiteral("2.0-prod")),
        digestAt(*m_staging, App, QStringLiteral("2.0")));
    // The new repository shows up in the tree.
    QVERIFY(QTest::qWaitFor(
        [&] { return staging->treeModel()->indexOfPath(QStringLiteral("team/app-prod")).isValid(); }, 5000));
}

void TestPromote::existingTagAskOverwriteSkipRetry()
{
    // Production's 1.4.2 is another image (built elsewhere).
    RawRegistry production(m_production->baseUrl());
    QVERIFY(!production.pushSingleLayerImage(App, QStringLiteral("1.4.2"), 1000).isEmpty());
    const Digest other = digestAt(*m_production, App, QStringLiteral("1.4.2"));
    const Digest wanted = digestAt(*m_staging, App, QStringLiteral("1.4.2"));
    QVERIFY(other.isValid() && other != wanted);
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    TransferDock *dock = window->transferDock();
    std::unique_ptr<QMimeData> data(staging->tagModel()->mimeData({tagIndex(staging, QStringLiteral("1.4.2"))}));

    // Skip: nothing changes at the destination.
    window->panes().at(1)->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {});
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    auto *existing = child<QComboBox>(dialog, "existingTag");
    existing->setCurrentIndex(existing->findData(static_cast<int>(ExistingTagPolicy::Skip)));
    auto *preview = child<QTreeWidget>(dialog, "promotePreview");
    QVERIFY2(preview->topLevelItem(0)->text(2).contains(QStringLiteral("skipped")),
        qPrintable(preview->topLevelItem(0)->text(2)));
    QVERIFY(text(dialog, "promoteSummary").contains(QStringLiteral("every destination tag is up to date"))
        || text(dialog, "promoteSummary").contains(QStringLiteral("Nothing")));
    click(dialog, "promote");
    quint64 id = waitForFinished(1);
    QCOMPARE(m_queue->at(m_queue->rowOf(id)).state, Transfer::State::Skipped);
    QVERIFY(m_queue->at(m_queue->rowOf(id)).error.contains(QStringLiteral("already names another image")));
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("1.4.2")), other);

    // Copy error: the reason, naming both ends.
    QTreeView *view = dock->view();
    view->setCurrentIndex(dock->model()->index(0, 0));
    click(dock, "copyError");
    QVERIFY2(QGuiApplication::clipboard()->text().contains(QStringLiteral("→ ") + m_production->hostAndPort()
                 + QStringLiteral("/team/app:1.4.2: the tag already names another image")),
        qPrintable(QGuiApplication::clipboard()->text()));
    // Retry a skip: now the user is asked; the Overwrite button answers.
    click(dock, "retryTransfer");
    QVERIFY(QTest::qWaitFor([&] { return m_queue->at(0).state == Transfer::State::NeedsDecision; }, 10000));
    QVERIFY(dock->model()
                ->index(0, TransferModel::StateColumn)
                .data()
                .toString()
                .contains(QStringLiteral("overwrite or skip")));
    // Offered without selecting the waiting row first.
    view->clearSelection();
    QVERIFY(child<QPushButton>(dock, "overwriteTag")->isVisible());
    click(dock, "overwriteTag");
    waitForFinished(2);
    QVERIFY2(m_queue->at(0).state == Transfer::State::Copied, qPrintable(m_queue->at(0).error));
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("1.4.2")), wanted);

    // Again with Ask (the default): now the tag names the same image, so it is up to date.
    window->panes().at(1)->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {});
    dialog = waitForDialog(window.get());
    QVERIFY(dialog && dialog->isPreviewComplete());
    QCOMPARE(child<QTreeWidget>(dialog, "promotePreview")->topLevelItem(0)->text(2),
        QStringLiteral("Up to date: the tag already names this image"));
    click(dialog, "promote");
    id = waitForFinished(3);
    QCOMPARE(m_queue->at(m_queue->rowOf(id)).state, Transfer::State::UpToDate);
    int skipped = 0;
    QString error;
    QStringList outcomes;
    for (const TransferRecord &record : m_history->read(10, &skipped, &error))
        outcomes << record.outcome;
    QCOMPARE(
        outcomes, (QStringList {QStringLiteral("skipped"), QStringLiteral("copied"), QStringLiteral("up to date")}));
    // Clear finished empties the list; the history keeps it all.
    click(dock, "clearFinished");
    QCOMPARE(dock->model()->rowCount(), 0);
}

void TestPromote::wholeRepositoryNarrowedByTheFilter()
{
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    const QModelIndex repository = staging->treeModel()->indexOfPath(App);
    // No filter: the whole repository, all tags.
    std::unique_ptr<QMimeData> all(staging->treeModel()->mimeData({repository}));
    QCOMPARE(ImageDrag::decode(all.get()).first().tags, QStringList());
    // Filtered: the tags the table shows.
    type(staging, "tagFilter", QStringLiteral("1.4"));
    std::unique_ptr<QMimeData> filtered(staging->treeModel()->mimeData({repository}));
    QStringList tags = ImageDrag::decode(filtered.get()).first().tags;
    tags.sort();
    QCOMPARE(tags, (QStringList {QStringLiteral("1.4.2"), QStringLiteral("1.4.3")}));
    QCOMPARE(filtered->text().split(QLatin1Char('\n')).size(), 2);

    // Dropping the unfiltered repository lists its tags in the dialog.
    window->panes().at(1)->tagModel()->dropMimeData(all.get(), Qt::CopyAction, -1, -1, {});
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    QCOMPARE(dialog->imageCount(), 3);
    // Three layers and one config blob they share: the total counts it once.
    const QString summary = text(dialog, "promoteSummary");
    QVERIFY2(summary.startsWith(QStringLiteral("3 image(s) to copy: %1 to stream")
                                    .arg(QLocale().formattedDataSize(300 * 1024 + 300 * 1024 + 1 + 200 * 1024 + 78))),
        qPrintable(summary));
    QCOMPARE(dialog->orders().size(), 3);
    for (const TransferOrder &order : dialog->orders()) {
        QVERIFY(order.request.source.image().hasDigest()); // pinned: what was previewed is what moves
        QCOMPARE(order.request.source.image().digest(), order.digest);
    }
    dialog->reject();
    QCOMPARE(m_queue->count(), 0); // cancelled: nothing queued
}

void TestPromote::badNamesAreRefusedBeforeAnythingMoves()
{
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    std::unique_ptr<QMimeData> data(staging->tagModel()->mimeData(
        {tagIndex(staging, QStringLiteral("1.4.2")), tagIndex(staging, QStringLiteral("1.4.3"))}));
    window->panes().at(1)->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {});
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    auto *preview = child<QTreeWidget>(dialog, "promotePreview");
    QSignalSpy complete(dialog, &PromoteDialog::previewComplete);

    type(dialog, "destinationTag", QStringLiteral("bad tag!"));
    QTest::qWait(600); // the rows follow once typing pauses
    QVERIFY2(preview->topLevelItem(0)->text(2).contains(QStringLiteral("not a valid tag")),
        qPrintable(preview->topLevelItem(0)->text(2)));
    QVERIFY(!child<QPushButton>(dialog, "promote")->isEnabled());

    type(dialog, "destinationTag", QStringLiteral("prod"));
    QTest::qWait(600);
    QVERIFY(preview->topLevelItem(1)->text(2).contains(QStringLiteral("2 images would land on this one tag")));
    QVERIFY(!child<QPushButton>(dialog, "promote")->isEnabled());

    type(dialog, "destinationRepository", QStringLiteral("Team/App"));
    type(dialog, "destinationTag", QStringLiteral("{tag}"));
    QTest::qWait(600);
    QVERIFY2(preview->topLevelItem(0)->text(2).contains(QStringLiteral("not a valid repository")),
        qPrintable(preview->topLevelItem(0)->text(2)));
    QVERIFY(!child<QPushButton>(dialog, "promote")->isEnabled());
    QTest::keyClick(child<QLineEdit>(dialog, "destinationTag"), Qt::Key_Return); // Enter does nothing while invalid
    QVERIFY(dialog->isVisible());

    type(dialog, "destinationRepository", QStringLiteral("team/app"));
    QVERIFY(complete.wait(15000));
    // Typing makes the preview stale at once: Enter right after cannot
    // confirm the old names.
    type(dialog, "destinationTag", QStringLiteral("{tag}-rc"));
    QVERIFY(!child<QPushButton>(dialog, "promote")->isEnabled());
    QTest::keyClick(child<QLineEdit>(dialog, "destinationTag"), Qt::Key_Return);
    QVERIFY(dialog->isVisible());
    QVERIFY(complete.wait(15000));
    QCOMPARE(preview->topLevelItem(0)->text(1), QStringLiteral("team/app:1.4.2-rc"));
    QVERIFY(child<QPushButton>(dialog, "promote")->isEnabled());
    dialog->reject();
    QCOMPARE(m_queue->count(), 0);
}

void TestPromote::throughTheLocalFolder()
{
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    RegistryPane *folder = window->panes().at(1);
    folder->openLocalFolder();
    const Digest wanted = digestAt(*m_staging, App, QStringLiteral("1.4.3"));

    // Staging -> the local folder, dropped on the pane itself: the same path.
    std::unique_ptr<QMimeData> data(staging->tagModel()->mimeData({tagIndex(staging, QStringLiteral("1.4.3"))}));
    QVERIFY(folder->treeModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {}));
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    QVERIFY(!child<QComboBox>(dialog, "multiArch")->isEnabled()); // the folder keeps whole images
    QCOMPARE(child<QTreeWidget>(dialog, "promotePreview")->topLevelItem(0)->text(3),
        QStringLiteral("0 skipped · 0 mounted · 2 streamed"));
    click(dialog, "promote");
    quint64 id = waitForFinished(1);
    QVERIFY2(m_queue->at(m_queue->rowOf(id)).state == Transfer::State::Copied,
        qPrintable(m_queue->at(m_queue->rowOf(id)).error));
    QString error;
    const auto stored = m_local.resolve(App, QStringLiteral("1.4.3"), &error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->digest, wanted);
    // The folder pane lists it.
    QVERIFY(QTest::qWaitFor([&] { return folder->treeModel()->indexOfPath(App).isValid(); }, 5000));
    QVERIFY(openRepository(folder, App));
    QVERIFY(folder->tagModel()->rowOf(QStringLiteral("1.4.3")) >= 0);

    // The local folder -> production, as a release engineer would from a laptop.
    RegistryPane *production = window->panes().at(0);
    production->openRegistry(m_production->hostAndPort());
    QVERIFY(openRepository(production, App));
    std::unique_ptr<QMimeData> local(folder->tagModel()->mimeData({tagIndex(folder, QStringLiteral("1.4.3"))}));
    QVERIFY(local->text().startsWith(QStringLiteral("oci:")));
    production->tagModel()->dropMimeData(local.get(), Qt::CopyAction, -1, -1, {});
    dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    type(dialog, "destinationTag", QStringLiteral("{tag}-from-laptop"));
    QSignalSpy complete(dialog, &PromoteDialog::previewComplete);
    QVERIFY(complete.wait(15000));
    click(dialog, "promote");
    id = waitForFinished(2);
    QVERIFY2(m_queue->at(m_queue->rowOf(id)).state == Transfer::State::Copied,
        qPrintable(m_queue->at(m_queue->rowOf(id)).error));
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("1.4.3-from-laptop")), wanted);
}

void TestPromote::multiArchIndexWholeOrThisSystem()
{
    RegistryEntry fixtures;
    fixtures.host = m_fixtures->anonymous()->hostAndPort();
    QString error;
    QVERIFY(m_settings.upsert(fixtures, &error));
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *source = window->panes().at(0);
    RegistryPane *production = window->panes().at(1);
    source->openRegistry(fixtures.host);
    QVERIFY(openRepository(source, Fixtures::OciIndex));
    RegistryClient client(fixtures.host, TlsSettings(), {}, &m_network);
    FetchManifestJob index(&client, Fixtures::OciIndex, QStringLiteral("multi"));
    QVERIFY(runJob(&index));
    const auto amd64 = index.manifest().childFor(Platform::host());
    QVERIFY(amd64);
    // Every distinct blob of the three platforms' images, and of amd64 alone.
    QSet<QString> allBlobs;
    int amd64Blobs = 0;
    for (const Descriptor &child : index.manifest().manifests()) {
        FetchManifestJob image(&client, Fixtures::OciIndex, child.digest.toString());
        QVERIFY(runJob(&image));
        QList<Descriptor> blobs = image.manifest().layers();
        blobs << image.manifest().config();
        for (const Descriptor &blob : blobs)
            allBlobs.insert(blob.digest.toString());
        if (child.digest == amd64->digest)
            amd64Blobs = static_cast<int>(blobs.size());
    }
    QVERIFY(amd64Blobs > 0 && allBlobs.size() > amd64Blobs);
    std::unique_ptr<QMimeData> data(source->tagModel()->mimeData({tagIndex(source, QStringLiteral("multi"))}));

    // Onto a repository in production's tree: into that repository. The
    // whole index (the default) keeps its digest.
    const QModelIndex app = production->treeModel()->addRepository(App);
    QVERIFY(production->treeModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, app));
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    QCOMPARE(child<QLineEdit>(dialog, "destinationRepository")->text(), App);
    QCOMPARE(child<QTreeWidget>(dialog, "promotePreview")->topLevelItem(0)->text(3),
        QStringLiteral("0 skipped · 0 mounted · %1 streamed").arg(allBlobs.size()));
    type(dialog, "destinationTag", QStringLiteral("all"));
    QSignalSpy complete(dialog, &PromoteDialog::previewComplete);
    QVERIFY(complete.wait(15000));
    click(dialog, "promote");
    QVERIFY(waitForFinished(1));
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("all")), index.manifest().digest());

    // Only this system's platform: the tag names the amd64 image itself.
    QVERIFY(production->treeModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, app));
    dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    auto *multiArch = child<QComboBox>(dialog, "multiArch");
    multiArch->setCurrentIndex(multiArch->findData(static_cast<int>(CopyOptions::MultiArch::System)));
    type(dialog, "destinationTag", QStringLiteral("amd64"));
    QSignalSpy again(dialog, &PromoteDialog::previewComplete);
    QVERIFY(again.wait(15000));
    // Its blobs are already there from the whole index.
    QCOMPARE(child<QTreeWidget>(dialog, "promotePreview")->topLevelItem(0)->text(3),
        QStringLiteral("%1 skipped · 0 mounted · 0 streamed").arg(amd64Blobs));
    QCOMPARE(dialog->orders().first().digest, amd64->digest);
    click(dialog, "promote");
    const quint64 id = waitForFinished(2);
    QVERIFY2(m_queue->at(m_queue->rowOf(id)).state == Transfer::State::Copied,
        qPrintable(m_queue->at(m_queue->rowOf(id)).error));
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("amd64")), amd64->digest);
}

void TestPromote::promoteFromTheKeyboard()
{
    // Without a mouse drag: select the tag, open the context menu (the Menu
    // key), Promote to -> the other pane, Enter.
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    auto *table = child<QTableView>(staging, "tagTable");
    auto *proxy = table->model();
    QModelIndex index;
    for (int row = 0; row < proxy->rowCount(); ++row)
        if (proxy->index(row, 0).data(TagTableModel::TagRole).toString() == QStringLiteral("1.4.3"))
            index = proxy->index(row, 0);
    QVERIFY(index.isValid());
    table->setFocus();
    table->setCurrentIndex(index);
    table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    Q_EMIT table->customContextMenuRequested(table->visualRect(index).center());
    QMenu *promote = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] { return (promote = staging->findChild<QMenu *>(QStringLiteral("promoteMenu"))) != nullptr; }, 5000));
    QCOMPARE(promote->actions().size(), 1); // the one other pane
    QVERIFY2(promote->actions().first()->text().contains(m_production->hostAndPort()),
        qPrintable(promote->actions().first()->text()));
    promote->actions().first()->trigger();
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    QCOMPARE(child<QLineEdit>(dialog, "destinationRepository")->text(), App); // the image's own repository path
    QCOMPARE(dialog->imageCount(), 1);
    QTest::keyClick(child<QLineEdit>(dialog, "destinationTag"), Qt::Key_Return);
    const quint64 id = waitForFinished();
    QVERIFY2(m_queue->at(m_queue->rowOf(id)).state == Transfer::State::Copied,
        qPrintable(m_queue->at(m_queue->rowOf(id)).error));
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("1.4.3")), digestAt(*m_staging, App, QStringLiteral("1.4.3")));
}

void TestPromote::mirrorServesThePromotion()
{
    // registries.conf gives staging a mirror (a logging proxy in front of
    // it): the promotion, pinned by digest, streams from the mirror, and the
    // transfer says so. Without the file the mirror sees nothing.
    FaultProxy mirror(m_staging->baseUrl());
    QString error;
    const auto conf = RegistriesConf::fromText(QStringLiteral("[[registry]]\nlocation = \"%1\"\n[[registry.mirror]]\nlocation = \"%2\"\ninsecure = true\n")
                                                   .arg(m_staging->hostAndPort(), mirror.hostAndPort()),
        QStringLiteral("registries.conf"), &error);
    QVERIFY2(conf, qPrintable(error));
    m_registriesConf = &*conf;
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    QVERIFY(selectTag(staging, QStringLiteral("2.0")));
    QVERIFY(mirror.requests().isEmpty()); // browsing shows the registry itself
    window->promote(window->panes().at(1), staging->selectedImages(), QString());
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    QTest::keyClick(child<QLineEdit>(dialog, "destinationTag"), Qt::Key_Return);
    const quint64 id = waitForFinished();
    const Transfer &transfer = m_queue->at(m_queue->rowOf(id));
    QVERIFY2(transfer.state == Transfer::State::Copied, qPrintable(transfer.error));
    QVERIFY2(transfer.order.route.contains(QStringLiteral("(from mirror %1)").arg(mirror.hostAndPort())), qPrintable(transfer.order.route));
    bool blobFromMirror = false;
    for (const auto &request : mirror.requests())
        blobFromMirror = blobFromMirror || (request.method == "GET" && request.url.path().contains(QLatin1String("/blobs/")));
    QVERIFY(blobFromMirror);
    // The route column is narrow: its tooltip tells the whole route.
    QAbstractItemModel *transfers = window->transferDock()->model();
    QCOMPARE(transfers->index(0, TransferModel::RouteColumn).data(Qt::ToolTipRole).toString(), transfer.order.route);
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("2.0")), digestAt(*m_staging, App, QStringLiteral("2.0")));
}

void TestPromote::convertsWhilePromoting()
{
    // Layers: zstd. The dialog says digests change; the image arrives with a
    // zstd layer (Debian's zstd reads it back to the DiffID) and a new digest.
    RawRegistry staging(m_staging->baseUrl());
    const QString sourceDigest = staging.pushConvertibleImage(App, QStringLiteral("3.0"), 512 * 1024);
    QVERIFY2(!sourceDigest.isEmpty(), qPrintable(staging.error()));
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *source = window->panes().at(0);
    QVERIFY(selectTag(source, QStringLiteral("3.0")));
    window->promote(window->panes().at(1), source->selectedImages(), QString());
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    auto *compression = child<QComboBox>(dialog, "layerCompression");
    compression->setCurrentIndex(compression->findText(QStringLiteral("zstd"), Qt::MatchStartsWith));
    QVERIFY(QTest::qWaitFor([&] { return dialog->isPreviewComplete(); }, 15000));
    QVERIFY2(text(dialog, "promoteSummary").contains(QStringLiteral("Converting changes digests")), qPrintable(text(dialog, "promoteSummary")));
    auto *preview = child<QTreeWidget>(dialog, "promotePreview");
    QCOMPARE(preview->topLevelItem(0)->text(2), QStringLiteral("New tag, converted (new digest)"));
    if (qEnvironmentVariableIsSet("CROSSDOCK_SHOT"))
        dialog->grab().save(qEnvironmentVariable("CROSSDOCK_SHOT"));
    QVERIFY(child<QPushButton>(dialog, "promote")->isEnabled());
    child<QPushButton>(dialog, "promote")->click();
    const quint64 id = waitForFinished();
    const Transfer &transfer = m_queue->at(m_queue->rowOf(id));
    QVERIFY2(transfer.state == Transfer::State::Copied, qPrintable(transfer.error));
    QVERIFY(transfer.result.digest.isValid());
    QVERIFY(transfer.result.digest.toString() != sourceDigest);
    RawRegistry production(m_production->baseUrl());
    const RawRegistry::Reply manifest = production.request("GET", QStringLiteral("/v2/%1/manifests/3.0").arg(App), {},
        {{"Accept", "application/vnd.oci.image.manifest.v1+json"}});
    QCOMPARE(manifest.status, 200);
    const QJsonObject layer = QJsonDocument::fromJson(manifest.body).object().value(QLatin1String("layers")).toArray().first().toObject();
    QCOMPARE(layer.value(QLatin1String("mediaType")).toString(), QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd"));
    const RawRegistry::Reply blob = production.request("GET", QStringLiteral("/v2/%1/blobs/%2").arg(App, layer.value(QLatin1String("digest")).toString()));
    QCOMPARE(blob.status, 200);
    const ProcessResult tar = runProcess(QStringLiteral("zstd"), {QStringLiteral("-dc")}, blob.body);
    QCOMPARE(tar.exitCode, 0);
    QCOMPARE(tar.out.size(), 512 * 1024);
}

void TestPromote::failureSaysWhyInOneLine()
{
    // A registry in read-only mode (maintenance) refuses every upload.
    RegistryServer::Options options;
    options.readOnly = true;
    RegistryServer readOnly(options);
    QVERIFY2(readOnly.isRunning(), qPrintable(readOnly.errorText()));
    RegistryEntry entry;
    entry.host = readOnly.hostAndPort();
    QString error;
    QVERIFY(m_settings.upsert(entry, &error));
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *target = window->panes().at(1);
    target->openRegistry(readOnly.hostAndPort());
    QVERIFY(openRepository(target, App));
    RegistryPane *staging = window->panes().at(0);
    std::unique_ptr<QMimeData> data(staging->tagModel()->mimeData({tagIndex(staging, QStringLiteral("2.0"))}));
    QVERIFY(target->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {}));
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    click(dialog, "promote");
    const quint64 id = waitForFinished();
    const int row = m_queue->rowOf(id);
    QCOMPARE(m_queue->at(row).state, Transfer::State::Failed);
    const QString shown = window->transferDock()->model()->index(row, TransferModel::StateColumn).data().toString();
    QVERIFY2(shown.startsWith(QStringLiteral("Failed: ")) && shown.size() > 12 && !shown.contains(QLatin1Char('\n')),
        qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("read-only"), Qt::CaseInsensitive), qPrintable(shown));
    // Nothing was tagged; the history says why; Retry is offered.
    Error resolved;
    QVERIFY(!digestAt(readOnly, App, QStringLiteral("2.0"), &resolved).isValid());
    int skipped = 0;
    const QList<TransferRecord> records = m_history->read(10, &skipped, &error);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().outcome, QStringLiteral("failed"));
    QCOMPARE(records.first().error, m_queue->at(row).error);
    window->transferDock()->view()->setCurrentIndex(window->transferDock()->model()->index(row, 0));
    QVERIFY(child<QPushButton>(window->transferDock(), "retryTransfer")->isEnabled());
    QVERIFY(child<QPushButton>(window->transferDock(), "copyError")->isEnabled());
    QVERIFY(!child<QPushButton>(window->transferDock(), "cancelTransfer")->isEnabled());
    // The desktop was told, through its notification service (no tray needed).
    QTRY_VERIFY_WITH_TIMEOUT(m_notifications.summaries.contains(QStringLiteral("Promotion finished with failures")), 5000);
    QVERIFY2(m_notifications.bodies.last().contains(QStringLiteral("failed")), qPrintable(m_notifications.bodies.last()));
}

void TestPromote::quittingWithATransferAsksFirst()
{
    RawRegistry production(m_production->baseUrl());
    QVERIFY(!production.pushSingleLayerImage(App, QStringLiteral("2.0"), 1000).isEmpty());
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *staging = window->panes().at(0);
    std::unique_ptr<QMimeData> data(staging->tagModel()->mimeData({tagIndex(staging, QStringLiteral("2.0"))}));
    window->panes().at(1)->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {});
    PromoteDialog *dialog = waitForDialog(window.get());
    QVERIFY(dialog);
    click(dialog, "promote");
    // Waiting for the user's decision: an active transfer.
    QVERIFY(QTest::qWaitFor(
        [&] { return m_queue->count() == 1 && m_queue->at(0).state == Transfer::State::NeedsDecision; }, 10000));

    window->close();
    QMessageBox *ask = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] {
            return (ask = window->findChild<QMessageBox *>(QStringLiteral("quitWithTransfers"))) && ask->isVisible();
        },
        5000));
    QVERIFY(window->isVisible());
    ask->defaultButton()->click(); // "Keep running"
    QTest::qWait(50);
    QVERIFY(window->isVisible());
    QCOMPARE(m_queue->at(0).state, Transfer::State::NeedsDecision);

    window->close();
    QVERIFY(QTest::qWaitFor(
        [&] {
            return (ask = window->findChild<QMessageBox *>(QStringLiteral("quitWithTransfers"))) && ask->isVisible();
        },
        5000));
    click(ask, "cancelAndQuit");
    QVERIFY(QTest::qWaitFor([&] { return !window->isVisible(); }, 10000));
    QCOMPARE(m_queue->at(0).state, Transfer::State::Cancelled);
    QCOMPARE(digestAt(*m_production, App, QStringLiteral("2.0")).isValid(), true); // untouched
}

namespace {

// The transfer delegate's bar at progress, painted into a 200x24 image on
// background, with view's style and palette.
QImage renderBar(QTreeView *view, double progress, const QColor &background)
{
    QStandardItemModel model(1, 1);
    model.setData(model.index(0, 0), progress, TransferModel::ProgressRole);
    TransferProgressDelegate delegate;
    QImage image(200, 24, QImage::Format_ARGB32);
    image.fill(background);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = image.rect();
    option.state |= QStyle::State_Enabled;
    delegate.paint(&painter, option, model.index(0, 0));
    painter.end();
    return image;
}

int colourDistance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

} // namespace

void TestPromote::progressDelegateFillsHalfTheBar()
{
    QTreeView view; // gives the delegate a widget and palette to paint with
    const QColor highlight = view.palette().color(QPalette::Highlight);
    // Share of pixels close to the highlight colour in a column band.
    auto filled = [&](const QImage &image, int fromX, int toX) {
        int close = 0, all = 0;
        for (int x = fromX; x < toX; ++x)
            for (int y = 6; y < 18; ++y) {
                close += colourDistance(image.pixelColor(x, y), highlight) < 90;
                ++all;
            }
        return static_cast<double>(close) / all;
    };
    const QImage half = renderBar(&view, 0.5, Qt::white);
    half.save(m_dir.filePath(QStringLiteral("half.png")));
    // Left half filled, right half not (away from the centred "50%" text).
    QVERIFY2(filled(half, 10, 60) > 0.8, qPrintable(QString::number(filled(half, 10, 60))));
    QVERIFY2(filled(half, 140, 190) < 0.1, qPrintable(QString::number(filled(half, 140, 190))));
    QVERIFY(filled(renderBar(&view, 0.0, Qt::white), 10, 60) < 0.1);
    QVERIFY(filled(renderBar(&view, 1.0, Qt::white), 140, 190) > 0.8);
}

void TestPromote::emptyPartOfTheBarShowsInADarkPalette()
{
    // With Fusion and a dark palette the bar's empty part was the row's own
    // colour: an empty bar looked like no bar at all.
    QTreeView view;
    const QPalette dark = darkPalette();
    view.setPalette(dark);
    const QColor row = dark.color(QPalette::Base);
    // Inside the bar, away from its edges: visibly not the row's colour.
    const QColor inside = renderBar(&view, 0.0, row).pixelColor(100, 12);
    QVERIFY2(colourDistance(inside, row) >= 30, qPrintable(QStringLiteral("%1 against %2").arg(inside.name(), row.name())));
}

void TestPromote::signaturePolicyRefusesThePromotion()
{
    // A policy that refuses everything from staging (containers-policy.json).
    const QString path = m_dir.filePath(QStringLiteral("policy.json"));
    const EnforcedTrustPolicy refuseStaging = policyFile(QStringLiteral("policy.json"),
        QStringLiteral(R"({"default":[{"type":"insecureAcceptAnything"}],"transports":{"docker":{"%1":[{"type":"reject"}]}}})")
            .arg(m_staging->hostAndPort()));
    QVERIFY2(refuseStaging.policy, qPrintable(refuseStaging.error));
    const auto promoteWith = [this](EnforcedTrustPolicy trust) -> QString {
        m_finished.reset();
        m_queue = std::make_unique<TransferQueue>(m_engine.get(), &m_network, m_history.get(), std::move(trust));
        m_finished = std::make_unique<QSignalSpy>(m_queue.get(), &TransferQueue::transferFinished);
        auto window = openWindow();
        if (!window)
            return QStringLiteral("no window");
        RegistryPane *staging = window->panes().at(0);
        std::unique_ptr<QMimeData> data(staging->tagModel()->mimeData({tagIndex(staging, QStringLiteral("2.0"))}));
        window->panes().at(1)->tagModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, {});
        PromoteDialog *dialog = waitForDialog(window.get());
        if (!dialog)
            return QStringLiteral("no dialog");
        click(dialog, "promote");
        const quint64 id = waitForFinished();
        const int row = m_queue->rowOf(id);
        if (m_queue->at(row).state != Transfer::State::Failed)
            return QStringLiteral("not refused");
        return window->transferDock()->model()->index(row, TransferModel::StateColumn).data().toString();
    };
    QString shown = promoteWith(refuseStaging);
    QVERIFY2(shown.contains(QStringLiteral("Failed: the signature policy %1 rejects docker://").arg(path)), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("requirement reject")), qPrintable(shown));
    Error resolved;
    QVERIFY(!digestAt(*m_production, App, QStringLiteral("2.0"), &resolved).isValid());
    // A policy file that cannot be used refuses too (never "unchecked").
    shown = promoteWith(EnforcedTrustPolicy {nullptr, QStringLiteral("%1: unknown field \"keyPth\"").arg(path), nullptr});
    QVERIFY2(shown.contains(QStringLiteral("signature policy cannot be used")), qPrintable(shown));
    QVERIFY(!digestAt(*m_production, App, QStringLiteral("2.0"), &resolved).isValid());
    // The default policy on this machine accepts it.
    shown = promoteWith(EnforcedTrustPolicy {});
    QCOMPARE(shown, QStringLiteral("not refused"));
    QVERIFY(digestAt(*m_production, App, QStringLiteral("2.0"), &resolved).isValid());
}

void TestPromote::promoteDialogShowsThePolicyDecision()
{
    // Only images signed by this key may be promoted: 1.4.3 is, 1.4.2 has a
    // tampered signature, 2.0 none.
    CosignSigner signer(m_dir.path());
    QVERIFY(signer.makeKey(QStringLiteral("promote-key"), QStringLiteral("EC")));
    RawRegistry staging(m_staging->baseUrl());
    for (const QString &tag : {QStringLiteral("1.4.3"), QStringLiteral("1.4.2")}) {
        const Digest digest = digestAt(*m_staging, App, tag);
        QVERIFY(digest.isValid());
        QVERIFY(signer.sign(staging, App, digest.toString(), m_staging->hostAndPort() + QLatin1Char('/') + App + QLatin1Char(':') + tag,
            QStringLiteral("promote-key"), tag == QLatin1String("1.4.2")));
    }
    QString path = m_dir.filePath(QStringLiteral("signed-policy.json"));
    m_trust = policyFile(QStringLiteral("signed-policy.json"),
        QStringLiteral(R"({"default":[{"type":"sigstoreSigned","keyPath":"%1"}]})").arg(signer.publicKey(QStringLiteral("promote-key"))));
    QVERIFY2(m_trust.policy, qPrintable(m_trust.error));
    m_queue = std::make_unique<TransferQueue>(m_engine.get(), &m_network, m_history.get(), m_trust);
    m_finished = std::make_unique<QSignalSpy>(m_queue.get(), &TransferQueue::transferFinished);
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *source = window->panes().at(0);
    const auto previewOf = [&](const QString &tag, QString *summary, bool *promotable) -> QString {
        PromoteDialog *dialog = dropOntoSecondPane(window.get(), tag);
        if (!dialog || !QTest::qWaitFor([&] { return dialog->isPreviewComplete(); }, 10000))
            return QStringLiteral("no preview");
        const QString outcome = child<QTreeWidget>(dialog, "promotePreview")->topLevelItem(0)->text(2);
        const QString tooltip = child<QTreeWidget>(dialog, "promotePreview")->topLevelItem(0)->toolTip(2);
        if (outcome.startsWith(QStringLiteral("Refused")) && !tooltip.contains(QStringLiteral("the signature policy %1 rejects").arg(path)))
            return QStringLiteral("the tooltip does not name the policy: ") + tooltip;
        *summary = text(dialog, "promoteSummary");
        *promotable = child<QPushButton>(dialog, "promote")->isEnabled();
        dialog->reject();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        return outcome;
    };
    QString summary;
    bool promotable = true;
    QString outcome = previewOf(QStringLiteral("2.0"), &summary, &promotable);
    QVERIFY2(outcome.startsWith(QStringLiteral("Refused by the signature policy: no signature exists")), qPrintable(outcome));
    QVERIFY2(summary.contains(QStringLiteral("refused by the signature policy")), qPrintable(summary));
    QVERIFY(!promotable);
    outcome = previewOf(QStringLiteral("1.4.2"), &summary, &promotable);
    QVERIFY2(outcome.contains(QStringLiteral("not made by the configured key")), qPrintable(outcome));
    QVERIFY(!promotable);
    outcome = previewOf(QStringLiteral("1.4.3"), &summary, &promotable);
    QCOMPARE(outcome, QStringLiteral("New tag · signature verified"));
    QVERIFY(promotable);

    // Under a signedBy (GPG) policy: 1.4.3 signed with the key (gpg, into
    // the lookaside), 1.4.2 with a tampered signature, 2.0 unsigned.
    GpgSigner gpg(m_dir.filePath(QStringLiteral("gpg")));
    QVERIFY2(gpg.makeKey(QStringLiteral("gpg-promote")), qPrintable(gpg.error()));
    for (const QString &tag : {QStringLiteral("1.4.3"), QStringLiteral("1.4.2")})
        QVERIFY2(gpg.sign(lookaside(), App, digestAt(*m_staging, App, tag).toString(),
                     m_staging->hostAndPort() + QLatin1Char('/') + App + QLatin1Char(':') + tag,
                     QStringLiteral("gpg-promote"), tag == QLatin1String("1.4.2")),
            qPrintable(gpg.error()));
    path = m_dir.filePath(QStringLiteral("gpg-policy.json"));
    m_trust = policyFile(QStringLiteral("gpg-policy.json"),
        QStringLiteral(R"({"default":[{"type":"signedBy","keyType":"GPGKeys","keyPath":"%1"}]})")
            .arg(gpg.publicKeyFile(QStringLiteral("gpg-promote"))));
    QVERIFY2(m_trust.policy, qPrintable(m_trust.error));
    window.reset();
    window = openWindow();
    QVERIFY(window);
    source = window->panes().at(0);
    // The tag table says so before anything is dragged.
    const auto mark = [&](const QString &tag) {
        return source->tagModel()->index(source->tagModel()->rowOf(tag), TagTableModel::SignatureColumn).data().toString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(mark(QStringLiteral("1.4.3")) == QStringLiteral("verified"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(mark(QStringLiteral("1.4.2")), QStringLiteral("fails verification"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(mark(QStringLiteral("2.0")), QStringLiteral("unsigned"), 15000);
    outcome = previewOf(QStringLiteral("2.0"), &summary, &promotable);
    QVERIFY2(outcome.contains(QStringLiteral("no GPG signature exists")), qPrintable(outcome));
    QVERIFY2(!promotable, qPrintable(summary + QStringLiteral(" | ") + outcome));
    outcome = previewOf(QStringLiteral("1.4.2"), &summary, &promotable);
    QVERIFY2(outcome.contains(QStringLiteral("does not match what it signs")), qPrintable(outcome));
    QVERIFY(!promotable);
    outcome = previewOf(QStringLiteral("1.4.3"), &summary, &promotable);
    QCOMPARE(outcome, QStringLiteral("New tag · signature verified"));
    QVERIFY(promotable);
}

void TestPromote::supplyChainTabListsWhatIsAttached()
{
    // 1.4.3: a good signature, an attestation and an SBOM referrer; 1.4.2:
    // a tampered signature.
    CosignSigner signer(m_dir.path());
    QVERIFY(signer.makeKey(QStringLiteral("chain-key"), QStringLiteral("EC")));
    RawRegistry staging(m_staging->baseUrl());
    const Digest good = digestAt(*m_staging, App, QStringLiteral("1.4.3"));
    const Digest bad = digestAt(*m_staging, App, QStringLiteral("1.4.2"));
    const QString name = m_staging->hostAndPort() + QLatin1Char('/') + App;
    QVERIFY(signer.sign(staging, App, good.toString(), name + QStringLiteral(":1.4.3"), QStringLiteral("chain-key")));
    QVERIFY(signer.sign(staging, App, bad.toString(), name + QStringLiteral(":1.4.2"), QStringLiteral("chain-key"), true));
    const QByteArray envelope = R"({"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]})";
    QVERIFY(!CosignSigner::pushAttachment(staging, App, good.toString(),
        {QJsonObject {{QStringLiteral("mediaType"), QStringLiteral("application/vnd.dsse.envelope.v1+json")},
            {QStringLiteral("digest"), staging.pushBlob(App, envelope)}, {QStringLiteral("size"), envelope.size()},
            {QStringLiteral("annotations"), QJsonObject {{QStringLiteral("predicateType"), QStringLiteral("https://slsa.dev/provenance/v0.2")}}}}})
                 .isEmpty());
    // pushAttachment tags ".sig": move it to ".att" (the signature is pushed again after).
    const QJsonObject att = QJsonDocument::fromJson(staging.request("GET", QStringLiteral("/v2/%1/manifests/%2").arg(App, CosignSigner::attachmentTag(good.toString())), {},
        {{"Accept", "application/vnd.oci.image.manifest.v1+json"}}).body).object();
    QVERIFY(!staging.pushManifest(App, CosignSigner::attachmentTag(good.toString(), QStringLiteral("att")),
        QStringLiteral("application/vnd.oci.image.manifest.v1+json"), QJsonDocument(att).toJson(QJsonDocument::Compact)).isEmpty());
    QVERIFY(signer.sign(staging, App, good.toString(), name + QStringLiteral(":1.4.3"), QStringLiteral("chain-key")));
    QVERIFY(!pushReferrer(staging, App, good.toString(), QStringLiteral("application/spdx+json"),
        R"({"spdxVersion":"SPDX-2.3","packages":[{"name":"busybox","versionInfo":"1.36.1"},{"name":"musl","versionInfo":"1.2.4"}]})")
                 .isEmpty());

    // And a GPG signature of 1.4.3 in the lookaside; the policy wants both.
    GpgSigner gpg(m_dir.filePath(QStringLiteral("chain-gpg")));
    QVERIFY2(gpg.makeKey(QStringLiteral("chain-gpg")), qPrintable(gpg.error()));
    QVERIFY2(gpg.sign(lookaside(), App, good.toString(), name + QStringLiteral(":1.4.3"), QStringLiteral("chain-gpg")),
        qPrintable(gpg.error()));
    m_trust = policyFile(QStringLiteral("chain-policy.json"),
        QStringLiteral(R"({"default":[{"type":"sigstoreSigned","keyPath":"%1"},)"
                       R"({"type":"signedBy","keyType":"GPGKeys","keyPath":"%2"}]})")
            .arg(signer.publicKey(QStringLiteral("chain-key")), gpg.publicKeyFile(QStringLiteral("chain-gpg"))));
    QVERIFY2(m_trust.policy, qPrintable(m_trust.error));
    auto window = openWindow();
    QVERIFY(window);
    RegistryPane *pane = window->panes().at(0);
    auto *details = pane->findChild<DetailsPanel *>();
    QVERIFY(details);
    child<QTabWidget>(details, "detailsTabs")->setCurrentWidget(details->supplyChain());
    QSignalSpy listed(details->supplyChain(), &SupplyChainView::listed);
    QVERIFY(selectTag(pane, QStringLiteral("1.4.3")));
    QVERIFY(listed.wait(10000));
    QTreeWidget *list = details->supplyChain()->list();
    const auto group = [&](const QString &title) -> QTreeWidgetItem * {
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->text(0) == title)
                return list->topLevelItem(i);
        return nullptr;
    };
    QVERIFY(group(QStringLiteral("Signatures")) && group(QStringLiteral("Attestations")) && group(QStringLiteral("SBOMs")));
    QCOMPARE(group(QStringLiteral("Signatures"))->child(0)->text(2), QStringLiteral("verified with the signature policy's key"));
    QCOMPARE(group(QStringLiteral("Attestations"))->child(0)->text(1), QStringLiteral("https://slsa.dev/provenance/v0.2"));
    QCOMPARE(group(QStringLiteral("SBOMs"))->child(0)->text(1), QStringLiteral("application/spdx+json"));
    QTreeWidgetItem *gpgRow = group(QStringLiteral("Signatures"))->child(1);
    QVERIFY(gpgRow);
    QCOMPARE(gpgRow->text(1), QStringLiteral("GPG, signed as %1:1.4.3").arg(name));
    QCOMPARE(gpgRow->text(2), QStringLiteral("verified with the signature policy's key %1").arg(gpg.fingerprint(QStringLiteral("chain-gpg"))));
    QCOMPARE(text(details, "supplyChainStatus"), QStringLiteral("2 of 2 signature(s) verified."));
    // The GPG signature opens as what it signs.
    list->setCurrentItem(gpgRow);
    QTRY_VERIFY(child<QPlainTextEdit>(details, "supplyChainDocument")->toPlainText().contains(QStringLiteral("atomic container signature")));
    if (qEnvironmentVariableIsSet("CROSSDOCK_SHOT")) // to look at it: CROSSDOCK_SHOT=file.png
        window->grab().save(qEnvironmentVariable("CROSSDOCK_SHOT"));
    // The SBOM opens as its package list.
    QSignalSpy opened(details->supplyChain(), &SupplyChainView::opened);
    list->setCurrentItem(group(QStringLiteral("SBOMs"))->child(0));
    QVERIFY(opened.wait(10000));
    const QString document = child<QPlainTextEdit>(details, "supplyChainDocument")->toPlainText();
    QVERIFY2(document.startsWith(QStringLiteral("2 package(s):\nbusybox 1.36.1\nmusl 1.2.4\n")), qPrintable(document));

    // The tampered one says why it is not verified.
    QVERIFY(selectTag(pane, QStringLiteral("1.4.2")));
    QVERIFY(listed.wait(10000));
    QVERIFY(group(QStringLiteral("Signatures")));
    QCOMPARE(group(QStringLiteral("Signatures"))->child(0)->text(2), QStringLiteral("not verified: the signature was not made by the configured key"));
    QVERIFY(!group(QStringLiteral("SBOMs")));
    QCOMPARE(text(details, "supplyChainStatus"), QStringLiteral("Signed, but no signature verified (see each for why)."));
    // And an unsigned one.
    QVERIFY(selectTag(pane, QStringLiteral("2.0")));
    QVERIFY(listed.wait(10000) || text(details, "supplyChainStatus").startsWith(QStringLiteral("Nothing is attached")));
    QTRY_COMPARE(text(details, "supplyChainStatus"), QStringLiteral("Nothing is attached: no signature, attestation, SBOM or other referrer."));
}

void TestPromote::attachedArtifactsTravelWithAPromotion()
{
    CosignSigner signer(m_dir.path());
    QVERIFY(signer.makeKey(QStringLiteral("travel-key"), QStringLiteral("EC")));
    RawRegistry staging(m_staging->baseUrl());
    const Digest signedImage = digestAt(*m_staging, App, QStringLiteral("1.4.3"));
    const Digest other = digestAt(*m_staging, App, QStringLiteral("1.4.2"));
    const QString name = m_staging->hostAndPort() + QLatin1Char('/') + App;
    QVERIFY(signer.sign(staging, App, signedImage.toString(), name + QStringLiteral(":1.4.3"), QStringLiteral("travel-key")));
    QVERIFY(signer.sign(staging, App, other.toString(), name + QStringLiteral(":1.4.2"), QStringLiteral("travel-key")));
    // An SBOM referrer of 1.4.3, listed in the tag schema's index.
    const QJsonObject sbom = pushReferrer(staging, App, signedImage.toString(), QStringLiteral("application/spdx+json"),
        R"({"spdxVersion":"SPDX-2.3","packages":[]})");
    QVERIFY(!sbom.isEmpty());
    const QString artifactDigest = sbom.value(QStringLiteral("digest")).toString();
    const QString fallbackTag = QString(signedImage.toString()).replace(QLatin1Char(':'), QLatin1Char('-'));

    auto window = openWindow();
    QVERIFY(window);
    const auto promote = [&](const QString &tag, bool keepSignatures) {
        PromoteDialog *dialog = dropOntoSecondPane(window.get(), tag);
        if (!dialog)
            return false;
        // On by default: the user sees what will go with the image.
        if (!child<QCheckBox>(dialog, "keepSignatures")->isChecked() || !child<QCheckBox>(dialog, "copyReferrers")->isChecked())
            return false;
        child<QCheckBox>(dialog, "keepSignatures")->setChecked(keepSignatures);
        click(dialog, "promote");
        const quint64 id = waitForFinished(static_cast<int>(m_finished->size()) + 1);
        return m_queue->at(m_queue->rowOf(id)).state == Transfer::State::Copied;
    };
    QVERIFY(promote(QStringLiteral("1.4.3"), true));
    const auto tagAtProduction = [&](const QString &tag) {
        return RawRegistry(m_production->baseUrl()).request("HEAD", QStringLiteral("/v2/%1/manifests/%2").arg(App, tag), {},
                   {{"Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json"}}).status;
    };
    QCOMPARE(tagAtProduction(CosignSigner::attachmentTag(signedImage.toString())), 200);
    QCOMPARE(tagAtProduction(fallbackTag), 200);
    QCOMPARE(tagAtProduction(artifactDigest), 200);
    // Signatures left behind when asked.
    QVERIFY(promote(QStringLiteral("1.4.2"), false));
    QVERIFY(digestAt(*m_production, App, QStringLiteral("1.4.2")).isValid());
    QCOMPARE(tagAtProduction(CosignSigner::attachmentTag(other.toString())), 404);
    // Promoted again with them: the tag is up to date, and the signature it
    // lacks (as if made after the first promotion) arrives all the same.
    PromoteDialog *dialog = dropOntoSecondPane(window.get(), QStringLiteral("1.4.2"));
    QVERIFY(dialog);
    click(dialog, "promote");
    const quint64 id = waitForFinished(static_cast<int>(m_finished->size()) + 1);
    const int row = m_queue->rowOf(id);
    QCOMPARE(m_queue->at(row).state, Transfer::State::UpToDate);
    QCOMPARE(tagAtProduction(CosignSigner::attachmentTag(other.toString())), 200);
    TransferModel model(m_queue.get());
    QCOMPARE(model.index(row, TransferModel::StateColumn).data().toString(), QStringLiteral("Up to date; 1 signature(s) added"));
    QVERIFY(model.index(row, TransferModel::StateColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("1 signature(s) added")));
    // And once more: nothing left to add.
    dialog = dropOntoSecondPane(window.get(), QStringLiteral("1.4.2"));
    QVERIFY(dialog);
    click(dialog, "promote");
    const quint64 again = waitForFinished(static_cast<int>(m_finished->size()) + 1);
    QCOMPARE(m_queue->at(m_queue->rowOf(again)).state, Transfer::State::UpToDate);
    QCOMPARE(model.index(m_queue->rowOf(again), TransferModel::StateColumn).data().toString(), QStringLiteral("Up to date"));
}

void TestPromote::promotionSignsWithAnUnlockedKey()
{
    // A key made and unlocked as the dialog's "Choose a key file…" would.
    QByteArray privateFile, publicPem;
    QString error;
    QVERIFY2(SigstorePrivateKey::generate("sesame", &privateFile, &publicPem, &error), qPrintable(error));
    const QString keyPath = m_dir.filePath(QStringLiteral("gui-signing.private"));
    const QString publicPath = m_dir.filePath(QStringLiteral("gui-signing.pub"));
    for (const auto &[path, bytes] : {std::pair {keyPath, privateFile}, std::pair {publicPath, publicPem}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    QSignalSpy failed(&m_signingKeys, &SigningKeys::failed);
    m_signingKeys.unlock(keyPath, "not it");
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("wrong passphrase")), qPrintable(failed.first().at(1).toString()));
    QSignalSpy unlocked(&m_signingKeys, &SigningKeys::unlocked);
    m_signingKeys.unlock(keyPath, "sesame");
    QVERIFY(unlocked.wait(10000));

    auto window = openWindow();
    QVERIFY(window);
    PromoteDialog *dialog = dropOntoSecondPane(window.get(), QStringLiteral("2.0"));
    QVERIFY(dialog);
    auto *signWith = child<QComboBox>(dialog, "signWith");
    QCOMPARE(signWith->itemText(0), QStringLiteral("Don't sign"));
    const int index = signWith->findData(keyPath);
    QVERIFY(index > 0);
    signWith->setCurrentIndex(index);
    Q_EMIT signWith->activated(index);
    QVERIFY2(text(dialog, "promoteSummary").contains(QStringLiteral("will be signed with gui-signing.private")),
        qPrintable(text(dialog, "promoteSummary")));
    click(dialog, "promote");
    const quint64 id = waitForFinished();
    QCOMPARE(m_queue->at(m_queue->rowOf(id)).state, Transfer::State::Copied);
    // The production copy verifies under a policy with that key, naming production's tag.
    const QString policy = m_dir.filePath(QStringLiteral("gui-signing-policy.json"));
    QFile file(policy);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(R"({"default":[{"type":"sigstoreSigned","keyPath":"%1"}]})").arg(publicPath).toUtf8());
    file.close();
    const ProcessResult verified = runCli({QStringLiteral("--policy"), policy, QStringLiteral("copy"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("docker://%1/%2:2.0").arg(m_production->hostAndPort(), App),
        QStringLiteral("docker://%1/%2:verified").arg(m_production->hostAndPort(), App)});
    QVERIFY2(verified.exitCode == 0, verified.err.constData());
}

void TestPromote::promotionSignsWithAGpgKey()
{
    // A GPG key in a keyring of the test's own, offered by "Sign with".
    GpgSigner gpg(m_dir.filePath(QStringLiteral("gui-gpg")));
    QVERIFY2(gpg.makeKey(QStringLiteral("gui-gpg")), qPrintable(gpg.error()));
    const QByteArray previousHome = qgetenv("GNUPGHOME");
    qputenv("GNUPGHOME", gpg.home().toLocal8Bit());
    const auto restore = qScopeGuard([&] {
        if (previousHome.isEmpty())
            qunsetenv("GNUPGHOME");
        else
            qputenv("GNUPGHOME", previousHome);
    });
    // Where GPG signatures go: the registries.d the policy is loaded with.
    const QString acceptAll = QStringLiteral(R"({"default":[{"type":"insecureAcceptAnything"}]})");
    m_trust = policyFile(QStringLiteral("gui-gpg-policy.json"), acceptAll);
    QVERIFY2(m_trust.policy && m_trust.lookaside, qPrintable(m_trust.error));
    m_queue = std::make_unique<TransferQueue>(m_engine.get(), &m_network, m_history.get(), m_trust);
    m_finished = std::make_unique<QSignalSpy>(m_queue.get(), &TransferQueue::transferFinished);

    auto window = openWindow();
    QVERIFY(window);
    PromoteDialog *dialog = dropOntoSecondPane(window.get(), QStringLiteral("2.0"));
    QVERIFY(dialog);
    auto *signWith = child<QComboBox>(dialog, "signWith");
    const QString item = QStringLiteral("gpg:") + gpg.fingerprint(QStringLiteral("gui-gpg"));
    const QString fingerprint = gpg.fingerprint(QStringLiteral("gui-gpg"));
    QTRY_VERIFY_WITH_TIMEOUT(signWith->findData(item) > 0, 10000);
    const int index = signWith->findData(item);
    QCOMPARE(signWith->itemText(index),
        QStringLiteral("GPG: Crossdock test gui-gpg <gui-gpg@crossdock.test> (%1)").arg(fingerprint.right(16)));
    signWith->setCurrentIndex(index);
    Q_EMIT signWith->activated(index);
    QVERIFY2(text(dialog, "promoteSummary").contains(QStringLiteral("a GPG signature naming its tag, made with key %1").arg(fingerprint.right(16))),
        qPrintable(text(dialog, "promoteSummary")));
    if (qEnvironmentVariableIsSet("CROSSDOCK_SHOT")) // to look at it: CROSSDOCK_SHOT=file.png
        dialog->grab().save(qEnvironmentVariable("CROSSDOCK_SHOT"));
    click(dialog, "promote");
    const quint64 id = waitForFinished();
    QCOMPARE(m_queue->at(m_queue->rowOf(id)).state, Transfer::State::Copied);
    const Digest promoted = digestAt(*m_production, App, QStringLiteral("2.0"));
    QVERIFY(QFile::exists(GpgSigner::signatureFile(lookaside(), App, promoted.toString())));

    // skopeo accepts the promoted image under a signedBy policy with that key.
    const QString policy = m_dir.filePath(QStringLiteral("gui-gpg-signedby.json"));
    QFile file(policy);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(R"({"default":[{"type":"signedBy","keyType":"GPGKeys","keyPath":"%1"}]})")
                   .arg(gpg.publicKeyFile(QStringLiteral("gui-gpg")))
                   .toUtf8());
    file.close();
    const ProcessResult accepted = runProcess(QStringLiteral("skopeo"),
        {QStringLiteral("--policy"), policy, QStringLiteral("--registries.d"), m_dir.filePath(QStringLiteral("registries.d")),
            QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
            QStringLiteral("docker://%1/%2:2.0").arg(m_production->hostAndPort(), App),
            QStringLiteral("dir:") + m_dir.filePath(QStringLiteral("gui-gpg-out"))});
    QVERIFY2(accepted.exitCode == 0, accepted.err.constData());
}

QTEST_MAIN(TestPromote)
#include "test_promote.moc"
