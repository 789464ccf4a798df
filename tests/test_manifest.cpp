// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/blobsizelimit.h"
#include "core/image/imageconfig.h"
#include "core/image/manifest.h"
#include "core/image/mediatypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace crossdock;

namespace {

QString hex(char c) { return QString(64, QLatin1Char(c)); }

QJsonObject descriptor(const QString &type, char c, qint64 size)
{
    return {{QStringLiteral("mediaType"), type}, {QStringLiteral("digest"), QString(QStringLiteral("sha256:") + hex(c))}, {QStringLiteral("size"), size}};
}

QByteArray ociImage()
{
    return QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                     {QStringLiteral("mediaType"), MediaType::OciManifest},
                                     {QStringLiteral("config"), descriptor(MediaType::OciConfig, 'c', 10)},
                                     {QStringLiteral("layers"), QJsonArray{descriptor(QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"), 'a', 100),
                                                                           descriptor(QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"), 'b', 200)}}})
        .toJson();
}

QByteArray index()
{
    QJsonObject amd = descriptor(MediaType::OciManifest, '1', 500);
    amd.insert(QStringLiteral("platform"), QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")}, {QStringLiteral("architecture"), QStringLiteral("amd64")}});
    QJsonObject arm = descriptor(MediaType::OciManifest, '2', 500);
    arm.insert(QStringLiteral("platform"), QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")}, {QStringLiteral("architecture"), QStringLiteral("arm64")}});
    return QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                     {QStringLiteral("mediaType"), MediaType::OciIndex},
                                     {QStringLiteral("manifests"), QJsonArray{amd, arm}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestManifest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void image();
    void indexAndPlatforms();
    void refused_data();
    void refused();
    void untypedDocumentsAreInferred();
    void schema1Payload();
    void config();
    void blobSizeLimitParses_data();
    void blobSizeLimitParses();
    void lowerBlobSizeLimitRefusesLargerLayers();
};

void TestManifest::image()
{
    QString error;
    const QByteArray raw = ociImage();
    const auto m = Manifest::parse(raw, MediaType::OciManifest, &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->kind(), Manifest::Kind::Image);
    QCOMPARE(m->raw(), raw);
    QCOMPARE(m->digest(), Digest::sha256Of(raw));
    QCOMPARE(m->layers().size(), 2);
    QCOMPARE(m->layers().at(1).size, 200);
    QCOMPARE(m->config().digest.hex(), hex('c'));
    // Content-Type parameters do not matter.
    QVERIFY(Manifest::parse(raw, MediaType::OciManifest + QStringLiteral("; charset=utf-8"), &error));
}

void TestManifest::indexAndPlatforms()
{
    QString error;
    const auto m = Manifest::parse(index(), MediaType::OciIndex, &error);
    QVERIFY2(m, qPrintable(error));
    QVERIFY(m->isIndex());
    QCOMPARE(m->platformNames(), (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}));
    Platform arm{QStringLiteral("linux"), QStringLiteral("arm64"), QStringLiteral("v8"), {}};
    QCOMPARE(m->childFor(arm)->digest.hex(), hex('2')); // arm64 without variant serves v8
    Platform s390{QStringLiteral("linux"), QStringLiteral("s390x"), {}, {}};
    QVERIFY(!m->childFor(s390));
}

void TestManifest::refused_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QString>("errorPart");

    QJsonObject both = QJsonDocument::fromJson(ociImage()).object();
    both.insert(QStringLiteral("manifests"), QJsonArray{});
    QTest::newRow("manifests and layers") << QJsonDocument(both).toJson() << MediaType::OciManifest << "both \"manifests\" and";
    QTest::newRow("media type contradicts content type") << ociImage() << MediaType::DockerManifest << "but was served as";
    QTest::newRow("too large") << QByteArray(Manifest::MaxSize + 1, ' ') << MediaType::OciManifest << "over the 4194304-byte limit";
    QTest::newRow("malformed json") << QByteArray("{\"schemaVersion\": 2,") << MediaType::OciManifest << "not valid JSON";
    QTest::newRow("not an object") << QByteArray("[1,2]") << MediaType::OciManifest << "not a JSON object";
    QJsonObject unknown = QJsonDocument::fromJson(ociImage()).object();
    unknown.insert(QStringLiteral("mediaType"), QStringLiteral("application/vnd.example+json"));
    QTest::newRow("unknown media type") << QJsonDocument(unknown).toJson() << QString() << "unknown manifest media type \"application/vnd.example+json\"";
    QJsonObject badDigest = QJsonDocument::fromJson(ociImage()).object();
    badDigest.insert(QStringLiteral("config"), QJsonObject{{QStringLiteral("digest"), QStringLiteral("sha256:../../x")}, {QStringLiteral("size"), 1}});
    QTest::newRow("bad config digest") << QJsonDocument(badDigest).toJson() << MediaType::OciManifest << "config: invalid digest";
    QJsonObject noConfig = QJsonDocument::fromJson(ociImage()).object();
    noConfig.remove(QStringLiteral("config"));
    QTest::newRow("missing config") << QJsonDocument(noConfig).toJson() << MediaType::OciManifest << "config is not an object";
    QJsonObject negative = QJsonDocument::fromJson(ociImage()).object();
    negative.insert(QStringLiteral("layers"), QJsonArray{descriptor(QStringLiteral("x"), 'a', -5)});
    QTest::newRow("negative size") << QJsonDocument(negative).toJson() << MediaType::OciManifest << "layers[0]: size -5 is not a whole, non-negative number of bytes";
    // Sizes no blob can have, spelled as a hostile registry would; each
    // would overflow a length once cast.
    const QByteArray withSize = QByteArray(ociImage()).replace("\"size\": 100", "\"size\": SIZE");
    for (const auto &[size, message] : std::initializer_list<std::pair<const char *, const char *>> {
             {"1.5", "size 1.500 is not a whole"},
             {"1e300", "size 1e+300 is over the 1099511627776-byte limit"},
             {"9223372036854775807", "size 9.22337e+18 is over the 1099511627776-byte limit"},
             {"1099511627777", "size 1099511627777 is over the 1099511627776-byte limit"},
             {"\"12\"", "size (missing) is not a whole"},
         })
        QTest::newRow(qPrintable(QStringLiteral("size ") + QLatin1String(size)))
            << QByteArray(withSize).replace("SIZE", size) << MediaType::OciManifest << message;
    QJsonObject v3 = QJsonDocument::fromJson(ociImage()).object();
    v3.insert(QStringLiteral("schemaVersion"), 3);
    QTest::newRow("schema version 3") << QJsonDocument(v3).toJson() << MediaType::OciManifest << "unsupported schemaVersion 3";
    QTest::newRow("index served as image") << index() << MediaType::OciManifest << "but was served as";
}

void TestManifest::refused()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, contentType);
    QFETCH(QString, errorPart);
    QString error;
    QVERIFY(!Manifest::parse(raw, contentType, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TestManifest::untypedDocumentsAreInferred()
{
    QJsonObject untyped = QJsonDocument::fromJson(ociImage()).object();
    untyped.remove(QStringLiteral("mediaType"));
    QString error;
    auto m = Manifest::parse(QJsonDocument(untyped).toJson(), QStringLiteral("application/json"), &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->mediaType(), MediaType::OciManifest);
    // The Content-Type names the type when the document does not.
    m = Manifest::parse(QJsonDocument(untyped).toJson(), MediaType::DockerManifest, &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->mediaType(), MediaType::DockerManifest);
}

void TestManifest::schema1Payload()
{
    // A signed schema 1 document: the digest covers the payload without the
    // "signatures" member, rebuilt from formatLength and formatTail.
    const QByteArray payload = "{\n   \"schemaVersion\": 1,\n   \"name\": \"a\",\n   \"tag\": \"1\",\n   \"architecture\": \"amd64\",\n"
                               "   \"fsLayers\": [\n      {\n         \"blobSum\": \"sha256:" + hex('a').toLatin1() + "\"\n      }\n   ],\n"
                               "   \"history\": [\n      {\n         \"v1Compatibility\": \"{\\\"created\\\":\\\"2020-01-01T00:00:00Z\\\",\\\"os\\\":\\\"linux\\\"}\"\n      }\n   ]\n}";
    const qsizetype formatLength = payload.lastIndexOf('\n');
    const QByteArray tail = payload.mid(formatLength);
    const QByteArray protectedHeader = QJsonDocument(QJsonObject{{QStringLiteral("formatLength"), formatLength},
                                                                 {QStringLiteral("formatTail"), QString::fromLatin1(tail.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))}})
                                           .toJson(QJsonDocument::Compact)
                                           .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray signedDoc = payload.left(formatLength) + ",\n   \"signatures\": [{\"protected\": \"" + protectedHeader + "\", \"signature\": \"x\"}]" + tail;
    QString error;
    QCOMPARE(Manifest::schema1Payload(signedDoc, &error), payload);
    const auto m = Manifest::parse(signedDoc, MediaType::DockerSchema1Signed, &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->kind(), Manifest::Kind::Schema1);
    QCOMPARE(m->digest(), Digest::sha256Of(payload));
    QCOMPARE(m->layers().size(), 1);
    QCOMPARE(m->schema1Config().value(QLatin1String("created")).toString(), QStringLiteral("2020-01-01T00:00:00Z"));
}

void TestManifest::config()
{
    const QByteArray raw = R"({"created":"2024-01-02T03:04:05Z","architecture":"arm","variant":"v7","os":"linux",
        "docker_version":"24.0","config":{"Env":["A=1"],"Entrypoint":["/e"],"Cmd":["c"],"Labels":{"k":"v"},
        "ExposedPorts":{"80/tcp":{}},"User":"u","WorkingDir":"/w"},
        "rootfs":{"type":"layers","diff_ids":["sha256:1"]},"history":[{"created_by":"RUN x","empty_layer":true}]})";
    QString error;
    const auto c = ImageConfig::parse(raw, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->created, QStringLiteral("2024-01-02T03:04:05Z"));
    QCOMPARE(c->variant, QStringLiteral("v7"));
    QCOMPARE(c->dockerVersion, QStringLiteral("24.0"));
    QCOMPARE(c->env, QStringList{QStringLiteral("A=1")});
    QCOMPARE(c->entrypoint, QStringList{QStringLiteral("/e")});
    QCOMPARE(c->cmd, QStringList{QStringLiteral("c")});
    QCOMPARE(c->labels.value(QLatin1String("k")).toString(), QStringLiteral("v"));
    QCOMPARE(c->exposedPorts, QStringList{QStringLiteral("80/tcp")});
    QCOMPARE(c->user, QStringLiteral("u"));
    QCOMPARE(c->workingDir, QStringLiteral("/w"));
    QCOMPARE(c->history.size(), 1);
    QVERIFY(c->history.first().emptyLayer);
    QCOMPARE(c->diffIds.size(), 1);
    QVERIFY(!ImageConfig::parse("not json", &error));
    QVERIFY(error.contains(QStringLiteral("not a JSON object")));
}

void TestManifest::blobSizeLimitParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes"); // -1: refused
    QTest::newRow("bytes") << QStringLiteral("1048576") << qint64(1048576);
    QTest::newRow("G") << QStringLiteral("50G") << (qint64(50) << 30);
    QTest::newRow("TiB") << QStringLiteral("2TiB") << (qint64(2) << 40);
    QTest::newRow("lower case, spaces") << QStringLiteral(" 10 mb ") << (qint64(10) << 20);
    QTest::newRow("the ceiling") << QStringLiteral("1P") << BlobSizeLimit::Ceiling;
    QTest::newRow("over the ceiling") << QStringLiteral("1025T") << qint64(-1);
    QTest::newRow("would overflow") << QStringLiteral("9999999999999999P") << qint64(-1);
    QTest::newRow("zero") << QStringLiteral("0") << qint64(-1);
    QTest::newRow("negative") << QStringLiteral("-5G") << qint64(-1);
    QTest::newRow("fraction") << QStringLiteral("1.5G") << qint64(-1);
    QTest::newRow("unknown unit") << QStringLiteral("5X") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
}

void TestManifest::blobSizeLimitParses()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    QString error;
    const auto parsed = BlobSizeLimit::parse(text, &error);
    if (bytes < 0) {
        QVERIFY(!parsed);
        QVERIFY2(error.contains(text.left(40)) && error.contains(QLatin1String("blob size")), qPrintable(error));
    } else {
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(*parsed, bytes);
    }
}

void TestManifest::lowerBlobSizeLimitRefusesLargerLayers()
{
    // ociImage() has layers of 100 and 200 bytes.
    QString error;
    BlobSizeLimit::set(150);
    const auto refused = Manifest::parse(ociImage(), MediaType::OciManifest, &error);
    BlobSizeLimit::set(BlobSizeLimit::Default);
    QVERIFY(!refused);
    QVERIFY2(error.contains(QLatin1String("size 200 is over the 150-byte limit")) && error.contains(QLatin1String("CROSSDOCK_MAX_BLOB_SIZE")),
        qPrintable(error));
    QVERIFY(Manifest::parse(ociImage(), MediaType::OciManifest, &error));
}

QTEST_GUILESS_MAIN(TestManifest)
#include "test_manifest.moc"
