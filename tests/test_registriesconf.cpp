// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// registries.conf as containers/image reads it (core/registry/registriesconf):
// prefix matching, wildcards, pull sources with mirrors and rewrites,
// drop-ins overriding the main file, version 1, and errors that name where.
#include "core/registry/registriesconf.h"
#include "core/registry/shortnames.h"

#include <QTemporaryDir>
#include <QTest>

using namespace crossdock;

class TestRegistriesConf : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void longestPrefixWins();
    void wildcardMatchesSubdomainsOnly();
    void pullSourcesMirrorsThenRewrite();
    void pullFromMirrorModes();
    void dropInsOverride();
    void versionOne();
    void errors_data();
    void errors();
    void shortNames_data();
    void shortNames();
};

namespace {

RegistriesConf conf(const char *toml)
{
    QString error;
    const auto parsed = RegistriesConf::fromText(QString::fromUtf8(toml), QStringLiteral("test.conf"), &error);
    if (!parsed)
        qFatal("%s", qPrintable(error));
    return *parsed;
}

QStringList references(const QList<RegistriesConf::PullSource> &sources)
{
    QStringList out;
    for (const auto &s : sources)
        out << s.reference + (s.mirror ? QStringLiteral(" (mirror)") : QString()) + (s.insecure ? QStringLiteral(" insecure") : QString());
    return out;
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

} // namespace

void TestRegistriesConf::longestPrefixWins()
{
    const RegistriesConf c = conf("[[registry]]\nlocation = \"r.io\"\ninsecure = true\n"
                                  "[[registry]]\nprefix = \"r.io/team\"\nlocation = \"mirror.r.io/team\"\nblocked = true\n");
    QCOMPARE(c.find(QStringLiteral("r.io/team/app:1"))->prefix, QStringLiteral("r.io/team"));
    QCOMPARE(c.find(QStringLiteral("r.io/teamster/app"))->prefix, QStringLiteral("r.io")); // not a namespace of r.io/team
    QCOMPARE(c.find(QStringLiteral("r.io/x@sha256:00"))->prefix, QStringLiteral("r.io"));
    QVERIFY(!c.find(QStringLiteral("other.io/x")));
    QVERIFY(!c.find(QStringLiteral("r.iox/x")));
}

void TestRegistriesConf::wildcardMatchesSubdomainsOnly()
{
    const RegistriesConf c = conf("[[registry]]\nprefix = \"*.example.com\"\nblocked = true\n"
                                  "[[registry]]\nprefix = \"ok.example.com\"\nlocation = \"ok.example.com\"\n");
    QVERIFY(c.find(QStringLiteral("a.example.com/x"))->blocked);
    QVERIFY(c.find(QStringLiteral("a.b.example.com:5000/x"))->blocked);
    QVERIFY(!c.find(QStringLiteral("example.com/x")));
    QVERIFY(!c.find(QStringLiteral("ok.example.com/x"))->blocked); // an exact prefix is more specific
}

void TestRegistriesConf::pullSourcesMirrorsThenRewrite()
{
    const RegistriesConf c = conf("[[registry]]\nprefix = \"docker.io/library\"\nlocation = \"hub.internal/lib\"\n"
                                  "[[registry.mirror]]\nlocation = \"m1.internal/dh\"\n"
                                  "[[registry.mirror]]\nlocation = \"m2.internal\"\ninsecure = true\n");
    QCOMPARE(references(c.pullSources(QStringLiteral("docker.io/library/nginx:1.25"))),
        (QStringList {QStringLiteral("m1.internal/dh/nginx:1.25 (mirror)"), QStringLiteral("m2.internal/nginx:1.25 (mirror) insecure"),
            QStringLiteral("hub.internal/lib/nginx:1.25")}));
    QCOMPARE(references(c.pullSources(QStringLiteral("quay.io/x:1"))), QStringList {QStringLiteral("quay.io/x:1")});
}

void TestRegistriesConf::pullFromMirrorModes()
{
    const RegistriesConf c = conf("[[registry]]\nlocation = \"r.io\"\n"
                                  "[[registry.mirror]]\nlocation = \"digest.m\"\npull-from-mirror = \"digest-only\"\n"
                                  "[[registry.mirror]]\nlocation = \"tag.m\"\npull-from-mirror = \"tag-only\"\n"
                                  "[[registry.mirror]]\nlocation = \"all.m\"\n");
    QCOMPARE(references(c.pullSources(QStringLiteral("r.io/a:1"))),
        (QStringList {QStringLiteral("tag.m/a:1 (mirror)"), QStringLiteral("all.m/a:1 (mirror)"), QStringLiteral("r.io/a:1")}));
    QCOMPARE(references(c.pullSources(QStringLiteral("r.io/a@sha256:00"))),
        (QStringList {QStringLiteral("digest.m/a@sha256:00 (mirror)"), QStringLiteral("all.m/a@sha256:00 (mirror)"),
            QStringLiteral("r.io/a@sha256:00")}));
    const RegistriesConf byDigest = conf("[[registry]]\nlocation = \"r.io\"\nmirror-by-digest-only = true\n"
                                         "[[registry.mirror]]\nlocation = \"m\"\n");
    QCOMPARE(byDigest.pullSources(QStringLiteral("r.io/a:1")).size(), 1);
    QCOMPARE(byDigest.pullSources(QStringLiteral("r.io/a@sha256:00")).size(), 2);
}

void TestRegistriesConf::dropInsOverride()
{
    QTemporaryDir dir;
    const auto write = [&](const QString &name, const QByteArray &text) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    };
    write(QStringLiteral("main.conf"), "unqualified-search-registries = [\"a.io\"]\nshort-name-mode = \"enforcing\"\n"
                                       "[[registry]]\nlocation = \"r.io\"\nblocked = true\n[aliases]\n\"app\" = \"a.io/app\"\n");
    write(QStringLiteral("10-unblock.conf"), "[[registry]]\nlocation = \"r.io\"\ninsecure = true\n[aliases]\n\"tool\" = \"b.io/tool\"\n");
    write(QStringLiteral("20-search.conf"), "unqualified-search-registries = [\"b.io\", \"c.io\"]\n");
    QString error;
    const auto c = RegistriesConf::loadFiles({dir.filePath(QStringLiteral("main.conf")), dir.filePath(QStringLiteral("10-unblock.conf")),
                                                 dir.filePath(QStringLiteral("20-search.conf")), dir.filePath(QStringLiteral("missing.conf"))},
        &error);
    QVERIFY2(c, qPrintable(error));
    QVERIFY(!c->find(QStringLiteral("r.io/x"))->blocked);
    QVERIFY(c->find(QStringLiteral("r.io/x"))->insecure);
    QVERIFY(c->find(QStringLiteral("r.io/x"))->file.endsWith(QLatin1String("10-unblock.conf")));
    QCOMPARE(c->unqualifiedSearchRegistries(), (QStringList {QStringLiteral("b.io"), QStringLiteral("c.io")}));
    QCOMPARE(c->shortNameMode(), QStringLiteral("enforcing"));
    QCOMPARE(c->aliases().size(), 2);
    QCOMPARE(c->files().size(), 3); // a missing file is no configuration
}

