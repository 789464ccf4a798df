// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/imagereference.h"
#include "core/transports/transportreference.h"

#include <QTest>

using namespace crossdock;

class TestImageReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void transports_data();
    void transports();
    void tagsAreAnchored();
    void repositoryOnly();
    void withTagDropsDigest();
    void registries_data();
    void registries();
};

static const QString D = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));

void TestImageReference::valid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("registry");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("digest");
    QTest::addColumn<QString>("apiHost");
    QTest::addColumn<QString>("canonical");

    const QString hub = QStringLiteral("docker.io");
    const QString hubApi = QStringLiteral("registry-1.docker.io");
    QTest::newRow("official image") << "nginx" << hub << "library/nginx" << "latest" << "" << hubApi << "docker.io/library/nginx:latest";
    QTest::newRow("official with tag") << "nginx:1.25" << hub << "library/nginx" << "1.25" << "" << hubApi << "docker.io/library/nginx:1.25";
    QTest::newRow("user image") << "bitnami/redis" << hub << "bitnami/redis" << "latest" << "" << hubApi << "docker.io/bitnami/redis:latest";
    QTest::newRow("explicit docker.io") << "docker.io/nginx" << hub << "library/nginx" << "latest" << "" << hubApi << "docker.io/library/nginx:latest";
    QTest::newRow("index.docker.io alias") << "index.docker.io/library/alpine:3" << hub << "library/alpine" << "3" << "" << hubApi << "docker.io/library/alpine:3";
    QTest::newRow("quay") << "quay.io/coreos/etcd:v3.5" << "quay.io" << "coreos/etcd" << "v3.5" << "" << "quay.io" << "quay.io/coreos/etcd:v3.5";
    QTest::newRow("ghcr deep") << "ghcr.io/org/team/app/api:sha-1" << "ghcr.io" << "org/team/app/api" << "sha-1" << "" << "ghcr.io" << "ghcr.io/org/team/app/api:sha-1";
    QTest::newRow("host with port") << "localhost:5000/app" << "localhost:5000" << "app" << "latest" << "" << "localhost:5000" << "localhost:5000/app:latest";
    QTest::newRow("host port tag") << "localhost:5000/app:1.0" << "localhost:5000" << "app" << "1.0" << "" << "localhost:5000" << "localhost:5000/app:1.0";
    QTest::newRow("localhost no port") << "localhost/app" << "localhost" << "app" << "latest" << "" << "localhost" << "localhost/app:latest";
    QTest::newRow("ip and port") << "127.0.0.1:5000/a/b/c:nested" << "127.0.0.1:5000" << "a/b/c" << "nested" << "" << "127.0.0.1:5000" << "127.0.0.1:5000/a/b/c:nested";
    QTest::newRow("ipv6") << "[::1]:5000/app" << "[::1]:5000" << "app" << "latest" << "" << "[::1]:5000" << "[::1]:5000/app:latest";
    QTest::newRow("digest only") << QStringLiteral("alpine@") + D << hub << "library/alpine" << "" << D << hubApi << QStringLiteral("docker.io/library/alpine@") + D;
    QTest::newRow("tag and digest") << QStringLiteral("r.example.com/app:1.0@") + D << "r.example.com" << "app" << "1.0" << D << "r.example.com" << QStringLiteral("r.example.com/app:1.0@") + D;
    QTest::newRow("separators") << "r.io/a_b/c__d/e-f/g.h:x" << "r.io" << "a_b/c__d/e-f/g.h" << "x" << "" << "r.io" << "r.io/a_b/c__d/e-f/g.h:x";
    QTest::newRow("dash run") << "r.io/a---b" << "r.io" << "a---b" << "latest" << "" << "r.io" << "r.io/a---b:latest";
    QTest::newRow("tag with dots and dashes") << "app:v1.2.3-rc.1_build" << hub << "library/app" << "v1.2.3-rc.1_build" << "" << hubApi << "docker.io/library/app:v1.2.3-rc.1_build";
    QTest::newRow("upper-case tag") << "app:Latest" << hub << "library/app" << "Latest" << "" << hubApi << "docker.io/library/app:Latest";
    QTest::newRow("128-char tag") << QStringLiteral("app:") + QString(128, QLatin1Char('t')) << hub << "library/app" << QString(128, QLatin1Char('t')) << "" << hubApi << QStringLiteral("docker.io/library/app:") + QString(128, QLatin1Char('t'));
    QTest::newRow("upper-case host") << "Registry.Example.com/app" << "Registry.Example.com" << "app" << "latest" << "" << "Registry.Example.com" << "Registry.Example.com/app:latest";
    QTest::newRow("sha512 digest") << QStringLiteral("r.io/app@sha512:") + QString(128, QLatin1Char('0')) << "r.io" << "app" << "" << QStringLiteral("sha512:") + QString(128, QLatin1Char('0')) << "r.io" << QStringLiteral("r.io/app@sha512:") + QString(128, QLatin1Char('0'));
    QTest::newRow("numeric names") << "r.io/123/456:789" << "r.io" << "123/456" << "789" << "" << "r.io" << "r.io/123/456:789";
    QTest::newRow("hub namespace without dot stays hub") << "team/app:1" << hub << "team/app" << "1" << "" << hubApi << "docker.io/team/app:1";
}

