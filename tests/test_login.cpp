// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Credentials: the OS keychain (a real Secret Service, see with-keyring.sh),
// auth files shared with skopeo, and crossdock-cli login/logout.
#include "core/credentials/keychainjob.h"
#include "fixtures.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock;
using namespace crossdock::test;

class TestLogin : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keychainRoundTrip();
    void loginWritesAnAuthFileSkopeoReads_data();
    void loginWritesAnAuthFileSkopeoReads();
    void wrongPasswordStoresNothing();
    void loginStoresThroughTheNamedHelper_data();
    void loginStoresThroughTheNamedHelper();
    void skopeoLoginThenCrossdock();
    void logout();
    void passwordInArgvWarns();
    void keychainLoginIsUsedByLookups();
    void noSecretServiceSaysSoAndWritesNothing();
    void secretsNeverInOutput();

private:
    ProcessResult login(const QStringList &extra, RegistryServer *server, const QString &password);

    std::unique_ptr<RegistrySet> m_set;
    QTemporaryDir m_dir;
    QByteArrayList m_outputs; // every CLI output of this test, scanned at the end
};

void TestLogin::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Htpasswd | RegistrySet::Token);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

ProcessResult TestLogin::login(const QStringList &extra, RegistryServer *server, const QString &password)
{
    const ProcessResult r = runCli(QStringList {QStringLiteral("login"), QStringLiteral("-u"), RegistrySet::User,
                                       QStringLiteral("--password-stdin")}
            + extra + QStringList {server->hostAndPort()},
        password.toUtf8());
    m_outputs << r.out << r.err;
    return r;
}

void TestLogin::keychainRoundTrip()
{
    const QString registry = QStringLiteral("keychain-test.example:5000");
    auto run = [](KeychainJob *job) {
        std::unique_ptr<KeychainJob> owned(job);
        const bool ok = runJob(job, 15000);
        return std::make_tuple(ok, job->error(), job->found(), job->credentials());
    };
    auto [wrote, writeError, f1, c1]
        = run(KeychainJob::write(registry, {QStringLiteral("u1"), QStringLiteral("p1"), {}}));
    QVERIFY(wrote);
    QVERIFY2(!writeError.isError(), qPrintable(writeError.message + QLatin1Char(' ') + writeError.detail));
    auto [read, readError, found, credentials] = run(KeychainJob::read(registry));
    QVERIFY(read && !readError.isError() && found);
    QCOMPARE(credentials.username, QStringLiteral("u1"));
    QCOMPARE(credentials.password, QStringLiteral("p1"));
    auto [updated, updateError, f2, c2]
        = run(KeychainJob::write(registry, {QStringLiteral("u2"), QStringLiteral("p2"), {}}));
    QVERIFY(updated && !updateError.isError());
    auto [reread, rereadError, found2, credentials2] = run(KeychainJob::read(registry));
    QVERIFY(found2);
    QCOMPARE(credentials2.username, QStringLiteral("u2"));
    QCOMPARE(credentials2.password, QStringLiteral("p2"));
    auto [removed, removeError, f3, c3] = run(KeychainJob::remove(registry));
    QVERIFY(removed && !removeError.isError());
    auto [gone, goneError, found3, c4] = run(KeychainJob::read(registry));
    QVERIFY(gone && !goneError.isError());
    QVERIFY(!found3);
}

void TestLogin::loginWritesAnAuthFileSkopeoReads_data()
{
    QTest::addColumn<QString>("variant");
    QTest::newRow("htpasswd") << "htpasswd";
    QTest::newRow("token") << "token";
}

void TestLogin::loginWritesAnAuthFileSkopeoReads()
{
    QFETCH(QString, variant);
    RegistryServer *server = variant == QLatin1String("token") ? m_set->token() : m_set->htpasswd();
    const QString authFile = m_dir.filePath(variant + QStringLiteral("-auth.json"));
    const ProcessResult r = login({QStringLiteral("--authfile"), authFile}, server, RegistrySet::Password);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("Login Succeeded!\n"));
    QCOMPARE(QFile(authFile).permissions()
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
        QFileDevice::Permissions());
    const ProcessResult skopeo = runSkopeo(
        {QStringLiteral("inspect"), QStringLiteral("--authfile"), authFile, QStringLiteral("--tls-verify=false"),
            QStringLiteral("docker://") + server->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage
                + QStringLiteral(":1.0")});
    QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
}

