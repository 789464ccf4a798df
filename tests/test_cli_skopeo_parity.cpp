// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// crossdock-cli against skopeo, the tool pipelines use today, as an oracle:
// same registry, same flags, same answers - for every fixture, over the
// anonymous, htpasswd, token and TLS registries.
#include "fixtures.h"
#include "registryset.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace crossdock::test;

class TestCliSkopeoParity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inspect_data();
    void inspect();
    void raw_data() { inspect_data(); }
    void raw();
    void listTags_data();
    void listTags();

private:
    void addRows(bool withImageOptions);
    RegistryServer *server(const QString &variant) const;
    QStringList flags(const QString &variant) const;

    std::unique_ptr<RegistrySet> m_set;
};

void TestCliSkopeoParity::initTestCase()
{
    m_set = std::make_unique<RegistrySet>();
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
    QVERIFY2(runSkopeo({QStringLiteral("--version")}).exitCode == 0, "skopeo (the test oracle) is not installed");
}

RegistryServer *TestCliSkopeoParity::server(const QString &variant) const
{
    if (variant == QLatin1String("htpasswd"))
        return m_set->htpasswd();
    if (variant == QLatin1String("token"))
        return m_set->token();
    if (variant == QLatin1String("tls"))
        return m_set->tls();
    return m_set->anonymous();
}

QStringList TestCliSkopeoParity::flags(const QString &variant) const
{
    if (variant == QLatin1String("tls"))
        return {QStringLiteral("--cert-dir"), m_set->tlsCertDir()};
    QStringList f{QStringLiteral("--tls-verify=false")};
    if (variant == QLatin1String("htpasswd") || variant == QLatin1String("token"))
        f << QStringLiteral("--creds") << RegistrySet::User + QLatin1Char(':') + RegistrySet::Password;
    return f;
}

void TestCliSkopeoParity::addRows(bool withImageOptions)
{
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("options");
    const QStringList images{Fixtures::OciImage + QStringLiteral(":1.0"), Fixtures::DockerImage + QStringLiteral(":2.1"),
                             Fixtures::OciIndex + QStringLiteral(":multi"), Fixtures::DockerList + QStringLiteral(":v1"),
                             Fixtures::Nested + QStringLiteral(":nested"), Fixtures::ManyTags + QStringLiteral(":t1234")};
    for (const QString &variant : {QStringLiteral("anonymous"), QStringLiteral("htpasswd"), QStringLiteral("token"), QStringLiteral("tls")}) {
        for (const QString &image : images)
            QTest::addRow("%s %s", qPrintable(variant), qPrintable(image)) << variant << image << QStringList();
    }
    if (!withImageOptions)
        return;
    QTest::newRow("anonymous index arm64 override")
        << "anonymous" << Fixtures::OciIndex + QStringLiteral(":multi")
        << QStringList{QStringLiteral("--override-arch"), QStringLiteral("arm64"), QStringLiteral("--override-variant"), QStringLiteral("v8")};
    QTest::newRow("token list arm64 override")
        << "token" << Fixtures::DockerList + QStringLiteral(":v1") << QStringList{QStringLiteral("--override-arch"), QStringLiteral("arm64")};
    QTest::newRow("anonymous no tags") << "anonymous" << Fixtures::OciImage + QStringLiteral(":latest") << QStringList{QStringLiteral("--no-tags")};
}

void TestCliSkopeoParity::inspect_data()
{
    addRows(true);
}

