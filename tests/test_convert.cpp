// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Format and compression conversion while streaming (issue [convert]),
// against the real registry. What crossdock-cli writes is read back by
// other tools: skopeo 1.9.3 copies it to dir:, Debian's zstd and gzip
// decompress its layers, and the uncompressed tars must hash to the
// config's DiffIDs.
#include "faultproxy.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "registryset.h"
#include "registryserver.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock::test;

namespace {

const QString DockerManifestType = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
const QString DockerConfigType = QStringLiteral("application/vnd.docker.container.image.v1+json");
const QString DockerGzipLayer = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");

QByteArray sha256(const QByteArray &bytes)
{
    return "sha256:" + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QJsonObject json(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

} // namespace

class TestConvert : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void gzipDockerToZstdOci();
    void zstdBackToGzip();
    void decompressed();
    void intoAnOciLayout();
    void syncConverts();
    void indexToManifestList();
    void staleConversionCacheIsMadeAgain();
    void corruptSourceByteTagsNothing();
    void refusals_data();
    void refusals();

private:
    // skopeo copies reference to a dir: folder; returns the folder.
    QString skopeoDir(const QString &reference);
    // Every layer of the dir: image at folder, decompressed by `tool`
    // ("zstd", "gzip", or "" for none), hashes to the config's DiffIDs;
    // each layer's media type is layerType. Returns the manifest.
    QJsonObject checkDiffIds(const QString &folder, const QString &tool, const QString &layerType);
    QString image(const QString &repository) const
    {
        return QStringLiteral("docker://%1/%2").arg(m_registry->hostAndPort(), repository);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<RegistryServer> m_registry;
    QStringList m_diffIds; // of the source image, in layer order
};

void TestConvert::initTestCase()
{
    m_registry = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_registry->isRunning(), qPrintable(m_registry->errorText()));
    // A Docker schema 2 image with three gzip layers made by gzip itself:
    // text, random bytes, and an empty tar.
    RawRegistry raw(m_registry->baseUrl());
    QRandomGenerator random(7);
    QList<QByteArray> tars;
    QByteArray text;
    for (int i = 0; text.size() < 2'000'000; ++i)
        text += "etc/config-" + QByteArray::number(i) + "\n";
    QByteArray noise(1'500'000, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
    tars << text << noise << QByteArray(1024, '\0');
    QJsonArray layers;
    QJsonArray diffIds;
    for (const QByteArray &tar : std::as_const(tars)) {
        const ProcessResult gz = runProcess(QStringLiteral("gzip"), {QStringLiteral("-c"), QStringLiteral("-n")}, tar);
        QVERIFY(gz.exitCode == 0);
        const QString digest = raw.pushBlob(QStringLiteral("src/app"), gz.out);
        QVERIFY2(!digest.isEmpty(), qPrintable(raw.error()));
        layers.append(QJsonObject {{QStringLiteral("mediaType"), DockerGzipLayer}, {QStringLiteral("size"), gz.out.size()},
            {QStringLiteral("digest"), digest}});
        diffIds.append(QString::fromLatin1(sha256(tar)));
        m_diffIds << QString::fromLatin1(sha256(tar));
    }
    const QByteArray config = QJsonDocument(QJsonObject {{QStringLiteral("architecture"), QStringLiteral("amd64")},
                                                {QStringLiteral("os"), QStringLiteral("linux")},
                                                {QStringLiteral("rootfs"), QJsonObject {{QStringLiteral("type"), QStringLiteral("layers")},
                                                                               {QStringLiteral("diff_ids"), diffIds}}}})
                                  .toJson(QJsonDocument::Compact);
    const QString configDigest = raw.pushBlob(QStringLiteral("src/app"), config);
    QVERIFY(!configDigest.isEmpty());
    const QByteArray manifest = QJsonDocument(QJsonObject {{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), DockerManifestType},
                                                  {QStringLiteral("config"), QJsonObject {{QStringLiteral("mediaType"), DockerConfigType},
                                                                                 {QStringLiteral("size"), config.size()},
                                                                                 {QStringLiteral("digest"), configDigest}}},
                                                  {QStringLiteral("layers"), layers}})
                                    .toJson(QJsonDocument::Compact);
    QVERIFY2(!raw.pushManifest(QStringLiteral("src/app"), QStringLiteral("1"), DockerManifestType, manifest).isEmpty(), qPrintable(raw.error()));
}

QString TestConvert::skopeoDir(const QString &reference)
{
    static int count = 0;
    const QString folder = m_dir.filePath(QStringLiteral("dir-%1").arg(++count));
    const ProcessResult r = runSkopeo({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), reference, QStringLiteral("dir:") + folder});
    if (r.exitCode != 0)
        qWarning("skopeo: %s", r.err.constData());
    return r.exitCode == 0 ? folder : QString();
}

