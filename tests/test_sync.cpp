// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// crossdock-cli sync against real registries: a 120-tag repository, a
// re-sync that copies nothing and downloads no manifest (requests counted
// through the fault proxy), YAML selections (list, regex, semver), a broken
// image with --keep-going, shards that split the work exactly, a re-run that
// completes only what is missing, naming (--scoped, --append-suffix) and an
// OCI-layout destination.
#include "core/transports/oci/ocilayout.h"
#include "faultproxy.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "registryset.h"
#include "testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace crossdock;
using namespace crossdock::test;

class TestSync : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void repositoryWithManyTags();
    void resyncCopiesNothingAndGetsNoManifest();
    void yamlSelections();
    void skopeoDocumentationExampleSelects();
    void wholeRegistryThroughTheCatalog();
    void keepGoingPastABrokenImage();
    void shardsSplitTheWorkExactly();
    void rerunCompletesOnlyWhatIsMissing();
    void namingAndLayoutDestination();
    void sharedBlobMovesOnce();
    void interruptedSyncResumes();
    void badInputIsNamed();

private:
    ProcessResult sync(const QStringList &arguments);
    QJsonObject report(const QStringList &arguments, ProcessResult *result = nullptr);
    QStringList tags(const QString &hostAndPort, const QString &repository);
    QString yamlFile(const QByteArray &content);

    std::unique_ptr<RegistryServer> m_source; // app: 120 tags of one image; versions: semver-ish tags
    std::unique_ptr<RegistryServer> m_destination;
    QTemporaryDir m_dir;
    QStringList m_appTags;
    QString m_sharedLayer;
};

void TestSync::initTestCase()
{
    m_source = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_source->isRunning(), qPrintable(m_source->errorText()));
    RawRegistry raw(m_source->baseUrl());
    // 120 tags: three different images, 40 tags each.
    for (int image = 0; image < 3; ++image) {
        const QString first = QStringLiteral("t%1-000").arg(image);
        QVERIFY2(!raw.pushSingleLayerImage(QStringLiteral("team/app"), first, 2048 + image).isEmpty(),
            qPrintable(raw.error()));
        const RawRegistry::Reply manifest = raw.request("GET", QStringLiteral("/v2/team/app/manifests/") + first, {},
            {{"Accept", "application/vnd.oci.image.manifest.v1+json"}});
        for (int i = 0; i < 40; ++i) {
            const QString tag = QStringLiteral("t%1-%2").arg(image).arg(i, 3, 10, QLatin1Char('0'));
            if (i > 0)
                QVERIFY(!raw.pushManifest(QStringLiteral("team/app"), tag,
                                QStringLiteral("application/vnd.oci.image.manifest.v1+json"), manifest.body)
                             .isEmpty());
            m_appTags << tag;
        }
    }
    for (const char *tag : {"1.0.0", "1.2.0", "2.0.0", "2.0.0-rc1", "latest"})
        QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("versions/tool"), QLatin1String(tag), 1024).isEmpty());
    QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("other/thing"), QStringLiteral("1"), 512).isEmpty());
    // The repositories of skopeo-sync(1)'s YAML example.
    for (const char *tag : {"1.36", "1.35-glibc", "latest"})
        QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("busybox"), QLatin1String(tag), 700).isEmpty());
    for (const char *tag : {"1.0", "2.0", "3.0"})
        QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("redis"), QLatin1String(tag), 710).isEmpty());
    for (const char *tag :
        {"1.13.1-alpine-perl", "1.13.2-alpine-perl", "1.13.3-alpine-perl", "1.13.1-alpine", "latest"})
        QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("nginx"), QLatin1String(tag), 720).isEmpty());
    QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("coreos/etcd"), QStringLiteral("latest"), 730).isEmpty());
    // Two repositories whose images share their (deterministic) layer.
    m_sharedLayer = raw.pushSingleLayerImage(QStringLiteral("shared/a"), QStringLiteral("1"), 300000);
    QVERIFY(!m_sharedLayer.isEmpty());
    QCOMPARE(raw.pushSingleLayerImage(QStringLiteral("shared/b"), QStringLiteral("1"), 300000), m_sharedLayer);
    m_appTags.sort();
}

