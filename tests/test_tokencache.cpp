// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/tokencache.h"

#include <QTest>

using namespace crossdock;

class TestTokenCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyIgnoresScopeOrder();
    void shortExpiryCountsAsSixtySeconds();
    void longExpiry();
};

void TestTokenCache::keyIgnoresScopeOrder()
{
    QCOMPARE(TokenCache::key(QStringLiteral("r"), QStringLiteral("s"), {QStringLiteral("b"), QStringLiteral("a")}),
             TokenCache::key(QStringLiteral("r"), QStringLiteral("s"), {QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(TokenCache::key(QStringLiteral("r"), QStringLiteral("s"), {QStringLiteral("a")})
            != TokenCache::key(QStringLiteral("r"), QStringLiteral("s"), {QStringLiteral("a"), QStringLiteral("b")}));
}

void TestTokenCache::shortExpiryCountsAsSixtySeconds()
{
    QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    TokenCache cache([&now] { return now; });
    cache.insert(QStringLiteral("k"), QStringLiteral("tok"), 5);
    now = now.addSecs(30);
    QCOMPARE(cache.find(QStringLiteral("k")), QStringLiteral("tok")); // 5 s was raised to 60 s
    now = now.addSecs(30);
    QCOMPARE(cache.find(QStringLiteral("k")), QString());             // expired (with the safety margin)
}

void TestTokenCache::longExpiry()
{
    QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    TokenCache cache([&now] { return now; });
    cache.insert(QStringLiteral("k"), QStringLiteral("tok"), 300);
    now = now.addSecs(290);
    QCOMPARE(cache.find(QStringLiteral("k")), QStringLiteral("tok"));
    now = now.addSecs(6);
    QCOMPARE(cache.find(QStringLiteral("k")), QString());
    cache.insert(QStringLiteral("k"), QStringLiteral("tok2"), 300);
    cache.remove(QStringLiteral("k"));
    QCOMPARE(cache.find(QStringLiteral("k")), QString());
}

QTEST_GUILESS_MAIN(TestTokenCache)
#include "test_tokencache.moc"
