// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// crossdock-cli against a registry that means harm (HostileServer): bodies
// that never end, drip, or announce nothing; slow headers; sizes no blob can
// have; pages that never end; index bombs. Every case must end with a clear
// error naming the registry and what was wrong, within 30 s, with peak
// memory bounded (GNU time's maximum resident set size of the child), and
// nothing written at the destination - a real registry whose storage the
// test looks into.
#include "hostileserver.h"
#include "registryserver.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock::test;

namespace {

using Answer = HostileServer::Answer;
using Case = std::function<Answer(const HostileServer::Request &)>;
using Documents = QHash<QByteArray, QByteArray>; // digest or tag -> index

constexpr qint64 MaxExtraKiB = 64 * 1024; // the bound above idle
#ifdef CROSSDOCK_SANITIZED
// Instrumented code runs several times slower: 5,000 pages take 40 s, not 6.
// The plain build's run holds the 30 s.
constexpr qint64 MaxSeconds = 90;
#else
constexpr qint64 MaxSeconds = 30;
#endif

const QByteArray OciManifest = "application/vnd.oci.image.manifest.v1+json";
const QByteArray OciIndex = "application/vnd.oci.image.index.v1+json";

Answer json(const QByteArray &body, const QByteArray &mediaType = "application/json")
{
    Answer a;
    a.headers = {{"Content-Type", mediaType}, {"Docker-Distribution-Api-Version", "registry/2.0"}};
    a.body = body;
    return a;
}

// A manifest naming one config and one layer of the given (JSON) size.
QByteArray manifestWithLayerSize(const QByteArray &sizeJson)
{
    return "{\"schemaVersion\":2,\"mediaType\":\"" + OciManifest
        + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
        + QByteArray(64, 'a') + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          "\"digest\":\"sha256:"
        + QByteArray(64, 'b') + "\",\"size\":" + sizeJson + "}]}";
}

QByteArray sha256(const QByteArray &bytes)
{
    return "sha256:" + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// An OCI index naming `digests` as image manifests.
QByteArray indexOf(const QList<QByteArray> &digests, const QByteArray &childType = OciManifest)
{
    QJsonArray manifests;
    for (const QByteArray &digest : digests)
        manifests.append(QJsonObject {{QStringLiteral("mediaType"), QString::fromLatin1(childType)},
            {QStringLiteral("digest"), QString::fromLatin1(digest)}, {QStringLiteral("size"), 500},
            {QStringLiteral("platform"), QJsonObject {{QStringLiteral("os"), QStringLiteral("linux")},
                                             {QStringLiteral("architecture"), QStringLiteral("amd64")}}}});
    return QJsonDocument(QJsonObject {{QStringLiteral("schemaVersion"), 2},
                             {QStringLiteral("mediaType"), QString::fromLatin1(OciIndex)}, {QStringLiteral("manifests"), manifests}})
        .toJson(QJsonDocument::Compact);
}

struct Measured {
    ProcessResult result;
    qint64 peakKiB = 0;
    qint64 seconds = 0;
};

} // namespace

Q_DECLARE_METATYPE(Case)

class TestHostile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void boundedFailure_data();
    void boundedFailure();
    void indexBombs_data();
    void indexBombs();
    void impossibleLayerSizesIntoARealRegistry_data();
    void impossibleLayerSizesIntoARealRegistry();
    void drippingBlobEndsTheCopy();

private:
    // crossdock-cli ARGS under GNU time: its result, peak RSS and duration.
    Measured measure(const QStringList &arguments);
    HostileServer::Answer route(const HostileServer::Request &request);
    // Files in the destination registry's storage (uploads included).
    QStringList destinationFiles() const;

    std::unique_ptr<HostileServer> m_server;
    std::function<Answer(const HostileServer::Request &)> m_case;
    std::unique_ptr<RegistryServer> m_destination;
    qint64 m_idleKiB = 0;
    QTemporaryDir m_dir;
};

void TestHostile::initTestCase()
{
    m_server = std::make_unique<HostileServer>([this](const HostileServer::Request &r) { return route(r); });
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
    // The idle size: the same command against an honest, tiny answer.
    m_case = [](const HostileServer::Request &r) {
        return r.url.path() == QLatin1String("/v2/") ? json("{}") : json(manifestWithLayerSize("1"), OciManifest);
    };
    const Measured idle = measure({QStringLiteral("inspect"), QStringLiteral("--raw"),
        QStringLiteral("docker://%1/honest/app:1").arg(m_server->hostAndPort())});
    QVERIFY2(idle.result.exitCode == 0, idle.result.err.constData());
    m_idleKiB = idle.peakKiB;
    qInfo("idle peak RSS: %lld KiB", m_idleKiB);
}