void TestSync::init()
{
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
}

ProcessResult TestSync::sync(const QStringList &arguments)
{
    return runCli(QStringList {QStringLiteral("sync"), QStringLiteral("--tls-verify=false")} + arguments);
}

QJsonObject TestSync::report(const QStringList &arguments, ProcessResult *result)
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("report%1.json").arg(++n));
    const ProcessResult r = sync(arguments + QStringList {QStringLiteral("--report"), path});
    if (result)
        *result = r;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList TestSync::tags(const QString &hostAndPort, const QString &repository)
{
    const ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
        hostAndPort + QLatin1Char('/') + repository});
    QStringList list;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(QLatin1String("Tags")).toArray())
        list << v.toString();
    list.sort();
    return list;
}

QString TestSync::yamlFile(const QByteArray &content)
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("sync%1.yml").arg(++n));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

void TestSync::repositoryWithManyTags()
{
    ProcessResult r;
    const QJsonObject result
        = report({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     m_source->hostAndPort() + QStringLiteral("/team/app"),
                     m_destination->hostAndPort() + QStringLiteral("/mirror")},
            &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(result.value(QLatin1String("copied")).toInt(), 120);
    QCOMPARE(tags(m_destination->hostAndPort(), QStringLiteral("mirror/app")), m_appTags);
    // Same digests on both sides.
    for (const QJsonValue &v : result.value(QLatin1String("images")).toArray()) {
        const QJsonObject image = v.toObject();
        const ProcessResult digest = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
            QStringLiteral("--no-tags"), image.value(QLatin1String("destination")).toString()});
        QVERIFY(digest.out.contains(image.value(QLatin1String("digest")).toString().toUtf8()));
        break; // one is enough here: the copy engine's own tests check the rest
    }
    // One line per image in the log, and a final summary.
    QCOMPARE(r.err.count("copied "), 120);
    QVERIFY2(r.err.contains("sync done: 120/120 images: 120 copied, 0 unchanged, 0 failed"), r.err.constData());
}

void TestSync::resyncCopiesNothingAndGetsNoManifest()
{
    const QString source = m_source->hostAndPort() + QStringLiteral("/team/app");
    ProcessResult first = sync({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"),
        QStringLiteral("docker"), source, m_destination->hostAndPort()});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    // Again, with both registries behind counting proxies.
    FaultProxy sourceProxy(m_source->baseUrl());
    FaultProxy destinationProxy(m_destination->baseUrl());
    ProcessResult again;
    const QJsonObject result
        = report({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     sourceProxy.hostAndPort() + QStringLiteral("/team/app"), destinationProxy.hostAndPort()},
            &again);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(result.value(QLatin1String("copied")).toInt(), 0);
    QCOMPARE(result.value(QLatin1String("skipped")).toInt(), 120);
    int heads = 0;
    for (const FaultProxy *proxy : {&sourceProxy, &destinationProxy}) {
        for (const MiniHttpServer::Request &request : proxy->requests()) {
            QVERIFY2(!(request.method == "GET" && request.url.path().contains(QLatin1String("/manifests/"))),
                qPrintable(request.url.toString()));
            QVERIFY2(!request.url.path().contains(QLatin1String("/blobs/")), qPrintable(request.url.toString()));
            QVERIFY(request.method != "PUT" && request.method != "POST");
            heads += request.method == "HEAD" ? 1 : 0;
        }
    }
    // One per tag on each side, and one per image for a signature attached
    // since it was copied (sha256-<hex>.sig at the source: none here).
    QCOMPARE(heads, 360);
}

