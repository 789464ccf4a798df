// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The browser's models, fed by a real registry and checked by
// QAbstractItemModelTester: the repository tree (catalog read page by page),
// the tag table (rows as pages arrive, summaries filled in, sorting across
// every tag once loaded, the content cache making a reopen cost one HEAD per
// tag) and the pattern filter.
#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/image/imageconfig.h"
#include "core/registry/fetchblobjob.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/trust/trustpolicy.h"
#include "cosignsigner.h"
#include "faultproxy.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "fixtures.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"
#include "ui/browse/patternfilterproxy.h"
#include "ui/browse/repositorytreemodel.h"
#include "ui/browse/tagtablemodel.h"

#include <QFile>
#include <QIcon>
#include <QImage>
#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QStandardItemModel>
#include <QTemporaryDir>

using namespace crossdock;
using namespace crossdock::test;

class TestBrowseModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeGroupsRepositoriesPageByPage();
    void hiddenCatalogIsReported();
    void tagTableFillsInSummaries();
    void signatureColumnSaysVerifiedOrNot();
    void sortsAcrossAllTagsOnceLoaded();
    void reopeningUsesTheCache();
    void filterModes();
    void localFolderBrowsesLikeARegistry();

private:
    std::unique_ptr<RegistryClient> client(const QString &hostAndPort, const Credentials &credentials = {})
    {
        return std::make_unique<RegistryClient>(hostAndPort, TlsSettings(), credentials, &m_network);
    }
    // Loads every summary of a repository's tags.
    bool loadAll(TagTableModel &model);

    std::unique_ptr<RegistrySet> m_set;
    QNetworkAccessManager m_network;
    QTemporaryDir m_cacheDir;
};

void TestBrowseModels::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous | RegistrySet::Token);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

bool TestBrowseModels::loadAll(TagTableModel &model)
{
    // Spins a real event loop (QTest::qWaitFor sleeps 10 ms a round, which
    // would make thousands of small requests crawl).
    QSignalSpy finished(&model, &TagTableModel::listFinished);
    QSignalSpy progress(&model, &TagTableModel::loadProgress);
    model.load();
    if (!finished.wait(20000))
        return false;
    while (model.loadedCount() < model.rowCount()) {
        if (!progress.wait(20000))
            return false;
    }
    return true;
}

void TestBrowseModels::treeGroupsRepositoriesPageByPage()
{
    auto registry = client(m_set->anonymous()->hostAndPort());
    RepositoryTreeModel model(ImageSource::registry(registry.get()), nullptr, 2); // two repositories a page
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(&model, &RepositoryTreeModel::catalogPageLoaded);
    // (The tester itself may already have asked for the first page.)
    while (!model.catalogExhausted()) {
        if (model.canFetchMore({}))
            model.fetchMore({});
        QVERIFY(pages.wait(10000));
    }
    QVERIFY2(pages.count() >= 3, "the catalog was not read page by page");
    QCOMPARE(pages.last().at(0).toInt(), Fixtures::repositories().size());
    // a/b/c sits under a -> b; fixtures/* under fixtures.
    const QModelIndex a = model.index(0, 0);
    QCOMPARE(a.data().toString(), QStringLiteral("a"));
    QVERIFY(!a.data(RepositoryTreeModel::IsRepositoryRole).toBool());
    const QModelIndex c = model.indexOfPath(Fixtures::Nested);
    QVERIFY(c.isValid());
    QCOMPARE(c.parent().data().toString(), QStringLiteral("b"));
    QVERIFY(c.data(RepositoryTreeModel::IsRepositoryRole).toBool());
    // A selected repository keeps a visible icon: white, not the highlight's blue.
    const QIcon icon = c.data(Qt::DecorationRole).value<QIcon>();
    const QImage normal = icon.pixmap(16, QIcon::Normal).toImage();
    const QImage selected = icon.pixmap(16, QIcon::Selected).toImage();
    auto whitePixels = [](const QImage &image) {
        int white = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor p = image.pixelColor(x, y);
                white += p.alpha() > 128 && p.red() > 230 && p.green() > 230 && p.blue() > 230;
            }
        return white;
    };
    QCOMPARE(whitePixels(normal), 0);
    QVERIFY2(whitePixels(selected) > 10, qPrintable(QString::number(whitePixels(selected))));
    const QModelIndex fixtures = model.indexOfPath(QStringLiteral("fixtures"));
    QStringList children;
    for (int row = 0; row < model.rowCount(fixtures); ++row)
        children << model.index(row, 0, fixtures).data().toString();
    QCOMPARE(children,
        (QStringList {QStringLiteral("docker-image"), QStringLiteral("docker-list"), QStringLiteral("many-tags"),
            QStringLiteral("oci-image"), QStringLiteral("oci-index"), QStringLiteral("real")}));
    // Adding by name (a bookmark) is idempotent.
    QCOMPARE(model.addRepository(Fixtures::OciImage), model.indexOfPath(Fixtures::OciImage));
    const QModelIndex bookmarked = model.addRepository(QStringLiteral("zz/bookmark"));
    QCOMPARE(bookmarked.data(RepositoryTreeModel::PathRole).toString(), QStringLiteral("zz/bookmark"));
}

