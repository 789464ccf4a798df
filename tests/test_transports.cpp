// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Every transport against the others and against independent tools: what
// crossdock writes into oci:, oci-archive:, docker-archive: and dir: is read
// by skopeo (and umoci, for layouts), what skopeo writes crossdock reads,
// and local-to-local copies keep the image. "The image" is its config (which
// names every layer by DiffID): its digest must survive every hop; the
// manifest digest too wherever no conversion is needed. Copies run through
// crossdock-cli, as users run them.
#include "fixtures.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "registryset.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock::test;

namespace {

QString sha256(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QStringList tlsOff(const QString &reference)
{
    return reference.startsWith(QLatin1String("docker://")) ? QStringList{QStringLiteral("--tls-verify=false")} : QStringList{};
}

} // namespace

class TestTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void crossdockWritesWhatSkopeoReads_data();
    void crossdockWritesWhatSkopeoReads();
    void crossdockReadsWhatSkopeoWrote_data();
    void crossdockReadsWhatSkopeoWrote();
    void localToLocal_data();
    void localToLocal();
    void overrideArchPicksThatImage();
    void syncIntoLayoutWithSharedLayers();
    void syncBetweenDirAndRegistry();
    void dryRunCountsOnlyChosenPlatforms();
    void unsupportedTransportsNeverTouchTheNetwork_data();
    void unsupportedTransportsNeverTouchTheNetwork();

private:
    QString fixture(const QString &tag) const
    {
        return QStringLiteral("docker://") + m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::Real
            + QLatin1Char(':') + tag;
    }
    QString destination(const QString &path) const
    {
        return QStringLiteral("docker://") + m_destination->hostAndPort() + QLatin1Char('/') + path;
    }
    QString local(const QString &transport, const QString &name);
    ProcessResult copy(const QString &from, const QString &to, const QStringList &extra = {});
    QByteArray skopeoRaw(const QString &reference, bool config = false);

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<RegistryServer> m_destination;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTransports::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestTransports::init()
{
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
    m_dir = std::make_unique<QTemporaryDir>();
}

QString TestTransports::local(const QString &transport, const QString &name)
{
    const QString path = m_dir->filePath(name);
    if (transport == QLatin1String("oci") || transport == QLatin1String("oci-archive"))
        return transport + QLatin1Char(':') + path + QStringLiteral(":app");
    if (transport == QLatin1String("docker-archive"))
        return transport + QLatin1Char(':') + path + QStringLiteral(":example.com/app:v1");
    return transport + QLatin1Char(':') + path;
}

ProcessResult TestTransports::copy(const QString &from, const QString &to, const QStringList &extra)
{
    return runCli(QStringList{QStringLiteral("copy"), QStringLiteral("--tls-verify=false")} + extra + QStringList{from, to});
}

QByteArray TestTransports::skopeoRaw(const QString &reference, bool config)
{
    QStringList args{QStringLiteral("inspect"), QStringLiteral("--raw")};
    if (config)
        args << QStringLiteral("--config");
    const ProcessResult r = runSkopeo(args + tlsOff(reference) + QStringList{reference});
    if (r.exitCode != 0)
        qWarning("skopeo inspect %s: %s", qPrintable(reference), r.err.constData());
    return r.exitCode == 0 ? r.out : QByteArray();
}

void TestTransports::crossdockWritesWhatSkopeoReads_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("sameManifest"); // stored without conversion
    QTest::newRow("oci <- oci image") << "oci" << "oci" << true;
    QTest::newRow("oci <- docker v2s2 (converted)") << "oci" << "docker" << false;
    QTest::newRow("oci <- docker list (converted)") << "oci" << "list" << false;
    QTest::newRow("oci-archive <- oci image") << "oci-archive" << "oci" << true;
    QTest::newRow("oci-archive <- docker v2s2 (converted)") << "oci-archive" << "docker" << false;
    QTest::newRow("docker-archive <- docker v2s2") << "docker-archive" << "docker" << false;
    QTest::newRow("docker-archive <- oci image") << "docker-archive" << "oci" << false;
    QTest::newRow("docker-archive <- docker list (this platform)") << "docker-archive" << "list" << false;
    QTest::newRow("dir <- oci image") << "dir" << "oci" << true;
    QTest::newRow("dir <- docker v2s2") << "dir" << "docker" << true;
    QTest::newRow("dir <- docker list") << "dir" << "list" << true;
}