void TestLogin::loginStoresThroughTheNamedHelper_data()
{
    QTest::addColumn<QByteArray>("config"); // the auth file before login; HOST is replaced
    QTest::addColumn<bool>("helperWorks");
    QTest::newRow("credHelpers entry") << QByteArray(R"({"credHelpers":{"HOST":"crossdocktest"}})") << true;
    QTest::newRow("credsStore for all") << QByteArray(R"({"credsStore":"crossdocktest","auths":{}})") << true;
    QTest::newRow("helper fails") << QByteArray(R"({"credHelpers":{"HOST":"crossdocktest"}})") << false;
}

// An auth file naming a credential helper for the registry gets the login
// through that helper (docker's and skopeo's behaviour), not a plain-text
// "auth" entry; the helper is given the secret on stdin only; a lookup then
// finds it there again.
void TestLogin::loginStoresThroughTheNamedHelper()
{
    QFETCH(QByteArray, config);
    QFETCH(bool, helperWorks);
    RegistryServer *server = m_set->htpasswd();
    const QString host = server->hostAndPort();
    const QString bin = m_dir.filePath(QStringLiteral("helperbin"));
    const QString store = m_dir.filePath(QStringLiteral("helper-store.json"));
    QFile::remove(store);
    QVERIFY(QDir().mkpath(bin));
    QFile helper(bin + QStringLiteral("/docker-credential-crossdocktest"));
    QVERIFY(helper.open(QIODevice::WriteOnly | QIODevice::Truncate));
    helper.write(QByteArray("#!/bin/sh\n") + "printf '%s\\n' \"$*\" >> " + store.toUtf8() + ".argv\n"
        + (helperWorks ? QByteArray() : QByteArray("echo 'store failed: the keychain is locked' >&2; exit 1\n"))
        + "case \"$1\" in\n"
          "store) cat > " + store.toUtf8() + " ;;\n"
          "get) read server; cat " + store.toUtf8() + " ;;\n"
          "*) exit 3 ;;\n"
          "esac\n");
    helper.close();
    QVERIFY(helper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const QString authFile = m_dir.filePath(QStringLiteral("helped-%1.json").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('-')));
    const QByteArray before = QByteArray(config).replace("HOST", host.toUtf8());
    {
        QFile file(authFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(before);
    }
    QProcessEnvironment path;
    path.insert(QStringLiteral("PATH"), bin + QLatin1Char(':') + qEnvironmentVariable("PATH"));
    const ProcessResult r = runCli({QStringLiteral("login"), QStringLiteral("-u"), RegistrySet::User,
                                       QStringLiteral("--password-stdin"), QStringLiteral("--authfile"), authFile, host},
        RegistrySet::Password.toUtf8(), path);
    m_outputs << r.out << r.err;
    // The auth file is as it was: no plain-text secret was added to it.
    QFile file(authFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
    // The secret never went through argv.
    QFile argv(store + QStringLiteral(".argv"));
    QVERIFY(argv.open(QIODevice::ReadOnly));
    QVERIFY(!argv.readAll().contains(RegistrySet::Password.toUtf8()));
    if (!helperWorks) {
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QByteArray(QByteArray("credential helper docker-credential-crossdocktest could not store the login for ") + host.toUtf8()))
                && r.err.contains("the keychain is locked"),
            r.err.constData());
        return;
    }
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("Login Succeeded! (stored by docker-credential-crossdocktest)\n"));
    QFile stored(store);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(stored.readAll()).object();
    QCOMPARE(json.value(QLatin1String("ServerURL")).toString(), host);
    QCOMPARE(json.value(QLatin1String("Username")).toString(), RegistrySet::User);
    QCOMPARE(json.value(QLatin1String("Secret")).toString(), RegistrySet::Password);
    // And a lookup finds the login where it went.
    const ProcessResult inspect = runCli({QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--authfile"), authFile,
                                              QStringLiteral("docker://%1/%2:1.0").arg(host, Fixtures::OciImage)},
        {}, path);
    QVERIFY2(inspect.exitCode == 0, inspect.err.constData());
}

