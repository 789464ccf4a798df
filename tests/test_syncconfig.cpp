// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// skopeo's sync YAML (the examples from its documentation, unchanged), our
// extensions beside them, errors that name line and key, and the semver
// constraints of images-by-semver.
#include "core/sync/semver.h"
#include "core/sync/syncconfig.h"

#include <QTest>

using namespace crossdock;

class TestSyncConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void skopeoDocumentationExample();
    void semverExampleAndExtensions();
    void errorsNameLineAndKey_data();
    void errorsNameLineAndKey();
    void semverConstraints_data();
    void semverConstraints();
};

void TestSyncConfig::skopeoDocumentationExample()
{
    // skopeo-sync(1), "YAML file content", as printed there.
    const QByteArray yaml = R"(registry.example.com:
    images:
        busybox: []
        redis:
            - "1.0"
            - "2.0"
            - "sha256:0000000000000000000000000000000011111111111111111111111111111111"
    images-by-tag-regex:
        nginx: ^1\.13\.[12]-alpine-perl$
    credentials:
        username: john
        password: this is a secret
    tls-verify: true
    cert-dir: /home/john/certs
quay.io:
    tls-verify: false
    images:
        coreos/etcd:
            - latest
)";
    QString error;
    const auto registries = SyncConfig::parse(yaml, QStringLiteral("sync.yml"), &error);
    QVERIFY2(registries, qPrintable(error));
    QCOMPARE(registries->size(), 2);
    const SyncRegistrySpec &example = registries->at(0);
    QCOMPARE(example.registry, QStringLiteral("registry.example.com"));
    QCOMPARE(example.line, 1);
    QCOMPARE(example.tlsVerify, std::optional<bool>(true));
    QCOMPARE(example.certDir, QStringLiteral("/home/john/certs"));
    QCOMPARE(example.credentials.username, QStringLiteral("john"));
    QCOMPARE(example.credentials.password, QStringLiteral("this is a secret"));
    QCOMPARE(example.images.size(), 3);
    QCOMPARE(example.images[0].repository, QStringLiteral("busybox"));
    QCOMPARE(example.images[0].selection, SyncImageSpec::Selection::AllTags);
    QCOMPARE(example.images[1].selection, SyncImageSpec::Selection::Listed);
    QCOMPARE(example.images[1].tags,
        (QStringList {QStringLiteral("1.0"), QStringLiteral("2.0"),
            QStringLiteral("sha256:0000000000000000000000000000000011111111111111111111111111111111")}));
    QCOMPARE(example.images[2].selection, SyncImageSpec::Selection::TagRegex);
    QCOMPARE(example.images[2].pattern, QStringLiteral("^1\\.13\\.[12]-alpine-perl$"));
    const SyncRegistrySpec &quay = registries->at(1);
    QCOMPARE(quay.tlsVerify, std::optional<bool>(false));
    QCOMPARE(quay.images.size(), 1);
    QCOMPARE(quay.images[0].repository, QStringLiteral("coreos/etcd"));
    QCOMPARE(quay.images[0].tags, QStringList {QStringLiteral("latest")});
}

void TestSyncConfig::semverExampleAndExtensions()
{
    // Newer skopeo's images-by-semver example, and Crossdock's keys beside skopeo's.
    const QByteArray yaml = R"(registry.example.com:
    images-by-semver:
        alpine: ">= 3.12.0"
    tags-deny:
        - "-rc[0-9]*$"
    platforms: [linux/amd64, linux/arm64/v8]
    concurrency: 2
    requests-per-second: 2.5
    referrers: true
)";
    QString error;
    const auto registries = SyncConfig::parse(yaml, QStringLiteral("sync.yml"), &error);
    QVERIFY2(registries, qPrintable(error));
    const SyncRegistrySpec &spec = registries->first();
    QCOMPARE(spec.images.first().selection, SyncImageSpec::Selection::Semver);
    QCOMPARE(spec.images.first().pattern, QStringLiteral(">= 3.12.0"));
    QCOMPARE(spec.tagsDeny, QStringList {QStringLiteral("-rc[0-9]*$")});
    QCOMPARE(spec.platforms, (QStringList {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}));
    QCOMPARE(spec.concurrency, 2);
    QCOMPARE(spec.requestsPerSecond, 2.5);
    QCOMPARE(spec.referrers, std::optional<bool>(true));
    // Unset unless given: --referrers decides then.
    const auto plain = SyncConfig::parse("quay.io:\n  images:\n    a: []\n", QStringLiteral("sync.yml"), &error);
    QVERIFY2(plain, qPrintable(error));
    QVERIFY(!plain->first().referrers.has_value());
}