void TestTransports::crossdockWritesWhatSkopeoReads()
{
    QFETCH(QString, transport);
    QFETCH(QString, tag);
    QFETCH(bool, sameManifest);
    const QString source = fixture(tag);
    const QByteArray sourceConfig = skopeoRaw(source, true); // this platform's image of a list
    QVERIFY(!sourceConfig.isEmpty());
    const QString stored = local(transport, QStringLiteral("image"));
    const ProcessResult in = copy(source, stored);
    QVERIFY2(in.exitCode == 0, in.err.constData());

    // skopeo reads it: the same config (so the same layers, by DiffID)...
    QCOMPARE(sha256(skopeoRaw(stored, true)), sha256(sourceConfig));
    // ...and the manifest unchanged where the format holds it.
    const QByteArray storedManifest = skopeoRaw(stored);
    QVERIFY(!storedManifest.isEmpty());
    if (sameManifest)
        QCOMPARE(sha256(storedManifest), sha256(skopeoRaw(source)));
    if (!sameManifest && transport != QLatin1String("docker-archive"))
        QVERIFY2(in.err.contains("the digest changed"), in.err.constData()); // the conversion is said

    // skopeo can push it on, and so can crossdock: still the same image.
    const QString bySkopeo = destination(QStringLiteral("by-skopeo/app:1"));
    const ProcessResult pushed = runSkopeo({QStringLiteral("copy"), QStringLiteral("--all"),
        QStringLiteral("--dest-tls-verify=false"), stored, bySkopeo});
    QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
    QCOMPARE(sha256(skopeoRaw(bySkopeo, true)), sha256(sourceConfig));
    const QString byCrossdock = destination(QStringLiteral("by-crossdock/app:1"));
    const ProcessResult out = copy(stored, byCrossdock);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QCOMPARE(sha256(skopeoRaw(byCrossdock, true)), sha256(sourceConfig));
    if (transport != QLatin1String("docker-archive")) // an archive holds no manifest to keep
        QCOMPARE(sha256(skopeoRaw(byCrossdock)), sha256(storedManifest));

    // umoci unpacks what is in a layout: real files from real layers.
    if (transport == QLatin1String("oci") && tag != QLatin1String("list")) {
        const QString bundle = m_dir->filePath(QStringLiteral("bundle"));
        const ProcessResult unpacked = runProcess(QStringLiteral("umoci"),
            {QStringLiteral("unpack"), QStringLiteral("--rootless"), QStringLiteral("--image"),
                m_dir->filePath(QStringLiteral("image")) + QStringLiteral(":app"), bundle});
        QVERIFY2(unpacked.exitCode == 0, unpacked.err.constData());
        QVERIFY(QFile::exists(bundle + QStringLiteral("/rootfs/srv/real-base.bin")));
    }
}

void TestTransports::crossdockReadsWhatSkopeoWrote_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("tag");
    for (const char *transport : {"oci", "oci-archive", "docker-archive", "dir"})
        for (const char *tag : {"docker", "oci"})
            QTest::addRow("%s by skopeo, %s image", transport, tag) << QString::fromLatin1(transport) << QString::fromLatin1(tag);
}

void TestTransports::crossdockReadsWhatSkopeoWrote()
{
    QFETCH(QString, transport);
    QFETCH(QString, tag);
    const QString source = fixture(tag);
    const QString stored = local(transport, QStringLiteral("by-skopeo"));
    const ProcessResult written
        = runSkopeo({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), source, stored});
    QVERIFY2(written.exitCode == 0, written.err.constData());
    const QByteArray skopeoManifest = skopeoRaw(stored);
    const QByteArray config = skopeoRaw(stored, true);
    QVERIFY(!config.isEmpty());

    // crossdock inspects it...
    const ProcessResult inspected = runCli({QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("--raw"), stored});
    QVERIFY2(inspected.exitCode == 0, inspected.err.constData());
    QCOMPARE(sha256(inspected.out), sha256(config));
    if (transport != QLatin1String("docker-archive")) {
        const ProcessResult raw = runCli({QStringLiteral("inspect"), QStringLiteral("--raw"), stored});
        QCOMPARE(raw.out, skopeoManifest);
    }
    // ...and copies it to a registry unchanged.
    const QString pushed = destination(QStringLiteral("from-skopeo/app:1"));
    const ProcessResult out = copy(stored, pushed);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QCOMPARE(sha256(skopeoRaw(pushed, true)), sha256(config));
    if (transport != QLatin1String("docker-archive"))
        QCOMPARE(sha256(skopeoRaw(pushed)), sha256(skopeoManifest));
}