void TestBrowseModels::hiddenCatalogIsReported()
{
    // The token registry grants no catalog to a reader.
    auto registry = client(m_set->token()->hostAndPort(), {RegistrySet::ReaderUser, RegistrySet::ReaderPassword, {}});
    RepositoryTreeModel model(ImageSource::registry(registry.get()));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy unavailable(&model, &RepositoryTreeModel::catalogUnavailable);
    model.fetchMore({});
    QVERIFY(unavailable.wait(10000));
    const auto error = unavailable.first().at(0).value<Error>();
    QVERIFY2(error.message.contains(QStringLiteral("does not list its repositories")), qPrintable(error.message));
    QVERIFY(!model.canFetchMore({}));
    model.addRepository(Fixtures::OciImage); // "Open repository…" still works
    QCOMPARE(model.rowCount(), 1);
}

void TestBrowseModels::tagTableFillsInSummaries()
{
    auto registry = client(m_set->anonymous()->hostAndPort());
    ContentCache cache(m_cacheDir.filePath(QStringLiteral("fill")));
    TagTableModel model(ImageSource::registry(registry.get()), &cache, Fixtures::OciIndex);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), 1);
    const auto &summary = model.summaryAt(0);
    QVERIFY(summary);
    QCOMPARE(summary->typeName(), QStringLiteral("OCI index"));
    QCOMPARE(summary->platforms,
        (QStringList {
            QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8"), QStringLiteral("linux/arm/v7")}));

    // Size and created, worked out independently from the registry's documents.
    FetchManifestJob index(registry.get(), Fixtures::OciIndex, QStringLiteral("multi"));
    QVERIFY(runJob(&index));
    QCOMPARE(summary->digest, index.manifest().digest());
    QSet<QString> seen;
    qint64 size = 0;
    QDateTime amd64Created;
    for (const Descriptor &child : index.manifest().manifests()) {
        FetchManifestJob image(registry.get(), Fixtures::OciIndex, child.digest.toString());
        QVERIFY(runJob(&image));
        for (const Descriptor &layer : image.manifest().layers()) {
            if (!seen.contains(layer.digest.toString()))
                size += layer.size;
            seen.insert(layer.digest.toString());
        }
        if (child.platform->architecture == QLatin1String("amd64")) {
            FetchBlobJob config(
                registry.get(), Fixtures::OciIndex, image.manifest().config().digest, ImageConfig::MaxSize);
            QVERIFY(runJob(&config));
            QString error;
            amd64Created = QDateTime::fromString(ImageConfig::parse(config.data(), &error)->created, Qt::ISODateWithMs);
        }
    }
    QCOMPARE(summary->compressedSize, size);
    QVERIFY(amd64Created.isValid());
    QCOMPARE(summary->created, amd64Created.toUTC());
    QCOMPARE(model.index(0, TagTableModel::TypeColumn).data().toString(), QStringLiteral("OCI index"));
    QCOMPARE(model.index(0, TagTableModel::DigestColumn).data().toString(), index.manifest().digest().shortHex());
}

void TestBrowseModels::signatureColumnSaysVerifiedOrNot()
{
    RegistryServer server {RegistryServer::Options()};
    QVERIFY2(server.isRunning(), qPrintable(server.errorText()));
    RawRegistry raw(server.baseUrl());
    QTemporaryDir keys;
    CosignSigner signer(keys.path());
    QVERIFY(signer.makeKey(QStringLiteral("k"), QStringLiteral("EC")));
    const QString repository = QStringLiteral("team/signed");
    // Four images (different sizes, different digests): good and tampered
    // signatures, none, and one signed for another image's name.
    const QStringList tags {QStringLiteral("good"), QStringLiteral("tampered"), QStringLiteral("none"), QStringLiteral("renamed")};
    for (int i = 0; i < tags.size(); ++i) {
        const QString digest = raw.pushConvertibleImage(repository, tags.at(i), 1000 + i);
        QVERIFY(!digest.isEmpty());
        if (tags.at(i) == QLatin1String("none"))
            continue;
        const QString identity = server.hostAndPort() + QLatin1Char('/') + repository + QLatin1Char(':')
            + (tags.at(i) == QLatin1String("renamed") ? QStringLiteral("other") : tags.at(i));
        QVERIFY(signer.sign(raw, repository, digest, identity, QStringLiteral("k"), tags.at(i) == QLatin1String("tampered")));
    }
    // "alias" is the same image as "good", but the signature names "good" only.
    const QByteArray goodManifest = raw.request("GET", QStringLiteral("/v2/%1/manifests/good").arg(repository), {},
                                          {{"Accept", "application/vnd.oci.image.manifest.v1+json"}}).body;
    QVERIFY(!raw.pushManifest(repository, QStringLiteral("alias"), QStringLiteral("application/vnd.oci.image.manifest.v1+json"),
        goodManifest).isEmpty());
    QString error;
    const std::optional<TrustPolicy> policy = TrustPolicy::parse(
        QStringLiteral(R"({"default":[{"type":"sigstoreSigned","keyPath":"%1"}]})").arg(signer.publicKey(QStringLiteral("k"))).toUtf8(),
        QStringLiteral("policy.json"), &error);
    QVERIFY2(policy, qPrintable(error));

    auto registry = client(server.hostAndPort());
    ContentCache cache(m_cacheDir.filePath(QStringLiteral("signed")));
    TagTableModel model(ImageSource::registry(registry.get()), &cache, repository, std::make_shared<const TrustPolicy>(*policy));
    model.setRegistryId(server.hostAndPort());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), 5 + 3); // and the three attachment tags
    const auto signature = [&](const QString &tag) {
        return model.index(model.rowOf(tag), TagTableModel::SignatureColumn).data().toString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(signature(QStringLiteral("renamed")) != QStringLiteral("checking…")
            && signature(QStringLiteral("alias")) != QStringLiteral("checking…")
            && signature(QStringLiteral("good")) != QStringLiteral("checking…")
            && signature(QStringLiteral("tampered")) != QStringLiteral("checking…"),
        10000);
    QCOMPARE(signature(QStringLiteral("good")), QStringLiteral("verified"));
    QCOMPARE(signature(QStringLiteral("tampered")), QStringLiteral("fails verification"));
    QCOMPARE(signature(QStringLiteral("renamed")), QStringLiteral("fails verification"));
    QCOMPARE(signature(QStringLiteral("alias")), QStringLiteral("fails verification")); // same digest, another tag
    QCOMPARE(signature(QStringLiteral("none")), QStringLiteral("unsigned"));
    // And an icon beside the tag for the two verdicts that matter.
    const auto icon = [&](const QString &tag) {
        return model.index(model.rowOf(tag), TagTableModel::TagColumn).data(Qt::DecorationRole).value<QIcon>();
    };
    const auto pixels = [](const QIcon &i) { return i.pixmap(16, 16).toImage(); };
    QVERIFY(QFile::exists(QStringLiteral(":/icons/signature-verified.svg")));
    QCOMPARE(pixels(icon(QStringLiteral("good"))), pixels(QIcon(QStringLiteral(":/icons/signature-verified.svg"))));
    QCOMPARE(pixels(icon(QStringLiteral("tampered"))), pixels(QIcon(QStringLiteral(":/icons/signature-failed.svg"))));
    QVERIFY(pixels(icon(QStringLiteral("good"))) != pixels(icon(QStringLiteral("tampered"))));
    QVERIFY(icon(QStringLiteral("none")).isNull());
    const QString why = model.index(model.rowOf(QStringLiteral("tampered")), TagTableModel::SignatureColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(why.contains(QStringLiteral("not made by the configured key")), qPrintable(why));
    QVERIFY(model.index(model.rowOf(QStringLiteral("none")), TagTableModel::SignatureColumn).data(Qt::ToolTipRole).toString()
                .contains(QStringLiteral("requires a signature")));
    // The attachment tags are not images to mark.
    QCOMPARE(signature(CosignSigner::attachmentTag(model.summaryAt(model.rowOf(QStringLiteral("good")))->digest.toString())), QString());

    // Without a policy: signed or unsigned, nothing verified.
    TagTableModel plain(ImageSource::registry(registry.get()), &cache, repository);
    QVERIFY(loadAll(plain));
    QCOMPARE(plain.index(plain.rowOf(QStringLiteral("tampered")), TagTableModel::SignatureColumn).data().toString(), QStringLiteral("signed"));
    QCOMPARE(plain.index(plain.rowOf(QStringLiteral("none")), TagTableModel::SignatureColumn).data().toString(), QStringLiteral("unsigned"));
}

void TestBrowseModels::sortsAcrossAllTagsOnceLoaded()
{
    auto registry = client(m_set->anonymous()->hostAndPort());
    ContentCache cache(m_cacheDir.filePath(QStringLiteral("sort")));
    TagTableModel model(ImageSource::registry(registry.get()), &cache, Fixtures::ManyTags);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PatternFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(TagTableModel::SortRole);
    proxy.sort(TagTableModel::CreatedColumn, Qt::DescendingOrder);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy progress(&model, &TagTableModel::loadProgress);
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), Fixtures::ManyTagsCount);
    QCOMPARE(progress.last().at(0).toInt(), Fixtures::ManyTagsCount);
    QCOMPARE(progress.last().at(1).toInt(), Fixtures::ManyTagsCount);
    QTRY_VERIFY(proxy.index(0, 0).data(TagTableModel::LoadedRole).toBool()); // batched updates landed
    // Newest first, across all 2,500 rows.
    QDateTime previous;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QDateTime created
            = proxy.index(row, TagTableModel::CreatedColumn).data(TagTableModel::SortRole).toDateTime();
        QVERIFY2(created.isValid(), qPrintable(proxy.index(row, 0).data().toString()));
        if (row > 0)
            QVERIFY2(created <= previous, qPrintable(proxy.index(row, 0).data().toString()));
        previous = created;
    }
}

