// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The Tag column's order (tagSortKey): versions by their numbers, a
// pre-release before its release, everything else in natural order.
#include "core/browse/tagorder.h"

#include <QTest>

#include <algorithm>

using namespace crossdock;

class TestTagOrder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sortsAsPeopleExpect_data();
    void sortsAsPeopleExpect();
};

void TestTagOrder::sortsAsPeopleExpect_data()
{
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("patch numbers") << QStringList {QStringLiteral("1.0.2"), QStringLiteral("1.0.9"), QStringLiteral("1.0.10")};
    QTest::newRow("minor and major") << QStringList {QStringLiteral("1.9"), QStringLiteral("1.10.0"), QStringLiteral("2.0.0"), QStringLiteral("10.0")};
    QTest::newRow("pre-releases first") << QStringList {QStringLiteral("1.0.0-alpha"), QStringLiteral("1.0.0-alpha.2"),
        QStringLiteral("1.0.0-alpha.10"), QStringLiteral("1.0.0-rc.1"), QStringLiteral("1.0.0"), QStringLiteral("1.0.1-beta")};
    QTest::newRow("v prefix beside the bare version") << QStringList {QStringLiteral("1.2.0"), QStringLiteral("v1.2.1"), QStringLiteral("1.3")};
    QTest::newRow("pull requests") << QStringList {QStringLiteral("pr-9"), QStringLiteral("pr-10"), QStringLiteral("pr-1707"), QStringLiteral("pr-1707-fix")};
    QTest::newRow("words, any case") << QStringList {QStringLiteral("alpine"), QStringLiteral("Bookworm"), QStringLiteral("latest"), QStringLiteral("Main")};
    QTest::newRow("versions before words") << QStringList {QStringLiteral("0.1"), QStringLiteral("9.9.9"), QStringLiteral("edge"), QStringLiteral("latest")};
    QTest::newRow("dates") << QStringList {QStringLiteral("2023-01-05"), QStringLiteral("2023-02-01"), QStringLiteral("2023-11-30"), QStringLiteral("2024-01-01")};
    QTest::newRow("leading zeros") << QStringList {QStringLiteral("build-007"), QStringLiteral("build-8"), QStringLiteral("build-0010")};
}

void TestTagOrder::sortsAsPeopleExpect()
{
    QFETCH(QStringList, expected);
    // Every permutation of a shuffle sorts back: reversed and rotated.
    for (QStringList tags : {QStringList(expected.crbegin(), expected.crend()), expected.mid(1) + expected.mid(0, 1)}) {
        std::sort(tags.begin(), tags.end(), [](const QString &a, const QString &b) { return tagSortKey(a) < tagSortKey(b); });
        QCOMPARE(tags, expected);
    }
}

QTEST_APPLESS_MAIN(TestTagOrder)
#include "test_tagorder.moc"