QJsonObject TestConvert::checkDiffIds(const QString &folder, const QString &tool, const QString &layerType)
{
    QFile manifestFile(folder + QStringLiteral("/manifest.json"));
    if (!manifestFile.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject manifest = json(manifestFile.readAll());
    QFile configFile(folder + QLatin1Char('/') + manifest.value(QLatin1String("config")).toObject().value(QLatin1String("digest")).toString().mid(7));
    if (!configFile.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray diffIds = json(configFile.readAll()).value(QLatin1String("rootfs")).toObject().value(QLatin1String("diff_ids")).toArray();
    const QJsonArray layers = manifest.value(QLatin1String("layers")).toArray();
    if (layers.size() != diffIds.size() || layers.size() != m_diffIds.size())
        return {};
    for (qsizetype i = 0; i < layers.size(); ++i) {
        const QJsonObject layer = layers.at(i).toObject();
        if (layer.value(QLatin1String("mediaType")).toString() != layerType) {
            qWarning("layer %d has media type %s", int(i), qPrintable(layer.value(QLatin1String("mediaType")).toString()));
            return {};
        }
        QFile blob(folder + QLatin1Char('/') + layer.value(QLatin1String("digest")).toString().mid(7));
        if (!blob.open(QIODevice::ReadOnly))
            return {};
        const QByteArray stored = blob.readAll();
        const QByteArray tar = tool.isEmpty() ? stored : runProcess(tool, {QStringLiteral("-dc")}, stored).out;
        if (sha256(tar) != diffIds.at(i).toString().toLatin1() || diffIds.at(i).toString() != m_diffIds.at(i)) {
            qWarning("layer %d: decompressed by %s it hashes to %s, config says %s", int(i), qPrintable(tool), sha256(tar).constData(),
                qPrintable(diffIds.at(i).toString()));
            return {};
        }
    }
    return manifest;
}

void TestConvert::gzipDockerToZstdOci()
{
    const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"), QStringLiteral("oci"),
        QStringLiteral("--dest-compress-format"), QStringLiteral("zstd"), image(QStringLiteral("src/app:1")), image(QStringLiteral("zstd/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("manifests converted to OCI from application/vnd.docker.distribution.manifest.v2+json; "
                            "3 layer(s) recompressed to zstd; the digest changed"), r.err.constData());
    const QString folder = skopeoDir(image(QStringLiteral("zstd/app:1")));
    QVERIFY(!folder.isEmpty());
    const QJsonObject manifest = checkDiffIds(folder, QStringLiteral("zstd"), QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd"));
    QVERIFY(!manifest.isEmpty());
    QCOMPARE(manifest.value(QLatin1String("mediaType")).toString(), QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    QCOMPARE(manifest.value(QLatin1String("config")).toObject().value(QLatin1String("mediaType")).toString(),
        QStringLiteral("application/vnd.oci.image.config.v1+json"));
    // A second time, into another repository of the same registry: the
    // blob-location cache knows what each layer became, so the layers are
    // mounted, not recompressed, and the image is the same.
    const ProcessResult again = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"), QStringLiteral("oci"),
        QStringLiteral("--dest-compress-format"), QStringLiteral("zstd"), image(QStringLiteral("src/app:1")), image(QStringLiteral("zstd/other:2"))});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("0 blobs copied") && again.err.contains("4 mounted"), again.err.constData());
    const auto digestOf = [this](const QString &reference) {
        return json(runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), image(reference)}).out).value(QLatin1String("Digest"));
    };
    QCOMPARE(digestOf(QStringLiteral("zstd/other:2")), digestOf(QStringLiteral("zstd/app:1")));
}

