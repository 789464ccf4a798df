// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/authchallenge.h"

#include <QTest>

using namespace crossdock;

class TestAuthChallenge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void preferBearer();
};

using Params = QMap<QString, QString>;

void TestAuthChallenge::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("schemes");
    QTest::addColumn<Params>("firstParams");

    QTest::newRow("docker hub bearer")
        << QByteArray(R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull")")
        << QStringList{QStringLiteral("bearer")}
        << Params{{QStringLiteral("realm"), QStringLiteral("https://auth.docker.io/token")},
                  {QStringLiteral("service"), QStringLiteral("registry.docker.io")},
                  {QStringLiteral("scope"), QStringLiteral("repository:library/nginx:pull")}};
    QTest::newRow("basic") << QByteArray(R"(Basic realm="Registry Realm")") << QStringList{QStringLiteral("basic")}
                           << Params{{QStringLiteral("realm"), QStringLiteral("Registry Realm")}};
    QTest::newRow("spaces after commas and case")
        << QByteArray(R"(BEARER Realm="https://r/token", Service="svc" , scope="a b")")
        << QStringList{QStringLiteral("bearer")}
        << Params{{QStringLiteral("realm"), QStringLiteral("https://r/token")}, {QStringLiteral("service"), QStringLiteral("svc")},
                  {QStringLiteral("scope"), QStringLiteral("a b")}};
    QTest::newRow("quoted comma and escape")
        << QByteArray(R"(Bearer realm="https://r/t,x",error="insufficient_scope",scope="repository:a:pull,push",note="say \"hi\"")")
        << QStringList{QStringLiteral("bearer")}
        << Params{{QStringLiteral("realm"), QStringLiteral("https://r/t,x")},
                  {QStringLiteral("error"), QStringLiteral("insufficient_scope")},
                  {QStringLiteral("scope"), QStringLiteral("repository:a:pull,push")},
                  {QStringLiteral("note"), QStringLiteral("say \"hi\"")}};
    QTest::newRow("two challenges")
        << QByteArray(R"(Basic realm="basic-realm", Bearer realm="https://r/token",service="svc")")
        << QStringList{QStringLiteral("basic"), QStringLiteral("bearer")}
        << Params{{QStringLiteral("realm"), QStringLiteral("basic-realm")}};
    QTest::newRow("unquoted values") << QByteArray("Bearer realm=https://r/token,service=svc")
                                     << QStringList{QStringLiteral("bearer")}
                                     << Params{{QStringLiteral("realm"), QStringLiteral("https://r/token")},
                                               {QStringLiteral("service"), QStringLiteral("svc")}};
    QTest::newRow("empty") << QByteArray() << QStringList{} << Params{};
}

void TestAuthChallenge::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, schemes);
    QFETCH(Params, firstParams);
    const QList<AuthChallenge> challenges = AuthChallenge::parse(header);
    QStringList got;
    for (const AuthChallenge &c : challenges)
        got << c.scheme;
    QCOMPARE(got, schemes);
    if (!challenges.isEmpty())
        QCOMPARE(challenges.first().params, firstParams);
}

void TestAuthChallenge::preferBearer()
{
    const auto challenges = AuthChallenge::parse(R"(Basic realm="x", Bearer realm="https://r/t")");
    QVERIFY(AuthChallenge::preferred(challenges)->isBearer());
    QVERIFY(AuthChallenge::preferred(AuthChallenge::parse("Negotiate abc")) == nullptr);
}

QTEST_GUILESS_MAIN(TestAuthChallenge)
#include "test_authchallenge.moc"