void TestImageReference::valid()
{
    QFETCH(QString, input);
    QString error;
    const ImageReference ref = ImageReference::parse(input, &error);
    QVERIFY2(ref.isValid(), qPrintable(error));
    QTEST(ref.registry(), "registry");
    QTEST(ref.repository(), "repository");
    QTEST(ref.tag(), "tag");
    QTEST(ref.digest().toString(), "digest");
    QTEST(ref.apiHost(), "apiHost");
    QTEST(ref.toString(), "canonical");
    // Canonical text parses back to itself.
    QCOMPARE(ImageReference::parse(ref.toString()).toString(), ref.toString());
}

void TestImageReference::invalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("empty") << "" << "reference is empty";
    QTest::newRow("upper-case repository") << "r.io/MyApp" << "must be lower-case";
    QTest::newRow("upper-case hub repo") << "library/Nginx" << "must be lower-case";
    QTest::newRow("empty tag") << "nginx:" << "tag is empty";
    QTest::newRow("empty tag with host") << "localhost:5000/app:" << "tag is empty";
    QTest::newRow("tag starts with dot") << "app:.hidden" << "tag \".hidden\"";
    QTest::newRow("tag starts with dash") << "app:-x" << "tag \"-x\"";
    QTest::newRow("tag with slash char") << "app:a+b" << "tag \"a+b\"";
    QTest::newRow("129-char tag") << QStringLiteral("app:") + QString(129, QLatin1Char('t')) << "longer than 128";
    QTest::newRow("300-char name") << QStringLiteral("r.io/") + QString(300, QLatin1Char('a')) << "longer than 255";
    QTest::newRow("name 256 with host") << QStringLiteral("r.io/") + QString(251, QLatin1Char('a')) << "longer than 255";
    QTest::newRow("bad digest algorithm") << "app@md5:0123" << "unsupported algorithm";
    QTest::newRow("digest short hex") << "app@sha256:abcd" << "needs 64 hex";
    QTest::newRow("digest upper hex") << QStringLiteral("app@sha256:") + QString(64, QLatin1Char('A')) << "lower-case";
    QTest::newRow("digest path traversal") << "app@sha256:../../etc/passwd" << "lower-case hexadecimal";
    QTest::newRow("digest missing colon") << "app@sha256" << "expected algorithm:hex";
    QTest::newRow("empty digest") << "app@" << "expected algorithm:hex";
    QTest::newRow("double slash") << "r.io/a//b" << "empty path component";
    QTest::newRow("trailing slash") << "r.io/a/" << "empty path component";
    QTest::newRow("leading separator") << "r.io/_a" << "path component \"_a\"";
    QTest::newRow("trailing separator") << "r.io/a." << "path component \"a.\"";
    QTest::newRow("triple underscore") << "r.io/a___b" << "path component \"a___b\"";
    QTest::newRow("white space") << "nginx latest" << "white space";
    QTest::newRow("leading space") << " nginx" << "white space";
    QTest::newRow("bad host") << "-bad.io/app" << "not a valid host";
    QTest::newRow("port out of range") << "r.io:99999/app" << "out of range";
    QTest::newRow("registry only") << "r.io/" << "empty";
    QTest::newRow("only tag") << ":tag" << "repository name is empty";
    QTest::newRow("weird chars") << "r.io/app$" << "path component \"app$\"";
    // "$" in a pattern also matches before a final newline: anchored with \z.
    QTest::newRow("newline after the tag") << "r.io/app:evil\n" << "white space";
    QTest::newRow("newline inside the tag") << "r.io/app:ev\nil" << "tag \"ev\\nil\"";
    QTest::newRow("newline after a component") << "r.io/app\n/x" << "path component \"app\\n\"";
}

void TestImageReference::invalid()
{
    QFETCH(QString, input);
    QFETCH(QString, errorPart);
    QString error;
    const ImageReference ref = ImageReference::parse(input, &error);
    QVERIFY(!ref.isValid());
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("invalid reference")), qPrintable(error));
}