void TestSyncConfig::errorsNameLineAndKey_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key") << QByteArray("quay.io:\n  images:\n    a: []\n  tls-verfy: true\n")
                                 << QStringLiteral("sync.yml:4: quay.io.tls-verfy: unknown key");
    QTest::newRow("bad bool") << QByteArray("quay.io:\n  tls-verify: yes please\n")
                              << QStringLiteral("sync.yml:2: quay.io.tls-verify: expected true or false");
    QTest::newRow("bad regex") << QByteArray("quay.io:\n  images-by-tag-regex:\n    nginx: \"^1.(13\"\n")
                               << QStringLiteral(
                                      "sync.yml:3: quay.io.images-by-tag-regex.nginx: not a regular expression");
    QTest::newRow("bad semver")
        << QByteArray("quay.io:\n  images-by-semver:\n    alpine: \">= three\"\n")
        << QStringLiteral("sync.yml:3: quay.io.images-by-semver.alpine: \">=three\" is not a version comparison");
    QTest::newRow("tags not a list") << QByteArray("quay.io:\n  images:\n    redis: latest\n")
                                     << QStringLiteral("sync.yml:3: quay.io.images.redis: expected a list");
    QTest::newRow("bad repository") << QByteArray("quay.io:\n  images:\n    Bad/Name: []\n")
                                    << QStringLiteral("sync.yml:3: quay.io.images.Bad/Name:");
    QTest::newRow("bad registry") << QByteArray("https://quay.io/:\n  images:\n    a: []\n")
                                  << QStringLiteral("sync.yml:1: https://quay.io/:");
    QTest::newRow("not yaml") << QByteArray("quay.io:\n  images: [a, b\n")
                              << QStringLiteral("sync.yml:3: not valid YAML");
    QTest::newRow("bad rate") << QByteArray("quay.io:\n  requests-per-second: fast\n")
                              << QStringLiteral(
                                     "sync.yml:2: quay.io.requests-per-second: expected requests per second above 0");
    QTest::newRow("bad referrers") << QByteArray("quay.io:\n  referrers: all\n")
                                   << QStringLiteral("sync.yml:2: quay.io.referrers: expected true or false, not \"all\"");
    QTest::newRow("bad platform") << QByteArray("quay.io:\n  platforms: [linux]\n")
                                  << QStringLiteral("sync.yml:2: quay.io.platforms: \"linux\" is not os/arch");
}

void TestSyncConfig::errorsNameLineAndKey()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!SyncConfig::parse(yaml, QStringLiteral("sync.yml"), &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void TestSyncConfig::semverConstraints_data()
{
    QTest::addColumn<QString>("constraint");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("matches");
    const struct {
        const char *constraint, *tag;
        bool matches;
    } cases[] = {
        {">= 3.12.0", "3.12.0", true},
        {">= 3.12.0", "v3.13", true},
        {">= 3.12.0", "3.11.9", false},
        {">= 3.12.0", "latest", false},
        {">= 3.12.0", "3.13.0-rc1", false}, // pre-releases need a pre-release constraint
        {">= 3.13.0-0", "3.13.0-rc1", true},
        {"~1.2.3", "1.2.9", true},
        {"~1.2.3", "1.3.0", false},
        {"~1", "1.9.0", true},
        {"~1", "2.0.0", false},
        {"^1.2.3", "1.9.9", true},
        {"^1.2.3", "2.0.0", false},
        {"^0.2.3", "0.2.9", true},
        {"^0.2.3", "0.3.0", false},
        {"1.2.x", "1.2.7", true},
        {"1.2.x", "1.3.0", false},
        {"1.*", "1.99.0", true},
        {"1.2 - 1.4", "1.4.5", true},
        {"1.2 - 1.4", "1.5.0", false},
        {">1.2", "1.2.9", false},
        {">1.2", "1.3.0", true},
        {"<=1.2", "1.2.9", true},
        {"<=1.2", "1.3.0", false},
        {">=1, <2 || >=3", "3.1.0", true},
        {">=1, <2 || >=3", "2.5.0", false},
        {"!=1.0.0", "1.0.0", false},
        {"=1.0.0", "1.0.0", true},
        {"1.0.0", "1.0.1", false},
    };
    for (const auto &c : cases)
        QTest::addRow("%s on %s", c.constraint, c.tag)
            << QString::fromLatin1(c.constraint) << QString::fromLatin1(c.tag) << c.matches;
}

void TestSyncConfig::semverConstraints()
{
    QFETCH(QString, constraint);
    QFETCH(QString, tag);
    QFETCH(bool, matches);
    QString error;
    const auto parsed = SemverConstraint::parse(constraint, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->matches(tag), matches);
}

QTEST_GUILESS_MAIN(TestSyncConfig)
#include "test_syncconfig.moc"