void TestBrowseModels::reopeningUsesTheCache()
{
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    auto registry = client(proxy.hostAndPort());
    ContentCache cache(m_cacheDir.filePath(QStringLiteral("reopen")));
    auto manifestGets = [&] {
        int gets = 0;
        for (const auto &request : proxy.requests())
            if (request.method == "GET"
                && (request.url.path().contains(QLatin1String("/manifests/"))
                    || request.url.path().contains(QLatin1String("/blobs/"))))
                ++gets;
        return gets;
    };
    {
        TagTableModel first(ImageSource::registry(registry.get()), &cache, Fixtures::OciImage);
        QVERIFY(loadAll(first));
        QVERIFY(manifestGets() > 0);
    }
    const int before = manifestGets();
    const auto requestsBefore = proxy.requests().size();
    TagTableModel again(ImageSource::registry(registry.get()), &cache, Fixtures::OciImage);
    QAbstractItemModelTester tester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAll(again));
    QCOMPARE(manifestGets(), before); // nothing downloaded again
    QCOMPARE(again.rowCount(), 2);
    // The tag list plus one HEAD per tag.
    QCOMPARE(proxy.requests().size() - requestsBefore, 1 + 2);
    QVERIFY(again.summaryAt(0).has_value() && again.summaryAt(1).has_value());
}