void TestImageReference::transports_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("docker://") << "docker://quay.io/a/b:1" << true << "docker://quay.io/a/b:1";
    QTest::newRow("no transport is docker") << "alpine" << true << "docker://docker.io/library/alpine:latest";
    QTest::newRow("oci with ref") << "oci:/tmp/layout:v1" << true << "oci:/tmp/layout:v1";
    QTest::newRow("oci without ref") << "oci:./layout" << true << "oci:./layout";
    QTest::newRow("oci empty path") << "oci::v1" << false << "";
    QTest::newRow("oci empty ref") << "oci:/tmp/x:" << false << "";
    QTest::newRow("unknown transport") << "containers-storage://x" << false << "";
    QTest::newRow("docker:// bad ref") << "docker://UPPER/Case" << false << "";
    QTest::newRow("oci ref name with a path") << "oci:/tmp/x:team/app:1.0" << true << "oci:/tmp/x:team/app:1.0";
    QTest::newRow("oci ref name escaping") << "oci:/tmp/x:../../../evil" << false << "";
    QTest::newRow("oci ref name with a newline") << "oci:/tmp/x:x\ny" << false << "";
    QTest::newRow("oci ref name with a space") << "oci:/tmp/x:a b" << false << "";
    QTest::newRow("oci ref name ending in a separator") << "oci:/tmp/x:a-" << false << "";
}

void TestImageReference::transports()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    QString error;
    const TransportReference ref = TransportReference::parse(input, &error);
    QCOMPARE(ref.isValid(), valid);
    if (valid)
        QTEST(ref.toString(), "canonical");
    else
        QVERIFY(!error.isEmpty());
}

void TestImageReference::tagsAreAnchored()
{
    QVERIFY(ImageReference::isValidTag(QStringLiteral("v1.2")));
    QVERIFY(!ImageReference::isValidTag(QStringLiteral("evil\n")));
    QVERIFY(!ImageReference::isValidTag(QStringLiteral("evil\r\n")));
    QVERIFY(!ImageReference::isValidTag(QStringLiteral("\nevil")));
}

void TestImageReference::repositoryOnly()
{
    QString error;
    QVERIFY(ImageReference::parse(QStringLiteral("r.io/app"), &error, ImageReference::TagPolicy::NameOnly).isValid());
    QVERIFY(ImageReference::parse(QStringLiteral("r.io/app"), &error, ImageReference::TagPolicy::NameOnly).tag().isEmpty());
    QVERIFY(!ImageReference::parse(QStringLiteral("r.io/app:1"), &error, ImageReference::TagPolicy::NameOnly).isValid());
    QVERIFY(error.contains(QStringLiteral("cannot carry a tag")));
    QVERIFY(!ImageReference::parse(QStringLiteral("r.io/app@") + D, &error, ImageReference::TagPolicy::NameOnly).isValid());
    QVERIFY(error.contains(QStringLiteral("cannot carry a digest")));
}

void TestImageReference::withTagDropsDigest()
{
    const ImageReference ref = ImageReference::parse(QStringLiteral("r.io/app:1@") + D);
    QCOMPARE(ref.manifestReference(), D);
    QCOMPARE(ref.withTag(QStringLiteral("2")).toString(), QStringLiteral("r.io/app:2"));
}

void TestImageReference::registries_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("registry"); // empty: refused
    QTest::addColumn<QString>("apiHost");
    QTest::newRow("host and port") << "r.io:5000" << "r.io:5000" << "r.io:5000";
    QTest::newRow("transport and slash") << "docker://r.io/" << "r.io" << "r.io";
    QTest::newRow("docker hub") << "docker.io" << "docker.io" << "registry-1.docker.io";
    QTest::newRow("hub alias") << "index.docker.io" << "docker.io" << "registry-1.docker.io";
    QTest::newRow("localhost") << "localhost:5000" << "localhost:5000" << "localhost:5000";
    QTest::newRow("a path") << "r.io/team" << "" << "";
    QTest::newRow("plain word") << "not a host" << "" << "";
    QTest::newRow("bad port") << "r.io:0" << "" << "";
    QTest::newRow("empty") << "" << "" << "";
}

void TestImageReference::registries()
{
    QFETCH(QString, input);
    QFETCH(QString, registry);
    QFETCH(QString, apiHost);
    QString error;
    const ImageReference ref = ImageReference::parseRegistry(input, &error);
    QCOMPARE(ref.isValid(), !registry.isEmpty());
    if (ref.isValid()) {
        QCOMPARE(ref.registry(), registry);
        QCOMPARE(ref.apiHost(), apiHost);
    } else {
        QVERIFY2(error.contains(QStringLiteral("invalid registry host")), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestImageReference)
#include "test_imagereference.moc"