void TestConvert::zstdBackToGzip()
{
    ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"), QStringLiteral("oci"),
        QStringLiteral("--dest-compress-format"), QStringLiteral("zstd"), image(QStringLiteral("src/app:1")), image(QStringLiteral("zstd/app:b"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"), QStringLiteral("v2s2"),
        QStringLiteral("--dest-compress-format"), QStringLiteral("gzip"), QStringLiteral("--dest-compress-level"), QStringLiteral("9"),
        image(QStringLiteral("zstd/app:b")), image(QStringLiteral("gzip/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString folder = skopeoDir(image(QStringLiteral("gzip/app:1")));
    QVERIFY(!folder.isEmpty());
    const QJsonObject manifest = checkDiffIds(folder, QStringLiteral("gzip"), DockerGzipLayer);
    QVERIFY(!manifest.isEmpty());
    QCOMPARE(manifest.value(QLatin1String("mediaType")).toString(), DockerManifestType);
}

void TestConvert::decompressed()
{
    const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--dest-decompress"),
        image(QStringLiteral("src/app:1")), image(QStringLiteral("plain/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString folder = skopeoDir(image(QStringLiteral("plain/app:1")));
    QVERIFY(!folder.isEmpty());
    // Docker schema 2 stays (no --format), with its uncompressed layer type.
    QVERIFY(!checkDiffIds(folder, QString(), QStringLiteral("application/vnd.docker.image.rootfs.diff.tar")).isEmpty());
}

void TestConvert::intoAnOciLayout()
{
    // File destinations name a recompressed layer by the digest it turns out to have.
    const QString layout = m_dir.filePath(QStringLiteral("layout"));
    ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--dest-compress-format"),
        QStringLiteral("zstd"), image(QStringLiteral("src/app:1")), QStringLiteral("oci:") + layout + QStringLiteral(":app")});
    QVERIFY2(r.exitCode == 0, qPrintable(QString::number(r.exitCode) + QString::fromUtf8(r.err)));
    const ProcessResult umoci = runProcess(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("oci:") + layout + QStringLiteral(":app"),
        QStringLiteral("dir:") + m_dir.filePath(QStringLiteral("from-layout"))});
    QVERIFY2(umoci.exitCode == 0, umoci.err.constData());
    QVERIFY(!checkDiffIds(m_dir.filePath(QStringLiteral("from-layout")), QStringLiteral("zstd"),
        QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd")).isEmpty());
    // No temporary file is left in the blobs folder.
    for (const QString &name : QDir(layout + QStringLiteral("/blobs/sha256")).entryList(QDir::Files))
        QVERIFY2(name.size() == 64, qPrintable(name));
    // dir: too, decompressed.
    const QString folder = m_dir.filePath(QStringLiteral("dir-decompressed"));
    r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--dest-decompress"), image(QStringLiteral("src/app:1")),
        QStringLiteral("dir:") + folder});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!checkDiffIds(folder, QString(), QStringLiteral("application/vnd.docker.image.rootfs.diff.tar")).isEmpty());
}

void TestConvert::syncConverts()
{
    // sync takes the same flags; zstd output does not depend on the run.
    const ProcessResult r = runCli({QStringLiteral("sync"), QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"),
        QStringLiteral("docker"), QStringLiteral("--tls-verify=false"), QStringLiteral("--dest-tls-verify=false"), QStringLiteral("--format"),
        QStringLiteral("oci"), QStringLiteral("--dest-compress-format"), QStringLiteral("zstd"),
        m_registry->hostAndPort() + QStringLiteral("/src/app:1"), m_registry->hostAndPort() + QStringLiteral("/synced")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString folder = skopeoDir(image(QStringLiteral("synced/app:1")));
    QVERIFY(!folder.isEmpty());
    QVERIFY(!checkDiffIds(folder, QStringLiteral("zstd"), QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd")).isEmpty());
}

void TestConvert::corruptSourceByteTagsNothing()
{
    // One byte of the random layer flipped on its way out of the source: the
    // copy fails (the source digest, or the decompressor, says so) and the
    // destination has no tag.
    FaultProxy proxy(m_registry->baseUrl());
    proxy.setMutation([](const MiniHttpServer::Request &request, MiniHttpServer::Response &response) {
        if (request.method == "GET" && request.url.path().contains(QLatin1String("/blobs/")) && response.body.size() > 1'000'000)
            response.body[response.body.size() / 2] = static_cast<char>(response.body.at(response.body.size() / 2) ^ 0x01);
    });
    // (A level no other test uses: an earlier conversion of these layers
    // would be mounted at the destination without reading the source.)
    const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--retry-times=0"),
        QStringLiteral("--dest-compress-format"), QStringLiteral("zstd"), QStringLiteral("--dest-compress-level"), QStringLiteral("7"),
        QStringLiteral("docker://%1/src/app:1").arg(proxy.hostAndPort()),
        image(QStringLiteral("corrupt/app:1"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("hash to") || r.err.contains("corrupt"), r.err.constData());
    const ProcessResult tags = runCli({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"), image(QStringLiteral("corrupt/app"))});
    QVERIFY2(tags.exitCode != 0 || json(tags.out).value(QLatin1String("Tags")).toArray().isEmpty(), tags.out.constData());
}

void TestConvert::indexToManifestList()
{
    // --format v2s2 --all on an OCI index: a Docker manifest list whose
    // entries are Docker schema 2 manifests (their new digests), as skopeo
    // converts; the same copied back with --format oci is an OCI index again.
    RegistrySet fixtures(RegistrySet::Anonymous);
    QVERIFY2(fixtures.ok(), qPrintable(fixtures.error()));
    ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"),
        QStringLiteral("v2s2"), QStringLiteral("docker://%1/%2:multi").arg(fixtures.anonymous()->hostAndPort(), Fixtures::OciIndex),
        image(QStringLiteral("list/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto raw = [](const QString &reference) {
        return json(runSkopeo({QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"), reference}).out);
    };
    const QJsonObject list = raw(image(QStringLiteral("list/app:1")));
    QCOMPARE(list.value(QLatin1String("mediaType")).toString(), QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json"));
    const QJsonArray entries = list.value(QLatin1String("manifests")).toArray();
    QCOMPARE(entries.size(), 3);
    for (const QJsonValue &entry : entries) {
        const QString digest = entry.toObject().value(QLatin1String("digest")).toString();
        QCOMPARE(entry.toObject().value(QLatin1String("mediaType")).toString(), DockerManifestType);
        const QJsonObject child = raw(image(QStringLiteral("list/app@") + digest));
        QCOMPARE(child.value(QLatin1String("mediaType")).toString(), DockerManifestType);
        QCOMPARE(child.value(QLatin1String("config")).toObject().value(QLatin1String("mediaType")).toString(), DockerConfigType);
    }
    r = runCli({QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"), QStringLiteral("oci"),
        image(QStringLiteral("list/app:1")), image(QStringLiteral("list/back:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(raw(image(QStringLiteral("list/back:1"))).value(QLatin1String("mediaType")).toString(),
        QStringLiteral("application/vnd.oci.image.index.v1+json"));
}

void TestConvert::staleConversionCacheIsMadeAgain()
{
    // The blob-location cache says a layer's zstd form is a blob that is not
    // what zstd makes of it (another zstd version, a damaged file): the bytes
    // made do not match, the entry is forgotten and the layer made again.
    const QJsonObject source = json(runSkopeo({QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
        image(QStringLiteral("src/app:1"))}).out);
    // Two wrong results: a small one (read whole, then checked) and one
    // larger than the layer makes (streamed in segments: the stream must
    // not wait for bytes that never come).
    const QJsonArray layers = source.value(QLatin1String("layers")).toArray();
    QCOMPARE(layers.size(), 3);
    const QString layer = layers.at(0).toObject().value(QLatin1String("digest")).toString();
    const QString bigger = layers.at(1).toObject().value(QLatin1String("digest")).toString();
    const QString cache = m_dir.filePath(QStringLiteral("stale-cache"));
    QVERIFY(QDir().mkpath(cache + QStringLiteral("/crossdock")));
    const QString wrong = QStringLiteral("sha256:") + QString(64, QLatin1Char('e'));
    // The cache's lines (BlobLocationCache): C, source, conversion, result
    // digest, size, seen, media type.
    const QString zstdType = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
    QFile file(cache + QStringLiteral("/crossdock/blob-locations.tsv"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("crossdock-blob-locations\t2\nC\t%1\tzstd:5\t%2\t1234\t1764547200\t%3\nC\t%4\tzstd:5\t%2\t5000000\t1764547200\t%3\n")
                   .arg(layer, wrong, zstdType, bigger)
                   .toUtf8());
    file.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cache);
    const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--dest-compress-format"),
        QStringLiteral("zstd"), QStringLiteral("--dest-compress-level"), QStringLiteral("5"), image(QStringLiteral("src/app:1")), image(QStringLiteral("stale/app:1"))},
        {}, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString folder = skopeoDir(image(QStringLiteral("stale/app:1")));
    QVERIFY(!checkDiffIds(folder, QStringLiteral("zstd"), QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd")).isEmpty());
    // The wrong results were forgotten and the true one remembered.
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray remembered = file.readAll();
    const QByteArray prefix = "C\t" + layer.toLatin1() + "\tzstd:5\t";
    const qsizetype at = remembered.indexOf(prefix);
    QVERIFY2(at >= 0, remembered.constData());
    QVERIFY2(!remembered.mid(at + prefix.size()).startsWith(wrong.toLatin1()), remembered.constData());
    QVERIFY(!remembered.contains(wrong.toLatin1()));
}

void TestConvert::refusals_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("expected");
    QTest::newRow("v2s2 holds no zstd") << QStringList {QStringLiteral("--format"), QStringLiteral("v2s2"), QStringLiteral("--dest-compress-format"),
        QStringLiteral("zstd")} << "--format v2s2 cannot hold zstd layers";
    QTest::newRow("preserve-digests") << QStringList {QStringLiteral("--preserve-digests"), QStringLiteral("--dest-compress-format"), QStringLiteral("zstd")}
                                      << "--preserve-digests contradicts recompressing layers";
    QTest::newRow("v2s1") << QStringList {QStringLiteral("--format"), QStringLiteral("v2s1")} << "Docker schema 1 is deprecated";
    QTest::newRow("zstd:chunked") << QStringList {QStringLiteral("--dest-compress-format"), QStringLiteral("zstd:chunked")} << "zstd:chunked is not supported yet";
    QTest::newRow("unknown compression") << QStringList {QStringLiteral("--dest-compress-format"), QStringLiteral("brotli")} << "takes gzip or zstd";
    QTest::newRow("gzip level") << QStringList {QStringLiteral("--dest-compress-format"), QStringLiteral("gzip"), QStringLiteral("--dest-compress-level"),
        QStringLiteral("12")} << "gzip levels go from 1 to 9";
    QTest::newRow("decompress and compress") << QStringList {QStringLiteral("--dest-decompress"), QStringLiteral("--dest-compress-format"), QStringLiteral("gzip")}
                                             << "--dest-decompress contradicts";
}

void TestConvert::refusals()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, expected);
    const ProcessResult r = runCli(QStringList {QStringLiteral("copy"), QStringLiteral("--tls-verify=false")} + flags
        + QStringList {image(QStringLiteral("src/app:1")), image(QStringLiteral("refused/app:1"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
    const ProcessResult tags = runCli({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"), image(QStringLiteral("refused/app"))});
    QVERIFY(tags.exitCode != 0);
}

QTEST_GUILESS_MAIN(TestConvert)
#include "test_convert.moc"