void TestHostile::init()
{
    m_case = nullptr;
}

HostileServer::Answer TestHostile::route(const HostileServer::Request &request)
{
    if (m_case)
        return m_case(request);
    return json("{}");
}

Measured TestHostile::measure(const QStringList &arguments)
{
    const QString peakFile = m_dir.filePath(QStringLiteral("peak"));
    QFile::remove(peakFile);
    QProcessEnvironment env = isolatedEnvironment(m_dir.filePath(QStringLiteral("home")));
    QElapsedTimer timer;
    timer.start();
    Measured m;
    // Under a 4 GiB address-space limit: a regression then fails this
    // test instead of taking the machine's memory (an endless body once
    // grew the process to 24 GiB).
#ifdef CROSSDOCK_SANITIZED
    // AddressSanitizer reserves terabytes of address space for its shadow
    // memory, so no address-space limit can hold; its own RSS limit takes
    // that place, and a small quarantine keeps freed buffers from counting
    // as peak memory.
    env.insert(QStringLiteral("ASAN_OPTIONS"),
        env.value(QStringLiteral("ASAN_OPTIONS")) + QStringLiteral(":hard_rss_limit_mb=4096:quarantine_size_mb=16"));
    const QStringList limit;
#else
    const QStringList limit {QStringLiteral("--as=4294967296")};
#endif
    m.result = runProcess(QStringLiteral("prlimit"),
        limit + QStringList {QStringLiteral("/usr/bin/time"), QStringLiteral("-f"),
            QStringLiteral("%M"), QStringLiteral("-o"), peakFile, cliPath()}
            + arguments,
        {}, env, (MaxSeconds + 30) * 1000);
    m.seconds = timer.elapsed() / 1000;
    QFile file(peakFile);
    if (file.open(QIODevice::ReadOnly)) {
        // GNU time writes "Command exited with non-zero status N" first.
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        m.peakKiB = lines.last().trimmed().toLongLong();
    }
    return m;
}