void TestBrowseModels::filterModes()
{
    QStandardItemModel source;
    for (const char *tag : {"v1.0", "v1.1", "v2.0-rc1", "latest", "app-1"})
        source.appendRow(new QStandardItem(QString::fromLatin1(tag)));
    PatternFilterProxy proxy;
    proxy.setSourceModel(&source);
    auto shown = [&] {
        QStringList rows;
        for (int row = 0; row < proxy.rowCount(); ++row)
            rows << proxy.index(row, 0).data().toString();
        return rows;
    };
    QVERIFY(proxy.setPattern(QStringLiteral("1."), PatternFilterProxy::Mode::Substring));
    QCOMPARE(shown(), (QStringList {QStringLiteral("v1.0"), QStringLiteral("v1.1")}));
    // A glob describes the whole name: v*.0 is v1.0, not v2.0-rc1.
    QVERIFY(proxy.setPattern(QStringLiteral("v*.0"), PatternFilterProxy::Mode::Glob));
    QCOMPARE(shown(), (QStringList {QStringLiteral("v1.0")}));
    QVERIFY(proxy.setPattern(QStringLiteral("v2*"), PatternFilterProxy::Mode::Glob));
    QCOMPARE(shown(), (QStringList {QStringLiteral("v2.0-rc1")}));
    QVERIFY(proxy.setPattern(QStringLiteral("^v\\d\\.\\d$"), PatternFilterProxy::Mode::Regex));
    QCOMPARE(shown(), (QStringList {QStringLiteral("v1.0"), QStringLiteral("v1.1")}));
    QVERIFY(!proxy.setPattern(QStringLiteral("v(1"), PatternFilterProxy::Mode::Regex));
    QVERIFY(proxy.patternError().contains(QStringLiteral("invalid pattern")));
    QCOMPARE(shown().size(), 5); // a half-typed expression hides nothing
}

