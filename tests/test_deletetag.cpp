// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// crossdock-cli delete and tag against a real, writable registry seeded by
// skopeo (an independent tool).
#include "fixtures.h"
#include "registryset.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace crossdock::test;

class TestDeleteTag : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void tagAddsATagWithoutMovingData();
    void tagRefusesBadTags();
    void tagRefusesANewlineInTheTag();
    void deleteRefusesWhenOtherTagsShareTheDigest();
    void deleteForceRemovesAllOfThem();
    void deleteByDigest();
    void deleteMissingExitsTwo();
    void deleteDisabledSaysSo();

private:
    void seed(RegistryServer *server, const QString &image, const QStringList &tags);
    QString ref(RegistryServer *server, const QString &rest) const { return QStringLiteral("docker://") + server->hostAndPort() + QLatin1Char('/') + rest; }
    QStringList tags(RegistryServer *server, const QString &repository);
    QByteArray raw(const QString &reference);

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<RegistryServer> m_registry;
};

void TestDeleteTag::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestDeleteTag::init()
{
    m_registry = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_registry->isRunning(), qPrintable(m_registry->errorText()));
}

void TestDeleteTag::seed(RegistryServer *server, const QString &image, const QStringList &tagList)
{
    for (const QString &tag : tagList) {
        const ProcessResult r = runSkopeo({QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--preserve-digests"),
                                           QStringLiteral("--src-tls-verify=false"), QStringLiteral("--dest-tls-verify=false"),
                                           ref(m_set->anonymous(), image), ref(server, QStringLiteral("app:") + tag)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
}

QStringList TestDeleteTag::tags(RegistryServer *server, const QString &repository)
{
    const ProcessResult r = runSkopeo({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"), ref(server, repository)});
    QStringList list;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(QLatin1String("Tags")).toArray())
        list << v.toString();
    list.sort();
    return list;
}

QByteArray TestDeleteTag::raw(const QString &reference)
{
    return runSkopeo({QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"), reference}).out;
}

void TestDeleteTag::tagAddsATagWithoutMovingData()
{
    seed(m_registry.get(), Fixtures::OciIndex + QStringLiteral(":multi"), {QStringLiteral("1.0")});
    const ProcessResult r = runCli({QStringLiteral("tag"), ref(m_registry.get(), QStringLiteral("app:1.0")), QStringLiteral("stable")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(raw(ref(m_registry.get(), QStringLiteral("app:stable"))), raw(ref(m_registry.get(), QStringLiteral("app:1.0"))));
    QCOMPARE(tags(m_registry.get(), QStringLiteral("app")), (QStringList{QStringLiteral("1.0"), QStringLiteral("stable")}));
}

void TestDeleteTag::tagRefusesBadTags()
{
    const ProcessResult r = runCli({QStringLiteral("tag"), ref(m_registry.get(), QStringLiteral("app:1.0")), QStringLiteral(".bad/tag")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("invalid tag \".bad/tag\""), r.err.constData());
}

void TestDeleteTag::tagRefusesANewlineInTheTag()
{
    // "$" matches before a final newline: the tag would be PUT as evil%0A.
    seed(m_registry.get(), Fixtures::OciImage + QStringLiteral(":1.0"), {QStringLiteral("1.0")});
    const ProcessResult r = runCli({QStringLiteral("tag"), ref(m_registry.get(), QStringLiteral("app:1.0")), QStringLiteral("evil\n")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("invalid tag \"evil\\n\""), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1); // one line
    QCOMPARE(tags(m_registry.get(), QStringLiteral("app")), QStringList{QStringLiteral("1.0")});
}

void TestDeleteTag::deleteRefusesWhenOtherTagsShareTheDigest()
{
    seed(m_registry.get(), Fixtures::OciImage + QStringLiteral(":1.0"), {QStringLiteral("1.0"), QStringLiteral("latest"), QStringLiteral("stable")});
    const ProcessResult r = runCli({QStringLiteral("delete"), ref(m_registry.get(), QStringLiteral("app:1.0"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("would also delete 2 other tag(s)") && r.err.contains("latest, stable") && r.err.contains("--force"),
             r.err.constData());
    QCOMPARE(tags(m_registry.get(), QStringLiteral("app")).size(), 3); // nothing lost
}

void TestDeleteTag::deleteForceRemovesAllOfThem()
{
    seed(m_registry.get(), Fixtures::OciImage + QStringLiteral(":1.0"), {QStringLiteral("1.0"), QStringLiteral("latest")});
    seed(m_registry.get(), Fixtures::DockerImage + QStringLiteral(":2.1"), {QStringLiteral("other")});
    const ProcessResult r = runCli({QStringLiteral("delete"), QStringLiteral("--force"), ref(m_registry.get(), QStringLiteral("app:1.0"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tags(m_registry.get(), QStringLiteral("app")), QStringList{QStringLiteral("other")});
}

void TestDeleteTag::deleteByDigest()
{
    seed(m_registry.get(), Fixtures::OciImage + QStringLiteral(":1.0"), {QStringLiteral("only")});
    const QString digest = QString::fromUtf8(runCli({QStringLiteral("manifest-digest"), QStringLiteral("/dev/stdin")}, raw(ref(m_registry.get(), QStringLiteral("app:only")))).out.trimmed());
    QVERIFY(digest.startsWith(QStringLiteral("sha256:")));
    const ProcessResult r = runCli({QStringLiteral("delete"), ref(m_registry.get(), QStringLiteral("app@") + digest)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(tags(m_registry.get(), QStringLiteral("app")).isEmpty());
}

void TestDeleteTag::deleteMissingExitsTwo()
{
    seed(m_registry.get(), Fixtures::OciImage + QStringLiteral(":1.0"), {QStringLiteral("1.0")});
    const ProcessResult r = runCli({QStringLiteral("delete"), ref(m_registry.get(), QStringLiteral("app:nope"))});
    QCOMPARE(r.exitCode, 2);
}

void TestDeleteTag::deleteDisabledSaysSo()
{
    RegistryServer::Options o;
    o.deleteEnabled = false;
    RegistryServer locked(o);
    QVERIFY2(locked.isRunning(), qPrintable(locked.errorText()));
    seed(&locked, Fixtures::OciImage + QStringLiteral(":1.0"), {QStringLiteral("1.0")});
    const ProcessResult r = runCli({QStringLiteral("delete"), ref(&locked, QStringLiteral("app:1.0"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("deletion is disabled on this registry") && r.err.contains("storage.delete.enabled"), r.err.constData());
    QCOMPARE(tags(&locked, QStringLiteral("app")), QStringList{QStringLiteral("1.0")});
}

QTEST_GUILESS_MAIN(TestDeleteTag)
#include "test_deletetag.moc"