void TestCliSkopeoParity::inspect()
{
    QFETCH(QString, variant);
    QFETCH(QString, image);
    QFETCH(QStringList, options);
    const QString ref = QStringLiteral("docker://") + server(variant)->hostAndPort() + QLatin1Char('/') + image;
    const QStringList args = QStringList{QStringLiteral("inspect")} + flags(variant) + options + QStringList{ref};
    const ProcessResult ours = runCli(args);
    const ProcessResult theirs = runSkopeo(args);
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    const QJsonObject a = QJsonDocument::fromJson(ours.out).object();
    const QJsonObject b = QJsonDocument::fromJson(theirs.out).object();
    QVERIFY(!b.isEmpty());

    // Every field skopeo prints, we print identically.
    for (auto it = b.begin(); it != b.end(); ++it)
        QVERIFY2(a.value(it.key()) == it.value(),
                 qPrintable(QStringLiteral("%1 differs:\n ours:   %2\n skopeo: %3")
                                .arg(it.key(), QString::fromUtf8(QJsonDocument(QJsonObject{{it.key(), a.value(it.key())}}).toJson(QJsonDocument::Compact)),
                                     QString::fromUtf8(QJsonDocument(QJsonObject{{it.key(), it.value()}}).toJson(QJsonDocument::Compact)))));
    // And the fields skopeo's newer releases add are there too, consistent.
    for (const char *key : {"Name", "Digest", "RepoTags", "Created", "DockerVersion", "Labels", "Architecture", "Os", "Layers", "LayersData", "Env"})
        QVERIFY2(a.contains(QLatin1String(key)), key);
    const QJsonArray layers = a.value(QLatin1String("Layers")).toArray();
    const QJsonArray layersData = a.value(QLatin1String("LayersData")).toArray();
    QCOMPARE(layersData.size(), layers.size());
    for (qsizetype i = 0; i < layers.size(); ++i) {
        QCOMPARE(layersData.at(i).toObject().value(QLatin1String("Digest")), layers.at(i));
        QVERIFY(layersData.at(i).toObject().value(QLatin1String("Size")).toInteger() > 0);
    }
    if (image.startsWith(Fixtures::ManyTags))
        QCOMPARE(a.value(QLatin1String("RepoTags")).toArray().size(), Fixtures::ManyTagsCount);
}

void TestCliSkopeoParity::raw()
{
    QFETCH(QString, variant);
    QFETCH(QString, image);
    QFETCH(QStringList, options);
    const QString ref = QStringLiteral("docker://") + server(variant)->hostAndPort() + QLatin1Char('/') + image;
    for (const QStringList &mode : {QStringList{QStringLiteral("--raw")}, QStringList{QStringLiteral("--raw"), QStringLiteral("--config")}}) {
        const QStringList args = QStringList{QStringLiteral("inspect")} + mode + flags(variant) + options + QStringList{ref};
        const ProcessResult ours = runCli(args);
        const ProcessResult theirs = runSkopeo(args);
        QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
        QVERIFY2(ours.exitCode == 0, ours.err.constData());
        QCOMPARE(ours.out, theirs.out); // byte for byte
    }
}

void TestCliSkopeoParity::listTags_data()
{
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("repository");
    for (const QString &variant : {QStringLiteral("anonymous"), QStringLiteral("htpasswd"), QStringLiteral("token"), QStringLiteral("tls")}) {
        for (const QString &repository : {Fixtures::OciImage, Fixtures::ManyTags, Fixtures::Nested})
            QTest::addRow("%s %s", qPrintable(variant), qPrintable(repository)) << variant << repository;
    }
}

void TestCliSkopeoParity::listTags()
{
    QFETCH(QString, variant);
    QFETCH(QString, repository);
    const QStringList args = QStringList{QStringLiteral("list-tags")} + flags(variant)
        + QStringList{QStringLiteral("docker://") + server(variant)->hostAndPort() + QLatin1Char('/') + repository};
    const ProcessResult ours = runCli(args);
    const ProcessResult theirs = runSkopeo(args);
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QCOMPARE(QJsonDocument::fromJson(ours.out), QJsonDocument::fromJson(theirs.out));
    QCOMPARE(ours.out, theirs.out); // same formatting, too
}

QTEST_GUILESS_MAIN(TestCliSkopeoParity)
#include "test_cli_skopeo_parity.moc"