void TestTransports::localToLocal_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    const QStringList transports{QStringLiteral("oci"), QStringLiteral("oci-archive"), QStringLiteral("docker-archive"),
        QStringLiteral("dir")};
    for (const QString &from : transports)
        for (const QString &to : transports)
            if (from != to)
                QTest::addRow("%s -> %s", qPrintable(from), qPrintable(to)) << from << to;
}

void TestTransports::localToLocal()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    const QString source = fixture(QStringLiteral("oci"));
    const QByteArray config = skopeoRaw(source, true);
    const QString first = local(from, QStringLiteral("first"));
    const QString second = local(to, QStringLiteral("second"));
    ProcessResult r = copy(source, first);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = copy(first, second);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(sha256(skopeoRaw(second, true)), sha256(config));
    // Both ends able to hold the OCI manifest as it is: it is kept.
    const auto keeps = [](const QString &t) { return t != QLatin1String("docker-archive"); };
    if (keeps(from) && keeps(to))
        QCOMPARE(sha256(skopeoRaw(second)), sha256(skopeoRaw(source)));
}

void TestTransports::overrideArchPicksThatImage()
{
    const QString target = destination(QStringLiteral("arm/app:1"));
    const ProcessResult r = copy(fixture(QStringLiteral("list")), target,
        {QStringLiteral("--override-arch"), QStringLiteral("arm64"), QStringLiteral("--multi-arch"), QStringLiteral("system")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject manifest = QJsonDocument::fromJson(skopeoRaw(target)).object();
    QVERIFY2(manifest.contains(QLatin1String("config")), "an image, not the list");
    const QJsonObject config = QJsonDocument::fromJson(skopeoRaw(target, true)).object();
    QCOMPARE(config.value(QLatin1String("architecture")).toString(), QStringLiteral("arm64"));
    // Into a docker archive, too (which holds one image).
    const QString archive = local(QStringLiteral("docker-archive"), QStringLiteral("arm.tar"));
    const ProcessResult a = copy(fixture(QStringLiteral("list")), archive, {QStringLiteral("--override-arch"), QStringLiteral("arm64")});
    QVERIFY2(a.exitCode == 0, a.err.constData());
    QCOMPARE(QJsonDocument::fromJson(skopeoRaw(archive, true)).object().value(QLatin1String("architecture")).toString(),
        QStringLiteral("arm64"));
}

void TestTransports::syncIntoLayoutWithSharedLayers()
{
    // 20 tags of different images that share a base layer: at the default
    // concurrency several copies write that layer into the layout at once.
    RawRegistry raw(m_destination->baseUrl());
    const QByteArray base(300000, 'b');
    const QString baseDigest = raw.pushBlob(QStringLiteral("shared/app"), base);
    QVERIFY2(!baseDigest.isEmpty(), qPrintable(raw.error()));
    QHash<QString, QString> digests;
    for (int i = 0; i < 20; ++i) {
        const QByteArray own = QByteArray(5000 + i, static_cast<char>('a' + i % 26));
        const QByteArray config = QStringLiteral(R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"n":%1})")
                                      .arg(i)
                                      .toUtf8();
        const QString ownDigest = raw.pushBlob(QStringLiteral("shared/app"), own);
        const QString configDigest = raw.pushBlob(QStringLiteral("shared/app"), config);
        QVERIFY(!ownDigest.isEmpty() && !configDigest.isEmpty());
        const QJsonObject manifest{{QStringLiteral("schemaVersion"), 2},
            {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
            {QStringLiteral("config"), QJsonObject{{QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.config.v1+json")},
                                           {QStringLiteral("digest"), configDigest}, {QStringLiteral("size"), config.size()}}},
            {QStringLiteral("layers"),
                QJsonArray{QJsonObject{{QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.layer.v1.tar")},
                               {QStringLiteral("digest"), baseDigest}, {QStringLiteral("size"), base.size()}},
                    QJsonObject{{QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.layer.v1.tar")},
                        {QStringLiteral("digest"), ownDigest}, {QStringLiteral("size"), own.size()}}}}};
        const QByteArray bytes = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
        const QString tag = QStringLiteral("t%1").arg(i, 2, 10, QLatin1Char('0'));
        QVERIFY(!raw.pushManifest(QStringLiteral("shared/app"), tag, QStringLiteral("application/vnd.oci.image.manifest.v1+json"), bytes).isEmpty());
        digests.insert(QStringLiteral("app:") + tag, sha256(bytes));
    }
    for (int run = 0; run < 10; ++run) {
        const QString layout = m_dir->filePath(QStringLiteral("layout%1").arg(run));
        const ProcessResult r = runCli({QStringLiteral("sync"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--src"),
            QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("oci"),
            m_destination->hostAndPort() + QStringLiteral("/shared/app"), layout});
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("run %1: %2").arg(run).arg(QString::fromUtf8(r.err))));
        // Every tag there, naming the source's digest (skopeo reads it)...
        for (auto it = digests.cbegin(); it != digests.cend(); ++it)
            QCOMPARE(sha256(skopeoRaw(QStringLiteral("oci:") + layout + QLatin1Char(':') + it.key())), it.value());
        // ...and every blob's bytes hash to its name.
        QDirIterator blobs(layout + QStringLiteral("/blobs/sha256"), QDir::Files);
        int count = 0;
        while (blobs.hasNext()) {
            QFile blob(blobs.next());
            QVERIFY(blob.open(QIODevice::ReadOnly));
            QCOMPARE(sha256(blob.readAll()), QStringLiteral("sha256:") + QFileInfo(blob).fileName());
            ++count;
        }
        QCOMPARE(count, 1 + 20 * 3); // the base, then a layer, a config and a manifest per tag
    }
}

void TestTransports::syncBetweenDirAndRegistry()
{
    // skopeo's naming both ways: BASE/repository:tag folders, and back.
    const QString folders = m_dir->filePath(QStringLiteral("dirs"));
    ProcessResult r = runCli({QStringLiteral("sync"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--src"),
        QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("dir"),
        m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::Real, folders});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const char *tag : {"docker", "oci", "list"}) {
        const QString folder = folders + QStringLiteral("/real:") + QLatin1String(tag);
        QCOMPARE(sha256(skopeoRaw(QStringLiteral("dir:") + folder)), sha256(skopeoRaw(fixture(QLatin1String(tag)))));
    }
    // A second run finds them unchanged.
    r = runCli({QStringLiteral("sync"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--src"), QStringLiteral("docker"),
        QStringLiteral("--dest"), QStringLiteral("dir"), m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::Real, folders});
    QVERIFY2(r.exitCode == 0 && r.err.contains("0 copied, 3 unchanged"), r.err.constData());
    // And back into a registry, named by the folders.
    r = runCli({QStringLiteral("sync"), QStringLiteral("--dest-tls-verify=false"), QStringLiteral("--src"), QStringLiteral("dir"),
        QStringLiteral("--dest"), QStringLiteral("docker"), folders, m_destination->hostAndPort() + QStringLiteral("/back")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const char *tag : {"docker", "oci", "list"})
        QCOMPARE(sha256(skopeoRaw(destination(QStringLiteral("back/real:") + QLatin1String(tag)))),
            sha256(skopeoRaw(fixture(QLatin1String(tag)))));
    // dir to dir is refused, as in skopeo.
    r = runCli({QStringLiteral("sync"), QStringLiteral("--src"), QStringLiteral("dir"), QStringLiteral("--dest"),
        QStringLiteral("dir"), folders, m_dir->filePath(QStringLiteral("x"))});
    QVERIFY(r.exitCode != 0 && r.err.contains("--src dir --dest dir"));
}

void TestTransports::dryRunCountsOnlyChosenPlatforms()
{
    const auto estimate = [this](const QStringList &extra) -> qint64 {
        const QString report = m_dir->filePath(QStringLiteral("report.json"));
        const ProcessResult r = runCli(QStringList{QStringLiteral("sync"), QStringLiteral("--tls-verify=false"), QStringLiteral("--dry-run"),
                                           QStringLiteral("--report"), report, QStringLiteral("--src"), QStringLiteral("docker"),
                                           QStringLiteral("--dest"), QStringLiteral("docker")}
            + extra
            + QStringList{m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::Real + QStringLiteral(":list"),
                m_destination->hostAndPort()});
        if (r.exitCode != 0) {
            qWarning("%s", r.err.constData());
            return -1;
        }
        QFile file(report);
        file.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("images")).toArray().at(0).toObject()
            .value(QLatin1String("bytesToStream")).toInteger(-1);
    };
    // What the arm64 image holds, summed from its manifest.
    const QJsonObject list = QJsonDocument::fromJson(skopeoRaw(fixture(QStringLiteral("list")))).object();
    qint64 arm64Bytes = 0;
    for (const QJsonValue &entry : list.value(QLatin1String("manifests")).toArray())
        if (entry.toObject().value(QLatin1String("platform")).toObject().value(QLatin1String("architecture")) == QLatin1String("arm64")) {
            const QString child = QStringLiteral("docker://") + m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::Real
                + QLatin1Char('@') + entry.toObject().value(QLatin1String("digest")).toString();
            const QJsonObject image = QJsonDocument::fromJson(skopeoRaw(child)).object();
            arm64Bytes += image.value(QLatin1String("config")).toObject().value(QLatin1String("size")).toInteger();
            for (const QJsonValue &layer : image.value(QLatin1String("layers")).toArray())
                arm64Bytes += layer.toObject().value(QLatin1String("size")).toInteger();
        }
    QVERIFY(arm64Bytes > 0);
    const qint64 all = estimate({});
    const qint64 arm64 = estimate({QStringLiteral("--platform"), QStringLiteral("linux/arm64/v8")});
    QCOMPARE(arm64, arm64Bytes);
    QVERIFY2(all > arm64, qPrintable(QStringLiteral("all platforms %1, arm64 %2").arg(all).arg(arm64)));
}

void TestTransports::unsupportedTransportsNeverTouchTheNetwork_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("transport");
    const QString registry = QStringLiteral("docker://127.0.0.1:%1/x:1").arg(freePort());
    QTest::newRow("copy from containers-storage") << QStringList{QStringLiteral("copy"), QStringLiteral("containers-storage:x"), registry}
                                                  << "containers-storage";
    QTest::newRow("copy to docker-daemon") << QStringList{QStringLiteral("copy"), registry, QStringLiteral("docker-daemon:x:latest")}
                                           << "docker-daemon";
    QTest::newRow("inspect docker-daemon") << QStringList{QStringLiteral("inspect"), QStringLiteral("docker-daemon:x")} << "docker-daemon";
    QTest::newRow("inspect containers-storage")
        << QStringList{QStringLiteral("inspect"), QStringLiteral("containers-storage:x")} << "containers-storage";
    QTest::newRow("sif") << QStringList{QStringLiteral("inspect"), QStringLiteral("sif:/srv/image.sif")} << "sif";
    // ("word:tag" is a Docker Hub image, as in docker; a word before a path is not.)
    QTest::newRow("an unknown word:") << QStringList{QStringLiteral("inspect"), QStringLiteral("frobnicate:/srv/x")} << "frobnicate";
}

void TestTransports::unsupportedTransportsNeverTouchTheNetwork()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, transport);
    // strace logs every connect() the CLI makes: an IP socket is a request
    // that would leave (a Docker Hub pull, a DNS lookup).
    const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
    QVERIFY2(!strace.isEmpty(), "strace is installed by packaging/install-deps.sh --with-tests");
    const QString log = m_dir->filePath(QStringLiteral("strace.log"));
    const ProcessResult r = runProcess(strace,
        QStringList{QStringLiteral("-f"), QStringLiteral("-e"), QStringLiteral("trace=connect,sendto,sendmsg"), QStringLiteral("-o"),
            log, cliPath()}
            + arguments);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("unsupported transport \"%1\"").arg(transport).toUtf8()), r.err.constData());
    QVERIFY2(r.err.contains("docker://, oci:, oci-archive:, docker-archive:, dir:"), r.err.constData());
    QFile traced(log);
    QVERIFY(traced.open(QIODevice::ReadOnly));
    const QByteArray calls = traced.readAll();
    QVERIFY2(!calls.contains("AF_INET"), calls.constData());
}

QTEST_GUILESS_MAIN(TestTransports)
#include "test_transports.moc"