void TestLogin::wrongPasswordStoresNothing()
{
    const QString authFile = m_dir.filePath(QStringLiteral("wrong.json"));
    for (RegistryServer *server : {m_set->htpasswd(), m_set->token()}) {
        const ProcessResult r = login({QStringLiteral("--authfile"), authFile}, server, QStringLiteral("not-it"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("wrong username or password"), r.err.constData());
        QVERIFY(!QFile::exists(authFile));
    }
}

void TestLogin::skopeoLoginThenCrossdock()
{
    const QString authFile = m_dir.filePath(QStringLiteral("by-skopeo.json"));
    const ProcessResult skopeo = runProcess(QStringLiteral("skopeo"),
        {QStringLiteral("login"), QStringLiteral("--authfile"), authFile, QStringLiteral("--tls-verify=false"),
            QStringLiteral("-u"), RegistrySet::User, QStringLiteral("--password-stdin"), m_set->token()->hostAndPort()},
        RegistrySet::Password.toUtf8());
    QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
    const ProcessResult ours = runCli({QStringLiteral("inspect"), QStringLiteral("--authfile"), authFile,
        QStringLiteral("docker://") + m_set->token()->hostAndPort() + QLatin1Char('/') + Fixtures::DockerImage
            + QStringLiteral(":2.1")});
    m_outputs << ours.out << ours.err;
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
}

void TestLogin::logout()
{
    const QString authFile = m_dir.filePath(QStringLiteral("logout.json"));
    QVERIFY(login({QStringLiteral("--authfile"), authFile}, m_set->htpasswd(), RegistrySet::Password).exitCode == 0);
    QVERIFY(login({QStringLiteral("--authfile"), authFile}, m_set->token(), RegistrySet::Password).exitCode == 0);
    ProcessResult r
        = runCli({QStringLiteral("logout"), QStringLiteral("--authfile"), authFile, m_set->htpasswd()->hostAndPort()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile file(authFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    file.close();
    QVERIFY(!content.contains(m_set->htpasswd()->hostAndPort().toUtf8()));
    QVERIFY(content.contains(m_set->token()->hostAndPort().toUtf8())); // the other login stays
    r = runCli({QStringLiteral("logout"), QStringLiteral("--authfile"), authFile, m_set->htpasswd()->hostAndPort()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("not logged into"));
    r = runCli({QStringLiteral("logout"), QStringLiteral("--all"), QStringLiteral("--authfile"), authFile});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(m_set->token()->hostAndPort().toUtf8()));
}

void TestLogin::passwordInArgvWarns()
{
    const QString authFile = m_dir.filePath(QStringLiteral("argv.json"));
    const ProcessResult r
        = runCli({QStringLiteral("login"), QStringLiteral("-u"), RegistrySet::User, QStringLiteral("-p"),
            RegistrySet::Password, QStringLiteral("--authfile"), authFile, m_set->htpasswd()->hostAndPort()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("warning: --password puts a password on the command line, where other users"), r.err.constData());
}

void TestLogin::keychainLoginIsUsedByLookups()
{
    const ProcessResult r = login({QStringLiteral("--keychain")}, m_set->token(), RegistrySet::Password);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("OS keychain"));
    // No auth file anywhere: the lookup chain finds the keychain entry.
    QProcessEnvironment env;
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
    const ProcessResult inspect = runCli(
        {QStringLiteral("list-tags"),
            QStringLiteral("docker://") + m_set->token()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage},
        {}, env);
    m_outputs << inspect.out << inspect.err;
    QVERIFY2(inspect.exitCode == 0, inspect.err.constData());
    const ProcessResult out
        = runCli({QStringLiteral("logout"), QStringLiteral("--keychain"), m_set->token()->hostAndPort()}, {}, env);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const ProcessResult after = runCli(
        {QStringLiteral("list-tags"),
            QStringLiteral("docker://") + m_set->token()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage},
        {}, env);
    QCOMPARE(after.exitCode, 1); // anonymous again: refused
}

void TestLogin::noSecretServiceSaysSoAndWritesNothing()
{
    QTemporaryDir home;
    QProcessEnvironment env = isolatedEnvironment(home.path());
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
        QStringLiteral("unix:path=") + home.filePath(QStringLiteral("no-bus")));
    env.remove(QStringLiteral("DISPLAY"));
    const ProcessResult r = runProcess(cliPath(),
        {QStringLiteral("login"), QStringLiteral("--keychain"), QStringLiteral("-u"), RegistrySet::User,
            QStringLiteral("--password-stdin"), m_set->htpasswd()->hostAndPort()},
        RegistrySet::Password.toUtf8(), env);
    m_outputs << r.out << r.err;
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no OS keychain is available") && r.err.contains("nothing was stored"), r.err.constData());
    // And no plain-text copy anywhere in that home.
    const QStringList leaks = filesContaining(home.path(),
        {RegistrySet::Password.toUtf8(),
            (RegistrySet::User + QLatin1Char(':') + RegistrySet::Password).toUtf8().toBase64()});
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char(' '))));
}

void TestLogin::secretsNeverInOutput()
{
    QVERIFY(!m_outputs.isEmpty());
    for (const QByteArray &output : std::as_const(m_outputs)) {
        QVERIFY2(!output.contains(RegistrySet::Password.toUtf8()), output.constData());
        QVERIFY(!output.contains((RegistrySet::User + QLatin1Char(':') + RegistrySet::Password).toUtf8().toBase64()));
        QVERIFY(!output.contains("eyJ")); // no JWT
    }
}

QTEST_GUILESS_MAIN(TestLogin)
#include "test_login.moc"
