// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// "Test connection" against the real htpasswd, token and TLS registries.
#include "core/registry/connectiontestjob.h"
#include "core/registry/registryclient.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace crossdock;
using namespace crossdock::test;

class TestConnectionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everythingFine_data();
    void everythingFine();
    void wrongPassword();
    void catalogHiddenIsNotFatal();
    void untrustedCertificate();
    void unreachable();

private:
    QStringList run(RegistryServer *server, const Credentials &credentials, Error *error, const TlsSettings &tls = {});
    RegistryServer *server(const QString &name) const;

    std::unique_ptr<RegistrySet> m_set;
    QNetworkAccessManager m_network;
};

void TestConnectionTest::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Htpasswd | RegistrySet::Token | RegistrySet::Tls);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

RegistryServer *TestConnectionTest::server(const QString &name) const
{
    return name == QLatin1String("token") ? m_set->token() : m_set->htpasswd();
}

QStringList TestConnectionTest::run(RegistryServer *registry, const Credentials &credentials, Error *error, const TlsSettings &tls)
{
    RegistryClient client(registry->hostAndPort(), tls, credentials, &m_network);
    RetryPolicy quick;
    quick.maxAttempts = 1;
    client.setRetryPolicy(quick);
    ConnectionTestJob job(&client);
    if (!runJob(&job))
        return {QStringLiteral("test: did not finish")};
    *error = job.error();
    return job.reportLines();
}

void TestConnectionTest::everythingFine_data()
{
    QTest::addColumn<QString>("registry");
    QTest::newRow("htpasswd") << "htpasswd";
    QTest::newRow("token") << "token";
}

void TestConnectionTest::everythingFine()
{
    QFETCH(QString, registry);
    Error error;
    const QStringList lines = run(server(registry), {RegistrySet::User, RegistrySet::Password, {}}, &error);
    QVERIFY2(!error.isError(), qPrintable(lines.join(QLatin1Char('\n'))));
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[0].startsWith(QStringLiteral("Reachable? yes")));
    QVERIFY(lines[1].startsWith(QStringLiteral("TLS trusted? not checked - plain HTTP")));
    QCOMPARE(lines[2], QStringLiteral("Credentials accepted? yes - logged in as ") + RegistrySet::User);
    QVERIFY2(lines[3].startsWith(QStringLiteral("Lists repositories? yes")), qPrintable(lines[3]));
}

void TestConnectionTest::wrongPassword()
{
    for (const QString &name : {QStringLiteral("htpasswd"), QStringLiteral("token")}) {
        Error error;
        const QStringList lines = run(server(name), {RegistrySet::User, QStringLiteral("guess"), {}}, &error);
        QCOMPARE(error.code, Error::Code::Unauthorized);
        QVERIFY2(lines.last().startsWith(QStringLiteral("Credentials accepted? no")), qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY(lines.last().contains(QStringLiteral("rejected the user name or password")));
        QVERIFY(!lines.join(QLatin1Char(' ')).contains(QStringLiteral("guess")));
    }
}

void TestConnectionTest::catalogHiddenIsNotFatal()
{
    Error error;
    const QStringList lines = run(m_set->token(), {RegistrySet::ReaderUser, RegistrySet::ReaderPassword, {}}, &error);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QVERIFY2(lines.last().startsWith(QStringLiteral("Lists repositories? no")), qPrintable(lines.last()));
    QVERIFY(lines.last().contains(QStringLiteral("open repositories by name")));
}

void TestConnectionTest::untrustedCertificate()
{
    Error error;
    QStringList lines = run(m_set->tls(), {}, &error);
    QCOMPARE(error.code, Error::Code::Tls);
    QVERIFY2(lines.size() == 2 && lines[1].startsWith(QStringLiteral("TLS trusted? no")), qPrintable(lines.join(QLatin1Char('\n'))));
    TlsSettings tls;
    tls.caFiles = {m_set->tlsCaFile()};
    lines = run(m_set->tls(), {}, &error, tls);
    QVERIFY2(!error.isError(), qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(lines[1].startsWith(QStringLiteral("TLS trusted? yes")));
}

void TestConnectionTest::unreachable()
{
    RegistryServer::Options o;
    auto gone = std::make_unique<RegistryServer>(o);
    const QString host = gone->hostAndPort();
    gone.reset(); // stopped: the port no longer answers
    RegistryClient client(host, {}, {}, &m_network);
    ConnectionTestJob job(&client);
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::Unreachable);
    QVERIFY(job.reportLines().first().startsWith(QStringLiteral("Reachable? no - cannot reach registry")));
}

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "test_connectiontest.moc"