void TestRegistriesConf::versionOne()
{
    const RegistriesConf c = conf("[registries.search]\nregistries = [\"s.io\"]\n"
                                  "[registries.insecure]\nregistries = [\"i.io:5000\"]\n"
                                  "[registries.block]\nregistries = [\"b.io\"]\n");
    QCOMPARE(c.unqualifiedSearchRegistries(), QStringList {QStringLiteral("s.io")});
    QVERIFY(c.find(QStringLiteral("i.io:5000/x"))->insecure);
    QVERIFY(c.find(QStringLiteral("b.io/x"))->blocked);
}

void TestRegistriesConf::errors_data()
{
    QTest::addColumn<QString>("toml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("toml syntax") << "[[registry]\n" << "test.conf: line 1, column";
    QTest::newRow("wrong type") << "[[registry]]\nlocation = \"r.io\"\nblocked = \"yes\"\n" << "blocked has the wrong type";
    QTest::newRow("scheme") << "[[registry]]\nlocation = \"https://r.io\"\n" << "take no scheme";
    QTest::newRow("prefix without location") << "[[registry]]\nprefix = \"r.io\"\n" << "location is not set";
    QTest::newRow("wildcard with location") << "[[registry]]\nprefix = \"*.r.io\"\nlocation = \"x.io\"\n" << "cannot have a location";
    QTest::newRow("wildcard in the middle") << "[[registry]]\nprefix = \"a.*.io\"\nlocation = \"x\"\n" << "* may only start a prefix";
    QTest::newRow("bad pull-from-mirror") << "[[registry]]\nlocation = \"r.io\"\n[[registry.mirror]]\nlocation = \"m\"\npull-from-mirror = \"sometimes\"\n"
                                          << "pull-from-mirror is all, digest-only or tag-only";
    QTest::newRow("mixed versions") << "[registries.search]\nregistries = []\n[[registry]]\nlocation = \"r.io\"\n" << "mixes the version 1";
    QTest::newRow("bad short-name-mode") << "short-name-mode = \"lax\"\n" << "short-name-mode is enforcing, permissive or disabled";
    QTest::newRow("search not strings") << "unqualified-search-registries = [1]\n" << "must be an array of strings";
    QTest::newRow("search with a path") << "unqualified-search-registries = [\"r.io/team\"]\n" << "\"r.io/team\" is not a registry host[:port]";
    QTest::newRow("alias with a tag") << "[aliases]\n\"app\" = \"r.io/team/app:1\"\n" << "[aliases] \"app\": \"r.io/team/app:1\" must have no tag or digest";
    QTest::newRow("alias without a registry") << "[aliases]\n\"app\" = \"team/app\"\n" << "must name the registry and repository";
    QTest::newRow("alias key with a registry") << "[aliases]\n\"r.io/app\" = \"r.io/team/app\"\n" << "a short name has no registry";
    QTest::newRow("alias key with a tag") << "[aliases]\n\"app:1\" = \"r.io/team/app\"\n" << "a short name has no tag or digest";
}

void TestRegistriesConf::errors()
{
    QFETCH(QString, toml);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!RegistriesConf::fromText(toml, QStringLiteral("test.conf"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("test.conf: ")) && error.contains(expected), qPrintable(error));
}

void TestRegistriesConf::shortNames_data()
{
    QTest::addColumn<QString>("toml");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("single"); // ShortNames::Use::Single, else Pull
    QTest::addColumn<QStringList>("expected"); // candidates, or "error: <part of it>"
    const QString search = QStringLiteral("unqualified-search-registries = [\"a.io\", \"docker.io\"]\n");
    const QString alias = QStringLiteral("[aliases]\n\"app\" = \"r.io/team/app\"\n");
    QTest::newRow("no config: docker.io") << QString() << "app" << false << strings({"docker.io/library/app:latest"});
    QTest::newRow("full name untouched") << search + alias << "r.io/x/app:2" << false << strings({"r.io/x/app:2"});
    QTest::newRow("localhost is a host") << search << "localhost/app" << false << strings({"localhost/app:latest"});
    QTest::newRow("alias keeps the tag") << search + alias << "app:1.2" << true << strings({"r.io/team/app:1.2"});
    QTest::newRow("alias keeps the digest") << alias << QStringLiteral("app@sha256:") + QString(64, QLatin1Char('a')) << false
                                            << QStringList {QStringLiteral("r.io/team/app@sha256:") + QString(64, QLatin1Char('a'))};
    QTest::newRow("alias is by whole name") << alias << "team/app" << false << strings({"docker.io/team/app:latest"});
    QTest::newRow("search in order") << search << "team/app:3" << false << strings({"a.io/team/app:3", "docker.io/team/app:3"});
    QTest::newRow("docker.io adds library/") << search << "app" << false << strings({"a.io/app:latest", "docker.io/library/app:latest"});
    QTest::newRow("one search registry is no ambiguity") << QStringLiteral("unqualified-search-registries = [\"a.io\"]\nshort-name-mode = \"enforcing\"\n")
                                                         << "app" << true << strings({"a.io/app:latest"});
    QTest::newRow("enforcing never guesses") << search + QStringLiteral("short-name-mode = \"enforcing\"\n") << "app" << false
                                             << strings({"error: short-name-mode is \"enforcing\""});
    QTest::newRow("disabled tries all") << search + QStringLiteral("short-name-mode = \"disabled\"\n") << "app" << false
                                        << strings({"a.io/app:latest", "docker.io/library/app:latest"});
    QTest::newRow("a destination must be one") << search << "app" << true
                                               << strings({"error: the unqualified-search-registries of test.conf (a.io, docker.io) make it ambiguous"});
}

void TestRegistriesConf::shortNames()
{
    QFETCH(QString, toml);
    QFETCH(QString, text);
    QFETCH(bool, single);
    QFETCH(QStringList, expected);
    QString error;
    const auto c = RegistriesConf::fromText(toml, QStringLiteral("test.conf"), &error);
    QVERIFY2(c, qPrintable(error));
    const ShortNames::Resolution r = ShortNames::resolve(*c, text, single ? ShortNames::Use::Single : ShortNames::Use::Pull);
    if (expected.first().startsWith(QLatin1String("error: "))) {
        QVERIFY(r.candidates.isEmpty());
        QVERIFY2(r.error.contains(expected.first().mid(7)), qPrintable(r.error));
        return;
    }
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QStringList got;
    for (const ImageReference &candidate : r.candidates)
        got << candidate.toString();
    QCOMPARE(got, expected);
    QCOMPARE(r.how.isEmpty(), toml.isEmpty() || !ShortNames::isShortName(text) || got.first().startsWith(QLatin1String("docker.io/team")));
}

QTEST_GUILESS_MAIN(TestRegistriesConf)
#include "test_registriesconf.moc"