void TestSync::yamlSelections()
{
    const QString yaml = yamlFile(QStringLiteral(R"(%1:
    tls-verify: false
    images:
        team/app:
            - t0-001
            - t2-039
    images-by-tag-regex:
        other/thing: ^1$
    images-by-semver:
        versions/tool: ">= 1.2.0"
    tags-deny:
        - "^t2-"
)")
                                      .arg(m_source->hostAndPort())
                                      .toUtf8());
    ProcessResult r;
    const QJsonObject result
        = report({QStringLiteral("--src"), QStringLiteral("yaml"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     QStringLiteral("--dry-run"), yaml, m_destination->hostAndPort()},
            &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QStringList planned;
    for (const QJsonValue &v : result.value(QLatin1String("images")).toArray()) {
        QCOMPARE(v.toObject().value(QLatin1String("outcome")).toString(), QStringLiteral("would copy"));
        planned << v.toObject().value(QLatin1String("source")).toString().section(QLatin1Char('/'), 1);
    }
    // t2-039 is denied; 2.0.0-rc1 is a pre-release; 1.0.0 is below the range; latest is not a version.
    QCOMPARE(planned,
        (QStringList {QStringLiteral("other/thing:1"), QStringLiteral("team/app:t0-001"),
            QStringLiteral("versions/tool:1.2.0"), QStringLiteral("versions/tool:2.0.0")}));
    QVERIFY(result.value(QLatin1String("dryRun")).toBool());
    QVERIFY(tags(m_destination->hostAndPort(), QStringLiteral("tool")).isEmpty()); // a dry run writes nothing
}

void TestSync::skopeoDocumentationExampleSelects()
{
    // skopeo-sync(1)'s example, with its two registries pointed at ours and
    // its digest entry naming redis:3.0's manifest.
    const ProcessResult inspect = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("--no-tags"), m_source->hostAndPort() + QStringLiteral("/redis:3.0")});
    const QString digest = QJsonDocument::fromJson(inspect.out).object().value(QLatin1String("Digest")).toString();
    QVERIFY2(digest.startsWith(QLatin1String("sha256:")), inspect.err.constData());
    const QString yaml = yamlFile(
        QStringLiteral(R"(%1:
    images:
        busybox: []
        redis:
            - "1.0"
            - "2.0"
            - "%3"
    images-by-tag-regex:
        nginx: ^1\.13\.[12]-alpine-perl$
    credentials:
        username: john
        password: this is a secret
    tls-verify: false
%2:
    tls-verify: false
    images:
        coreos/etcd:
            - latest
)")
            .arg(m_source->hostAndPort(),
                QString(QStringLiteral("localhost:") + m_source->hostAndPort().section(QLatin1Char(':'), 1)), digest)
            .toUtf8());
    ProcessResult r;
    const QJsonObject result
        = report({QStringLiteral("--src"), QStringLiteral("yaml"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     QStringLiteral("--dry-run"), yaml, m_destination->hostAndPort() + QStringLiteral("/repo")},
            &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QStringList selected;
    for (const QJsonValue &v : result.value(QLatin1String("images")).toArray())
        selected << v.toObject().value(QLatin1String("source")).toString().section(QLatin1Char('/'), 1)
                + QStringLiteral(" -> ")
                + v.toObject().value(QLatin1String("destination")).toString().section(QLatin1Char('/'), 1);
    selected.sort();
    // "This will copy: busybox, all tags; redis 1.0 and 2.0; nginx 1.13.1- and
    // 1.13.2-alpine-perl; coreos/etcd latest", under my-registry/repo/.
    QCOMPARE(selected,
        (QStringList {QStringLiteral("busybox:1.35-glibc -> repo/busybox:1.35-glibc"),
            QStringLiteral("busybox:1.36 -> repo/busybox:1.36"),
            QStringLiteral("busybox:latest -> repo/busybox:latest"),
            QStringLiteral("coreos/etcd:latest -> repo/etcd:latest"),
            QStringLiteral("nginx:1.13.1-alpine-perl -> repo/nginx:1.13.1-alpine-perl"),
            QStringLiteral("nginx:1.13.2-alpine-perl -> repo/nginx:1.13.2-alpine-perl"),
            QStringLiteral("redis:1.0 -> repo/redis:1.0"), QStringLiteral("redis:2.0 -> repo/redis:2.0"),
            QStringLiteral("redis@%1 -> repo/redis@%1").arg(digest)}));
    // The digest entry for real: copied whole, by digest, under no tag.
    const QString byDigest = yamlFile(QStringLiteral("%1:\n  tls-verify: false\n  images:\n    redis: [\"%2\"]\n")
                                          .arg(m_source->hostAndPort(), digest)
                                          .toUtf8());
    r = sync({QStringLiteral("--src"), QStringLiteral("yaml"), QStringLiteral("--dest"), QStringLiteral("docker"),
        byDigest, m_destination->hostAndPort()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const ProcessResult there = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("--no-tags"), m_destination->hostAndPort() + QStringLiteral("/redis@") + digest});
    QVERIFY2(there.exitCode == 0, there.err.constData());
    QVERIFY(tags(m_destination->hostAndPort(), QStringLiteral("redis")).isEmpty());
}

void TestSync::wholeRegistryThroughTheCatalog()
{
    // A registry alone as the source: its catalog, narrowed by globs.
    ProcessResult r;
    const QJsonObject plan
        = report({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     QStringLiteral("--dry-run"), QStringLiteral("--repo-allow"), QStringLiteral("shared/*"),
                     QStringLiteral("--repo-allow"), QStringLiteral("versions/*"), QStringLiteral("--repo-deny"),
                     QStringLiteral("shared/b"), m_source->hostAndPort(), m_destination->hostAndPort()},
            &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QStringList sources;
    for (const QJsonValue &v : plan.value(QLatin1String("images")).toArray())
        sources << v.toObject().value(QLatin1String("source")).toString().section(QLatin1Char('/'), 1);
    QCOMPARE(sources,
        (QStringList {QStringLiteral("shared/a:1"), QStringLiteral("versions/tool:1.0.0"),
            QStringLiteral("versions/tool:1.2.0"), QStringLiteral("versions/tool:2.0.0"),
            QStringLiteral("versions/tool:2.0.0-rc1"), QStringLiteral("versions/tool:latest")}));
}

void TestSync::keepGoingPastABrokenImage()
{
    // The t1-* image's layer is corrupted on the way; every other image must arrive.
    FaultProxy proxy(m_source->baseUrl());
    proxy.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &response) {
        if (r.url.path().contains(QLatin1String("/blobs/")) && response.body.size() == 2049)
            response.body[100] = static_cast<char>(response.body[100] ^ 0x20);
    });
    ProcessResult r;
    const QJsonObject result
        = report({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     QStringLiteral("--keep-going"), proxy.hostAndPort() + QStringLiteral("/team/app"),
                     m_destination->hostAndPort()},
            &r);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(result.value(QLatin1String("failed")).toInt(), 40);
    QCOMPARE(result.value(QLatin1String("copied")).toInt(), 80);
    QVERIFY2(
        r.err.contains(QByteArray("failed: " + proxy.hostAndPort().toUtf8() + "/team/app:t1-000")), r.err.constData());
    QVERIFY(r.err.contains("hash to"));
    QCOMPARE(tags(m_destination->hostAndPort(), QStringLiteral("app")).size(), 80);

    // Without --keep-going the first failure stops the sync.
    auto fresh = std::make_unique<RegistryServer>(RegistryServer::Options());
    const QJsonObject stopped = report({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"),
                                           QStringLiteral("docker"), QStringLiteral("--images"), QStringLiteral("1"),
                                           proxy.hostAndPort() + QStringLiteral("/team/app"), fresh->hostAndPort()},
        &r);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(stopped.value(QLatin1String("failed")).toInt(), 1);
    QVERIFY(stopped.value(QLatin1String("notRun")).toInt() > 0);
}

void TestSync::shardsSplitTheWorkExactly()
{
    QSet<QString> seen;
    int total = 0;
    for (int shard = 0; shard < 3; ++shard) {
        ProcessResult r;
        const QJsonObject result = report(
            {QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                QStringLiteral("--dry-run"), QStringLiteral("--shard"), QStringLiteral("%1/3").arg(shard),
                m_source->hostAndPort() + QStringLiteral("/team/app"), m_destination->hostAndPort()},
            &r);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray images = result.value(QLatin1String("images")).toArray();
        QVERIFY2(images.size() > 20, "a shard is far from a third"); // 120 / 3, give or take the hash
        for (const QJsonValue &v : images) {
            const QString source = v.toObject().value(QLatin1String("source")).toString();
            QVERIFY2(!seen.contains(source), qPrintable(source)); // disjoint
            seen.insert(source);
            ++total;
        }
    }
    QCOMPARE(total, 120); // together, everything
    // $JOB_COMPLETION_INDEX supplies I in a Kubernetes Indexed Job.
    QProcessEnvironment env;
    env.insert(QStringLiteral("JOB_COMPLETION_INDEX"), QStringLiteral("2"));
    const ProcessResult indexed
        = runCli({QStringLiteral("sync"), QStringLiteral("--tls-verify=false"), QStringLiteral("--src"),
                     QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     QStringLiteral("--dry-run"), QStringLiteral("--shard"), QStringLiteral("3"),
                     m_source->hostAndPort() + QStringLiteral("/team/app"), m_destination->hostAndPort()},
            {}, env);
    QVERIFY2(indexed.err.contains("in shard 2/3"), indexed.err.constData());
}

void TestSync::rerunCompletesOnlyWhatIsMissing()
{
    // A first run that ended early: only t0-000 .. t0-029 arrived.
    const QString partial
        = yamlFile(QStringLiteral("%1:\n  tls-verify: false\n  images-by-tag-regex:\n    team/app: ^t0-0[0-2]\n")
                       .arg(m_source->hostAndPort())
                       .toUtf8());
    ProcessResult r = sync({QStringLiteral("--src"), QStringLiteral("yaml"), QStringLiteral("--dest"),
        QStringLiteral("docker"), partial, m_destination->hostAndPort()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList whole {QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"),
        QStringLiteral("docker"), m_source->hostAndPort() + QStringLiteral("/team/app"), m_destination->hostAndPort()};

    // The plan first: what is there is skipped; t0-030.. are new tags of an
    // image whose blobs are there (nothing to stream); t1/t2 need their blobs.
    const QJsonObject plan = report(QStringList {QStringLiteral("--dry-run")} + whole, &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(plan.value(QLatin1String("skipped")).toInt(), 30);
    QCOMPARE(plan.value(QLatin1String("wouldCopy")).toInt(), 90);
    for (const QJsonValue &v : plan.value(QLatin1String("images")).toArray()) {
        const QJsonObject image = v.toObject();
        const QString source = image.value(QLatin1String("source")).toString();
        if (image.value(QLatin1String("outcome")).toString() != QLatin1String("would copy"))
            continue;
        const qint64 toStream = image.value(QLatin1String("bytesToStream")).toInteger(-1);
        if (source.contains(QLatin1String(":t0-")))
            QVERIFY2(toStream == 0, qPrintable(source));
        else
            QVERIFY2(toStream > 2048, qPrintable(source)); // the layer (2049 or 2050 bytes) and the config
    }
    QVERIFY(r.err.contains("would be copied"));

    const QJsonObject result = report(whole, &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(result.value(QLatin1String("skipped")).toInt(), 30);
    QCOMPARE(result.value(QLatin1String("copied")).toInt(), 90);
}

void TestSync::namingAndLayoutDestination()
{
    // --scoped keeps host/repository; --append-suffix marks the tags.
    const QString source = m_source->hostAndPort() + QStringLiteral("/versions/tool:1.2.0");
    ProcessResult r = sync({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"),
        QStringLiteral("docker"), QStringLiteral("--scoped"), QStringLiteral("--append-suffix"),
        QStringLiteral("-mirror"), source, m_destination->hostAndPort() + QStringLiteral("/base")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString scoped = QStringLiteral("base/")
        + QString(m_source->hostAndPort()).replace(QLatin1Char(':'), QLatin1Char('_'))
        + QStringLiteral("/versions/tool");
    QVERIFY2(r.err.contains(QString(QStringLiteral("-> ") + m_destination->hostAndPort() + QLatin1Char('/') + scoped
                 + QStringLiteral(":1.2.0-mirror"))
                                .toUtf8()),
        r.err.constData());
    // Into an OCI layout, named repository:tag (the GUI's local folder browses it).
    const QString layout = m_dir.filePath(QStringLiteral("layout"));
    const QString digestFile = m_dir.filePath(QStringLiteral("digests.txt"));
    // A dry run first: the bytes the layout lacks, and nothing written.
    const QJsonObject plan = report({QStringLiteral("--dry-run"), QStringLiteral("--src"), QStringLiteral("docker"),
                                        QStringLiteral("--dest"), QStringLiteral("oci"), source, layout},
        &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject planned = plan.value(QLatin1String("images")).toArray().first().toObject();
    QCOMPARE(planned.value(QLatin1String("outcome")).toString(), QStringLiteral("would copy"));
    QVERIFY2(planned.value(QLatin1String("bytesToStream")).toInteger() > 0, r.err.constData());
    QVERIFY(!QFile::exists(layout + QStringLiteral("/index.json")));
    r = sync({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("oci"),
        QStringLiteral("--digestfile"), digestFile, source, layout});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile digests(digestFile);
    QVERIFY(digests.open(QIODevice::ReadOnly));
    const QByteArray line = digests.readAll().trimmed();
    QVERIFY2(line.startsWith("sha256:") && line.endsWith(QStringLiteral(" oci:%1:tool:1.2.0").arg(layout).toUtf8()),
        line.constData());
    QString error;
    const auto written = OciLayout::open(layout, false, &error);
    QVERIFY2(written, qPrintable(error));
    const auto named = written->resolve(QStringLiteral("tool:1.2.0"), &error);
    QVERIFY2(named, qPrintable(error));
    QVERIFY(line.startsWith(named->digest.toString().toUtf8()));
    // A second run finds it in step.
    r = sync({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("oci"),
        source, layout});
    QVERIFY2(r.err.contains("0 copied, 1 unchanged"), r.err.constData());
}

void TestSync::badInputIsNamed()
{
    const struct {
        QStringList arguments;
        const char *expected;
    } cases[] = {
        {{QStringLiteral("x"), QStringLiteral("y")}, "sync needs --src docker, --src dir or --src yaml"},
        {{QStringLiteral("--src"), QStringLiteral("oci"), QStringLiteral("x"), QStringLiteral("y")},
            "--src takes docker, dir or yaml, not \"oci\""},
        {{QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("tarball"),
             QStringLiteral("a/b"), QStringLiteral("/tmp")},
            "--dest takes docker, dir or oci, not \"tarball\""},
        {{QStringLiteral("--src"), QStringLiteral("dir"), QStringLiteral("--dest"), QStringLiteral("docker"),
             QStringLiteral("/no/such/folder"), QStringLiteral("h:5000")},
            "--src dir: /no/such/folder is not a folder"},
        {{QStringLiteral("--src"), QStringLiteral("yaml"), QStringLiteral("--dest"), QStringLiteral("docker"),
             QStringLiteral("/no/such.yml"), QStringLiteral("h:5000")},
            "cannot read /no/such.yml"},
        {{QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
             QStringLiteral("--shard"), QStringLiteral("3/3"), QStringLiteral("a/b"), QStringLiteral("h:5000")},
            "--shard takes I/N with 0 <= I < N"},
    };
    for (const auto &c : cases) {
        const ProcessResult r = sync(c.arguments);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(c.expected), r.err.constData());
    }
    const QString broken = yamlFile("quay.io:\n  images:\n    a: []\n  tls-verfy: true\n");
    const ProcessResult r = sync({QStringLiteral("--src"), QStringLiteral("yaml"), QStringLiteral("--dest"),
        QStringLiteral("docker"), broken, QStringLiteral("h:5000")});
    QVERIFY2(
        r.err.contains((broken + QStringLiteral(":4: quay.io.tls-verfy: unknown key")).toUtf8()), r.err.constData());
}

void TestSync::sharedBlobMovesOnce()
{
    // Two images at once, into two repositories, sharing a layer: its bytes
    // are uploaded once; the other image mounts it (or finds it).
    FaultProxy destination(m_destination->baseUrl());
    const QString yaml
        = yamlFile(QStringLiteral("%1:\n  tls-verify: false\n  images:\n    shared/a: [\"1\"]\n    shared/b: [\"1\"]\n")
                       .arg(m_source->hostAndPort())
                       .toUtf8());
    ProcessResult r;
    const QJsonObject result
        = report({QStringLiteral("--src"), QStringLiteral("yaml"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     QStringLiteral("--images"), QStringLiteral("2"), yaml, destination.hostAndPort()},
            &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(result.value(QLatin1String("copied")).toInt(), 2);
    int uploads = 0;
    int mounts = 0;
    for (const MiniHttpServer::Request &request : destination.requests()) {
        const QString query = request.url.query(QUrl::FullyDecoded);
        if (request.method == "PUT" && query.contains(QStringLiteral("digest=") + m_sharedLayer))
            ++uploads;
        if (request.method == "POST" && query.contains(QStringLiteral("mount=") + m_sharedLayer))
            ++mounts;
    }
    QCOMPARE(uploads, 1);
    QVERIFY(mounts <= 1);
}

void TestSync::interruptedSyncResumes()
{
    // Ctrl-C in the middle of a sync, then the same sync again.
    QProcess first;
    first.setProcessChannelMode(QProcess::SeparateChannels);
    first.start(cliPath(),
        {QStringLiteral("sync"), QStringLiteral("--tls-verify=false"), QStringLiteral("--images"), QStringLiteral("1"),
            QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
            m_source->hostAndPort() + QStringLiteral("/team/app"), m_destination->hostAndPort()});
    QVERIFY(first.waitForStarted());
    QByteArray err;
    QVERIFY(QTest::qWaitFor(
        [&] {
            err += first.readAllStandardError();
            return err.count("copied ") >= 10;
        },
        30000));
    ::kill(static_cast<pid_t>(first.processId()), SIGINT);
    QVERIFY(first.waitForFinished(30000));
    err += first.readAllStandardError();
    QCOMPARE(first.exitCode(), 1);
    QVERIFY2(err.contains("interrupted"), err.constData());
    const int copiedBefore = static_cast<int>(err.count("\ncopied ") + (err.startsWith("copied ") ? 1 : 0));
    QVERIFY(copiedBefore >= 10 && copiedBefore < 120);

    ProcessResult r;
    const QJsonObject again
        = report({QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                     m_source->hostAndPort() + QStringLiteral("/team/app"), m_destination->hostAndPort()},
            &r);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // What arrived before the interruption is not copied again; the rest is.
    QVERIFY(again.value(QLatin1String("skipped")).toInt() >= copiedBefore);
    QCOMPARE(again.value(QLatin1String("skipped")).toInt() + again.value(QLatin1String("copied")).toInt(), 120);
    QCOMPARE(tags(m_destination->hostAndPort(), QStringLiteral("app")), m_appTags);
}

QTEST_GUILESS_MAIN(TestSync)
#include "test_sync.moc"