QStringList TestHostile::destinationFiles() const
{
    QStringList files;
    QDirIterator it(m_destination->storageDirectory(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next().mid(m_destination->storageDirectory().size());
    return files;
}

void TestHostile::boundedFailure_data()
{
    QTest::addColumn<Case>("hostile");
    QTest::addColumn<QString>("command"); // inspect or list-tags
    QTest::addColumn<QString>("expected"); // what the error must say

    auto pingThen = [](std::function<Answer(const HostileServer::Request &)> rest) -> Case {
        return [rest](const HostileServer::Request &r) { return r.url.path() == QLatin1String("/v2/") ? json("{}") : rest(r); };
    };
    auto endless = [](Answer a, Answer::Length length) {
        a.length = length;
        a.tail = Answer::Tail::Endless;
        return a;
    };

    QTest::newRow("ping body never ends") << Case([=](const HostileServer::Request &) {
        return endless(json("{"), Answer::Length::None);
    }) << QStringLiteral("inspect") << QStringLiteral("GET /v2/ with more than the 65536-byte limit");
    QTest::newRow("ping body never ends (chunked)") << Case([=](const HostileServer::Request &) {
        return endless(json("{"), Answer::Length::Chunked);
    }) << QStringLiteral("inspect") << QStringLiteral("GET /v2/ with more than the 65536-byte limit");
    const QByteArray host = m_server->hostAndPort().toUtf8();
    QTest::newRow("token body never ends") << Case([=](const HostileServer::Request &r) {
        if (r.url.path() == QLatin1String("/token"))
            return endless(json("{\"token\":\""), Answer::Length::None);
        Answer a = json("{}");
        a.status = 401;
        a.headers.append({QByteArray("WWW-Authenticate"), "Bearer realm=\"http://" + host + "/token\",service=\"evil\""});
        return a;
    }) << QStringLiteral("inspect") << QStringLiteral("token service of %1 answered with more than the 1048576-byte limit").arg(m_server->hostAndPort());
    QTest::newRow("manifest without length never ends") << pingThen([=](const HostileServer::Request &) {
        return endless(json("{\"schemaVersion\":2,", OciManifest), Answer::Length::None);
    }) << QStringLiteral("inspect") << QStringLiteral("larger than the 4194304-byte manifest limit");
    QTest::newRow("error body never ends") << pingThen([=](const HostileServer::Request &) {
        Answer a = endless(json("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\""), Answer::Length::Chunked);
        a.status = 404;
        return a;
    }) << QStringLiteral("inspect") << QStringLiteral("not found");
    QTest::newRow("manifest drips") << pingThen([=](const HostileServer::Request &) {
        Answer a = json("{\"schemaVersion\":2,", OciManifest);
        a.length = Answer::Length::Chunked;
        a.tail = Answer::Tail::Drip;
        a.dripMs = 1000;
        return a;
    }) << QStringLiteral("inspect") << QStringLiteral("too slow: it sent less than 1024 bytes in 10 s");
    // Headers one byte every 200 ms, never finished (slowloris).
    const Case slowHeaders = [](const HostileServer::Request &) {
        Answer a = json("{}");
        a.slowHead = true;
        a.dripMs = 200;
        return a;
    };
    QTest::newRow("slowloris headers") << pingThen(slowHeaders) << QStringLiteral("inspect") << QStringLiteral("did not finish sending its response headers within 20 s");
    QTest::newRow("ping headers drip") << slowHeaders << QStringLiteral("inspect") << QStringLiteral("GET /v2/ did not finish sending its response headers");
    QTest::newRow("token drips") << Case([=](const HostileServer::Request &r) {
        if (r.url.path() == QLatin1String("/token")) {
            Answer a = json("{\"token\":\"");
            a.length = Answer::Length::None;
            a.tail = Answer::Tail::Drip;
            return a;
        }
        Answer a = json("{}");
        a.status = 401;
        a.headers.append({QByteArray("WWW-Authenticate"), "Bearer realm=\"http://" + host + "/token\",service=\"evil\""});
        return a;
    }) << QStringLiteral("inspect") << QStringLiteral("token service of %1 is too slow").arg(m_server->hostAndPort());
    QTest::newRow("tag pages never end") << pingThen([=](const HostileServer::Request &) {
        static QAtomicInt page;
        const int n = page.fetchAndAddRelaxed(1);
        Answer a = json("{\"name\":\"evil/app\",\"tags\":[\"t" + QByteArray::number(n) + "\"]}");
        a.headers.append({QByteArray("Link"), "</v2/evil/app/tags/list?n=1&last=t" + QByteArray::number(n) + ">; rel=\"next\""});
        return a;
    }) << QStringLiteral("list-tags") << QStringLiteral("more than the limit of 5000 pages");
    QTest::newRow("tag page links to itself") << pingThen([=](const HostileServer::Request &) {
        Answer a = json("{\"name\":\"evil/app\",\"tags\":[\"t\"]}");
        a.headers.append({QByteArray("Link"), QByteArray("</v2/evil/app/tags/list?n=1&last=t>; rel=\"next\"")});
        return a;
    }) << QStringLiteral("list-tags") << QStringLiteral("pagination loop");
}

void TestHostile::boundedFailure()
{
    QFETCH(Case, hostile);
    QFETCH(QString, command);
    QFETCH(QString, expected);
    m_case = hostile;
    const QString source = QStringLiteral("docker://%1/evil/app:1").arg(m_server->hostAndPort());
    QStringList arguments;
    if (command == QLatin1String("inspect"))
        arguments = {QStringLiteral("inspect"), QStringLiteral("--raw"), source};
    else if (command == QLatin1String("list-tags"))
        arguments = {QStringLiteral("list-tags"), QStringLiteral("docker://%1/evil/app").arg(m_server->hostAndPort())};
    else
        arguments = {QStringLiteral("copy"), source,
            QStringLiteral("docker://%1/victim/app:1").arg(m_destination->hostAndPort())};
    const Measured m = measure(arguments);
    const QString err = QString::fromUtf8(m.result.err);
    qInfo("%s: exit %d after %lld s, peak %lld KiB: %s", QTest::currentDataTag(), m.result.exitCode, m.seconds, m.peakKiB,
        qPrintable(err.trimmed()));
    QVERIFY2(!m.result.timedOut, "still running after the deadline");
    QCOMPARE(m.result.exitCode != 0, true);
    QVERIFY2(m.result.exitCode != 134 && m.result.exitCode < 128, "the process crashed");
    QVERIFY2(m.seconds <= MaxSeconds, qPrintable(QStringLiteral("took %1 s").arg(m.seconds)));
    QVERIFY2(m.peakKiB - m_idleKiB <= MaxExtraKiB,
        qPrintable(QStringLiteral("peak RSS %1 KiB, idle %2 KiB").arg(m.peakKiB).arg(m_idleKiB)));
    QVERIFY2(err.contains(m_server->hostAndPort()), qPrintable(err));
    QVERIFY2(err.contains(expected, Qt::CaseInsensitive), qPrintable(err));
    QVERIFY2(err.count(QLatin1Char('\n')) <= 2, qPrintable(err));
    const QStringList written = destinationFiles();
    QVERIFY2(written.isEmpty(), qPrintable(written.join(QLatin1Char(' '))));
}

void TestHostile::indexBombs_data()
{
    QTest::addColumn<Documents>("documents");
    QTest::addColumn<QString>("expected");

    QList<QByteArray> wide;
    for (int i = 0; i < 10000; ++i)
        wide << sha256(QByteArray::number(i));
    QTest::newRow("10,000 children") << Documents {{"1", indexOf(wide)}}
                                     << QStringLiteral("an index names 10000 manifests, over the limit of 1000");

    // 100 indexes of 100 children each: each level is within bounds, the
    // whole is not. The child indexes are served by digest, so they verify.
    Documents nested;
    QList<QByteArray> middle;
    for (int i = 0; i < 100; ++i) {
        QList<QByteArray> leaves;
        for (int j = 0; j < 100; ++j)
            leaves << sha256(QByteArray::number(i * 100 + j));
        const QByteArray child = indexOf(leaves);
        nested.insert(sha256(child), child);
        middle << sha256(child);
    }
    nested.insert("1", indexOf(middle, OciIndex));
    QTest::newRow("100 x 100 nested") << nested << QStringLiteral("names more than 4000 manifests in all");
}

// The plan refuses an index bomb before it fetches the bomb's leaves, and
// before anything reaches the destination.
void TestHostile::indexBombs()
{
    QFETCH(Documents, documents);
    QFETCH(QString, expected);
    m_case = [documents](const HostileServer::Request &r) {
        const QString path = r.url.path();
        if (path == QLatin1String("/v2/"))
            return json("{}");
        const QByteArray reference = path.section(QLatin1Char('/'), -1).toLatin1();
        if (path.contains(QLatin1String("/manifests/")) && documents.contains(reference))
            return json(documents.value(reference), OciIndex);
        Answer missing = json("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
        missing.status = 404;
        return missing;
    };
    const Measured m = measure({QStringLiteral("copy"), QStringLiteral("--multi-arch"), QStringLiteral("all"),
        QStringLiteral("docker://%1/evil/app:1").arg(m_server->hostAndPort()),
        QStringLiteral("docker://%1/victim/bomb:1").arg(m_destination->hostAndPort())});
    const QString err = QString::fromUtf8(m.result.err);
    qInfo("exit %d after %lld s, peak %lld KiB, %lld requests: %s", m.result.exitCode, m.seconds, m.peakKiB,
        static_cast<long long>(m_server->requests().size()), qPrintable(err.trimmed()));
    QCOMPARE(m.result.exitCode, 1);
    QVERIFY2(err.contains(expected), qPrintable(err));
    QVERIFY2(m.seconds <= MaxSeconds, qPrintable(QStringLiteral("took %1 s").arg(m.seconds)));
    QVERIFY2(m.peakKiB - m_idleKiB <= MaxExtraKiB, qPrintable(QStringLiteral("peak RSS %1 KiB").arg(m.peakKiB)));
    QVERIFY2(destinationFiles().isEmpty(), qPrintable(destinationFiles().join(QLatin1Char(' '))));
}

void TestHostile::impossibleLayerSizesIntoARealRegistry_data()
{
    QTest::addColumn<QByteArray>("size");
    QTest::newRow("2^63-1") << QByteArray("9223372036854775807");
    QTest::newRow("2^63") << QByteArray("9223372036854775808");
    QTest::newRow("1e300") << QByteArray("1e300");
    QTest::newRow("negative") << QByteArray("-5");
    QTest::newRow("fraction") << QByteArray("1.5");
    QTest::newRow("over the cap") << QByteArray("70368744177664"); // 64 TiB: over the 1 TiB cap (BlobSizeLimit)
}

void TestHostile::impossibleLayerSizesIntoARealRegistry()
{
    QFETCH(QByteArray, size);
    m_case = [size](const HostileServer::Request &r) {
        if (r.url.path() == QLatin1String("/v2/"))
            return json("{}");
        if (r.url.path().contains(QLatin1String("/blobs/"))) {
            Answer missing = json("{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}");
            missing.status = 404;
            return missing;
        }
        return json(manifestWithLayerSize(size), OciManifest);
    };
    const Measured m = measure({QStringLiteral("copy"), QStringLiteral("docker://%1/evil/app:1").arg(m_server->hostAndPort()),
        QStringLiteral("docker://%1/victim/app:1").arg(m_destination->hostAndPort())});
    const QString err = QString::fromUtf8(m.result.err);
    QVERIFY2(m.result.exitCode == 1, qPrintable(QStringLiteral("exit %1: %2").arg(m.result.exitCode).arg(err)));
    QVERIFY2(err.contains(QStringLiteral("size "))
            && (err.contains(QStringLiteral("over the")) || err.contains(QStringLiteral("not a whole, non-negative"))),
        qPrintable(err));
    QVERIFY2(destinationFiles().isEmpty(), qPrintable(destinationFiles().join(QLatin1Char(' '))));
}

void TestHostile::drippingBlobEndsTheCopy()
{
    // A layer whose body starts, then drips a byte every 500 ms. Ended by
    // the per-window rule after 10 s, and not resumed with Range (the attempt
    // brought next to nothing, and a registry that drips drips again): one
    // error within 30 s, no upload left open and nothing tagged.
    const QByteArray config = "{}";
    const QByteArray layer(100 * 1024, 'L');
    const QByteArray manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OciManifest
        + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(config)
        + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
        + sha256(layer) + "\",\"size\":" + QByteArray::number(layer.size()) + "}]}";
    m_case = [=](const HostileServer::Request &r) {
        const QString path = r.url.path();
        if (path == QLatin1String("/v2/"))
            return json("{}");
        if (path.contains(QLatin1String("/manifests/")))
            return json(manifest, OciManifest);
        if (path.endsWith(QString::fromLatin1(sha256(config))))
            return json(config, "application/octet-stream");
        Answer a = json(layer.left(2000), "application/octet-stream");
        a.length = Answer::Length::None;
        a.tail = Answer::Tail::Drip;
        return a;
    };
    const Measured m = measure({QStringLiteral("copy"), QStringLiteral("docker://%1/evil/app:1").arg(m_server->hostAndPort()),
        QStringLiteral("docker://%1/dripped/app:1").arg(m_destination->hostAndPort())});
    const QString err = QString::fromUtf8(m.result.err);
    qInfo("exit %d after %lld s, peak %lld KiB: %s", m.result.exitCode, m.seconds, m.peakKiB, qPrintable(err.trimmed()));
    QCOMPARE(m.result.exitCode, 1);
    QVERIFY2(m.seconds <= MaxSeconds, qPrintable(QStringLiteral("took %1 s").arg(m.seconds)));
    QVERIFY2(err.contains(QStringLiteral("registry %1 is too slow: it sent less than 1024 bytes in 10 s").arg(m_server->hostAndPort())),
        qPrintable(err));
    int layerGets = 0;
    for (const auto &r : m_server->requests())
        layerGets += r.url.path().endsWith(QString::fromLatin1(sha256(layer))) ? 1 : 0;
    QCOMPARE(layerGets, 1);
    // The config may have arrived; nothing may be tagged or left open.
    for (const QString &file : destinationFiles()) {
        QVERIFY2(!file.contains(QLatin1String("/_manifests/tags/")), qPrintable(file));
        QVERIFY2(!(file.contains(QLatin1String("/_uploads/")) && (file.endsWith(QLatin1String("/data")) || file.endsWith(QLatin1String("/startedat")))),
            qPrintable(file));
    }
}

QTEST_GUILESS_MAIN(TestHostile)
#include "test_hostile.moc"
