// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The search across registries (SearchIndex): every word must appear, hits
// ranked as people look for names, shorter and repositories first.
#include "core/browse/searchindex.h"

#include <QTest>

using namespace crossdock;

class TestSearchIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ranksAsPeopleLook();
    void everyWordMustAppear();
    void namesAreKeptOnceAndRegistriesGo();
};

namespace {

QStringList names(const QList<SearchIndex::Hit> &hits)
{
    QStringList out;
    for (const SearchIndex::Hit &hit : hits)
        out << hit.registry + QLatin1Char('/') + hit.repository + (hit.tag.isEmpty() ? QString() : QLatin1Char(':') + hit.tag);
    return out;
}

} // namespace

void TestSearchIndex::ranksAsPeopleLook()
{
    SearchIndex index;
    index.addRepositories(QStringLiteral("quay.io"), {QStringLiteral("team/nginx-exporter"), QStringLiteral("library/nginx"),
                                                          QStringLiteral("ops/mynginxtools"), QStringLiteral("team/web/nginx-ingress")});
    index.addTags(QStringLiteral("docker.io"), QStringLiteral("library/nginx"), {QStringLiteral("1.25"), QStringLiteral("latest")});
    const QStringList hits = names(index.search(QStringLiteral("nginx")));
    // The exact last part first (shorter name first among them, the
    // repository before its tags), then names starting with it, then a word
    // of a name starting with it, then anywhere.
    QCOMPARE(hits.mid(0, 2), (QStringList {QStringLiteral("docker.io/library/nginx"), QStringLiteral("quay.io/library/nginx")}));
    QCOMPARE(hits.indexOf(QStringLiteral("quay.io/ops/mynginxtools")), hits.size() - 1);
    QVERIFY(hits.indexOf(QStringLiteral("quay.io/team/nginx-exporter")) < hits.indexOf(QStringLiteral("quay.io/ops/mynginxtools")));
    QVERIFY(hits.contains(QStringLiteral("docker.io/library/nginx:1.25")));
    QCOMPARE(index.search(QStringLiteral("NGINX"), 3).size(), 3); // case, and the limit
}

void TestSearchIndex::everyWordMustAppear()
{
    SearchIndex index;
    index.addTags(QStringLiteral("registry.example:5000"), QStringLiteral("team/app"),
        {QStringLiteral("1.24.0"), QStringLiteral("1.25.3"), QStringLiteral("latest")});
    index.addRepositories(QStringLiteral("quay.io"), {QStringLiteral("team/app")});
    QCOMPARE(names(index.search(QStringLiteral("app 1.25"))), QStringList {QStringLiteral("registry.example:5000/team/app:1.25.3")});
    // A registry's name counts as a word of every name on it.
    QCOMPARE(names(index.search(QStringLiteral("quay app"))), QStringList {QStringLiteral("quay.io/team/app")});
    QVERIFY(index.search(QStringLiteral("app 9.9")).isEmpty());
    QVERIFY(index.search(QStringLiteral("   ")).isEmpty());
}

void TestSearchIndex::namesAreKeptOnceAndRegistriesGo()
{
    SearchIndex index;
    index.addRepositories(QStringLiteral("a.io"), {QStringLiteral("x/app")});
    index.addRepositories(QStringLiteral("a.io"), {QStringLiteral("x/app")}); // a catalog page seen twice
    index.addTags(QStringLiteral("a.io"), QStringLiteral("x/app"), {QStringLiteral("1")});
    index.addRepositories(QStringLiteral("b.io"), {QStringLiteral("x/app")});
    QCOMPARE(index.size(), 3);
    index.removeRegistry(QStringLiteral("a.io"));
    QCOMPARE(names(index.search(QStringLiteral("app"))), QStringList {QStringLiteral("b.io/x/app")});
    index.addRepositories(QStringLiteral("a.io"), {QStringLiteral("x/app")});
    QCOMPARE(index.size(), 2);
}

QTEST_APPLESS_MAIN(TestSearchIndex)
#include "test_searchindex.moc"