void TestBrowseModels::localFolderBrowsesLikeARegistry()
{
    // Images copied into the local folder by the CLI, named repository:tag.
    const QString dir = m_cacheDir.filePath(QStringLiteral("local-store"));
    const QString source = QStringLiteral("docker://") + m_set->anonymous()->hostAndPort() + QLatin1Char('/');
    for (const auto &[from, to] :
        {std::pair {QString(Fixtures::OciImage + QStringLiteral(":1.0")), QStringLiteral("team/app:1.0")},
            std::pair {QString(Fixtures::OciIndex + QStringLiteral(":multi")), QStringLiteral("team/app:multi")},
            std::pair {QString(Fixtures::DockerImage + QStringLiteral(":2.1")), QStringLiteral("tools/x:2.1")}}) {
        const ProcessResult r
            = runCli({QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"),
                source + from, QStringLiteral("oci:") + dir + QLatin1Char(':') + to});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    LocalStore store(dir);
    RepositoryTreeModel tree(ImageSource::local(&store));
    QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    if (tree.canFetchMore({}))
        tree.fetchMore({});
    QVERIFY(tree.catalogExhausted());
    QVERIFY(tree.indexOfPath(QStringLiteral("team/app")).data(RepositoryTreeModel::IsRepositoryRole).toBool());
    QVERIFY(tree.indexOfPath(QStringLiteral("tools/x")).isValid());

    ContentCache cache; // the folder needs none
    TagTableModel tags(ImageSource::local(&store), &cache, QStringLiteral("team/app"));
    QAbstractItemModelTester tagTester(&tags, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAll(tags));
    QStringList names;
    for (int row = 0; row < tags.rowCount(); ++row)
        names << tags.tagAt(row);
    names.sort();
    QCOMPARE(names, (QStringList {QStringLiteral("1.0"), QStringLiteral("multi")}));
    // Same summaries as from the registry the images came from.
    auto registry = client(m_set->anonymous()->hostAndPort());
    TagTableModel remote(ImageSource::registry(registry.get()), &cache, Fixtures::OciIndex);
    QVERIFY(loadAll(remote));
    const auto &local = tags.summaryAt(tags.rowOf(QStringLiteral("multi")));
    QVERIFY(local && remote.summaryAt(0));
    QCOMPARE(local->digest, remote.summaryAt(0)->digest);
    QCOMPARE(local->platforms, remote.summaryAt(0)->platforms);
    QCOMPARE(local->compressedSize, remote.summaryAt(0)->compressedSize);
    QCOMPARE(local->created, remote.summaryAt(0)->created);

    // Removing a name leaves the others (and the data) in place.
    QString error;
    QVERIFY2(store.untag(QStringLiteral("team/app"), QStringLiteral("1.0"), &error), qPrintable(error));
    QCOMPARE(store.tags(QStringLiteral("team/app"), &error), QStringList {QStringLiteral("multi")});
    QVERIFY(!store.untag(QStringLiteral("team/app"), QStringLiteral("1.0"), &error));
    QVERIFY(error.contains(QStringLiteral("no image team/app:1.0")));
}

QTEST_MAIN(TestBrowseModels)
#include "test_browsemodels.moc"
