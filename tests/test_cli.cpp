// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// crossdock-cli as a pipeline sees it: exit codes, one-line errors, flags.
#include "faultproxy.h"
#include "fixtures.h"
#include "registryset.h"
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace crossdock::test;

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void noWidgetsLinked();
    void helpAndVersion();
    void malformedInput_data();
    void malformedInput();
    void notFoundExitsTwo_data();
    void notFoundExitsTwo();
    void unreachableHost();
    void tlsFailureHints();
    void tlsCertDirWorks();
    void unauthorizedHintsLogin();
    void credsFlag();
    void credsPasswordIsWarnedAndHidden();
    void passwordStdin();
    void wrongPassword();
    void credsWithoutPasswordNeedsTerminal();
    void authFileFlag();
    void authChainFromEnvironment();
    void debugNeverShowsSecrets();
    void malformedServerResponse();
    void catalog();
    void catalogRefused();
    void inspectConfig();
    void manifestDigest();
    void blobSizeCap();

private:
    QString ref(RegistryServer *server, const QString &repository, const QString &suffix = {}) const
    {
        return QStringLiteral("docker://") + server->hostAndPort() + QLatin1Char('/') + repository + suffix;
    }
    static void expectOneLineError(const ProcessResult &r, int exitCode, const QString &part);

    std::unique_ptr<RegistrySet> m_set;
};

void TestCli::initTestCase()
{
    m_set = std::make_unique<RegistrySet>();
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestCli::expectOneLineError(const ProcessResult &r, int exitCode, const QString &part)
{
    QVERIFY2(!r.timedOut, "crossdock-cli timed out");
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.startsWith(QStringLiteral("crossdock-cli: ")), qPrintable(err));
    QVERIFY2(err.count(QLatin1Char('\n')) == 1 && err.endsWith(QLatin1Char('\n')), qPrintable(err));
    QVERIFY2(err.contains(part), qPrintable(QStringLiteral("expected \"%1\" in: %2").arg(part, err)));
}

void TestCli::noWidgetsLinked()
{
    const ProcessResult r = runProcess(QStringLiteral("ldd"), {cliPath()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Qt6Core"));
    QVERIFY2(!r.out.contains("Qt6Widgets") && !r.out.contains("Qt6Gui"), r.out.constData());
}

void TestCli::helpAndVersion()
{
    // The overview lists the commands and the global flags; a command's help
    // its own flags only (skopeo's: copy --help printed every command's before).
    ProcessResult r = runCli({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("\n  inspect "));
    QVERIFY(r.out.contains("--command-timeout"));
    QVERIFY(!r.out.contains("--password-stdin"));
    r = runCli({QStringLiteral("copy"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("Usage: crossdock-cli copy "));
    QVERIFY(r.out.contains("--src-password-stdin") && r.out.contains("--preserve-digests"));
    QVERIFY2(!r.out.contains("--raw") && !r.out.contains("--append-suffix"), r.out.constData());
    QCOMPARE(runCli({QStringLiteral("help"), QStringLiteral("copy")}).out, r.out);
    r = runCli({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("crossdock-cli "));
}

void TestCli::malformedInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("errorPart");
    const QString host = QStringLiteral("127.0.0.1:1");
    QTest::newRow("upper-case repository") << QStringList{QStringLiteral("inspect"), host + QStringLiteral("/MyApp")} << "repository name \"MyApp\" must be lower-case";
    QTest::newRow("empty tag") << QStringList{QStringLiteral("inspect"), host + QStringLiteral("/app:")} << "tag is empty";
    QTest::newRow("bad digest") << QStringList{QStringLiteral("inspect"), host + QStringLiteral("/app@sha256:../../etc")} << "invalid digest";
    QTest::newRow("upper-case digest") << QStringList{QStringLiteral("inspect"), host + QStringLiteral("/app@sha256:") + QString(64, QLatin1Char('A'))} << "lower-case";
    QTest::newRow("300-character name") << QStringList{QStringLiteral("inspect"), host + QLatin1Char('/') + QString(300, QLatin1Char('a'))} << "longer than 255 characters";
    QTest::newRow("unknown transport") << QStringList{QStringLiteral("inspect"), QStringLiteral("containers-storage://x")} << "unsupported transport";
    QTest::newRow("list-tags with tag") << QStringList{QStringLiteral("list-tags"), host + QStringLiteral("/app:1")} << "cannot carry a tag";
    QTest::newRow("no command") << QStringList{} << "no command given";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate"), QStringLiteral("x")} << "unknown command \"frobnicate\"";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("inspect"), QStringLiteral("--frob"), QStringLiteral("x")} << "unknown flag --frob";
    QTest::newRow("missing argument") << QStringList{QStringLiteral("inspect")} << "needs exactly one image reference";
    QTest::newRow("bad tls-verify") << QStringList{QStringLiteral("inspect"), QStringLiteral("--tls-verify=maybe"), QStringLiteral("x")} << "--tls-verify takes true or false";
    QTest::newRow("username without stdin") << QStringList{QStringLiteral("inspect"), QStringLiteral("--username"), QStringLiteral("u"), QStringLiteral("x")} << "--username needs --password-stdin";
    QTest::newRow("bad catalog host") << QStringList{QStringLiteral("catalog"), QStringLiteral("not a host")} << "invalid registry host";
    QTest::newRow("missing manifest file") << QStringList{QStringLiteral("manifest-digest"), QStringLiteral("/nonexistent/m.json")} << "cannot read /nonexistent/m.json";
    QTest::newRow("newline in a tag") << QStringList{QStringLiteral("inspect"), host + QStringLiteral("/app:ev\nil")} << "tag \"ev\\nil\"";
    QTest::newRow("layout name escaping the layout") << QStringList{QStringLiteral("copy"), host + QStringLiteral("/app:1"), QStringLiteral("oci:/tmp/crossdock-never:../../../evil")} << "image name \"../../../evil\"";
    QTest::newRow("bad --max-blob-size") << QStringList{QStringLiteral("inspect"), QStringLiteral("--max-blob-size"), QStringLiteral("lots"), QStringLiteral("x")} << "--max-blob-size: \"lots\" is not a blob size";
    QTest::newRow("layout name with a newline") << QStringList{QStringLiteral("copy"), host + QStringLiteral("/app:1"), QStringLiteral("oci:/tmp/crossdock-never:x\ny")} << "image name \"x\\ny\"";
}

void TestCli::malformedInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, errorPart);
    expectOneLineError(runCli(args), 1, errorPart);
}

void TestCli::notFoundExitsTwo_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("what");
    QTest::newRow("missing tag") << "inspect" << QStringLiteral("fixtures/oci-image:nope");
    QTest::newRow("missing repository") << "inspect" << QStringLiteral("no/such:1");
    QTest::newRow("missing digest") << "inspect" << QStringLiteral("fixtures/oci-image@sha256:") + QString(64, QLatin1Char('0'));
    QTest::newRow("list-tags of missing repository") << "list-tags" << QStringLiteral("no/such");
}

void TestCli::notFoundExitsTwo()
{
    QFETCH(QString, command);
    QFETCH(QString, what);
    expectOneLineError(runCli({command, ref(m_set->anonymous(), what)}), 2, QStringLiteral("not found"));
}

void TestCli::unreachableHost()
{
    const quint16 port = freePort();
    expectOneLineError(runCli({QStringLiteral("inspect"), QStringLiteral("127.0.0.1:%1/app:1").arg(port)}), 1,
                       QStringLiteral("cannot reach registry 127.0.0.1:%1").arg(port));
}

void TestCli::tlsFailureHints()
{
    expectOneLineError(runCli({QStringLiteral("inspect"), ref(m_set->tls(), Fixtures::OciImage, QStringLiteral(":1.0"))}), 1,
                       QStringLiteral("--cert-dir"));
}

void TestCli::tlsCertDirWorks()
{
    ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("--cert-dir"), m_set->tlsCertDir(), ref(m_set->tls(), Fixtures::OciImage)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"), ref(m_set->tls(), Fixtures::OciImage)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    expectOneLineError(runCli({QStringLiteral("list-tags"), QStringLiteral("--cert-dir"), QStringLiteral("/nonexistent-dir"),
                               ref(m_set->tls(), Fixtures::OciImage)}),
                       1, QStringLiteral("certificate directory /nonexistent-dir does not exist"));
}

void TestCli::unauthorizedHintsLogin()
{
    expectOneLineError(runCli({QStringLiteral("inspect"), ref(m_set->htpasswd(), Fixtures::OciImage, QStringLiteral(":1.0"))}), 1,
                       QStringLiteral("log in"));
    expectOneLineError(runCli({QStringLiteral("inspect"), ref(m_set->token(), Fixtures::OciImage, QStringLiteral(":1.0"))}), 1,
                       QStringLiteral("requires authentication"));
}

void TestCli::credsFlag()
{
    for (RegistryServer *server : {m_set->htpasswd(), m_set->token()}) {
        const ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("--creds"),
                                        RegistrySet::User + QLatin1Char(':') + RegistrySet::Password, ref(server, Fixtures::DockerImage)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QLatin1String("Tags")).toArray(), QJsonArray{QStringLiteral("2.1")});
    }
}

void TestCli::credsPasswordIsWarnedAndHidden()
{
    // The password is blanked from /proc/PID/cmdline once parsed, and a
    // warning points to the safe ways.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QProcess cli;
    cli.start(cliPath(), {QStringLiteral("inspect"), QStringLiteral("--creds"), QStringLiteral("alice:visible-secret"),
                             QStringLiteral("127.0.0.1:%1/app:1").arg(silent.serverPort())});
    QVERIFY(cli.waitForStarted());
    QVERIFY(silent.waitForNewConnection(20000)); // parsed and running
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(cli.processId()));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    const QByteArray shown = cmdline.readAll();
    QVERIFY2(!shown.contains("visible-secret"), shown.constData());
    QVERIFY(shown.contains("alice:**************"));
    cli.kill();
    cli.waitForFinished();
    const QByteArray err = cli.readAllStandardError();
    QVERIFY2(err.contains("warning: --creds puts a password on the command line") && err.contains("--password-stdin"),
        err.constData());
}

void TestCli::passwordStdin()
{
    const ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("--username"), RegistrySet::User,
                                    QStringLiteral("--password-stdin"), ref(m_set->token(), Fixtures::DockerImage)},
                                   RegistrySet::Password.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());
    expectOneLineError(runCli({QStringLiteral("list-tags"), QStringLiteral("--username"), RegistrySet::User,
                               QStringLiteral("--password-stdin"), ref(m_set->token(), Fixtures::DockerImage)}),
                       1, QStringLiteral("standard input was empty"));
}

void TestCli::wrongPassword()
{
    m_set->tokenServer()->clearIssued();
    // The password through stdin: --creds with one adds a warning line.
    const ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--username"), RegistrySet::User,
                                       QStringLiteral("--password-stdin"), ref(m_set->token(), Fixtures::OciImage, QStringLiteral(":1.0"))},
        "bad-guess\n");
    expectOneLineError(r, 1, QStringLiteral("wrong username or password"));
    QVERIFY(!r.err.contains("bad-guess"));
    // inspect fetches the manifest and the tag list concurrently; both wait
    // for the same token request, which is made once.
    QCOMPARE(m_set->tokenServer()->issued().size(), 1);
}

void TestCli::credsWithoutPasswordNeedsTerminal()
{
    expectOneLineError(runCli({QStringLiteral("inspect"), QStringLiteral("--creds"), RegistrySet::User,
                               ref(m_set->htpasswd(), Fixtures::OciImage, QStringLiteral(":1.0"))}),
                       1, QStringLiteral("not a terminal"));
}

void TestCli::authFileFlag()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("auth.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray auth = (RegistrySet::User + QLatin1Char(':') + RegistrySet::Password).toUtf8().toBase64();
    file.write(R"({"auths":{")" + m_set->htpasswd()->hostAndPort().toUtf8() + R"(":{"auth":")" + auth + R"("}}})");
    file.close();
    const ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("--authfile"), path, ref(m_set->htpasswd(), Fixtures::Nested)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestCli::authChainFromEnvironment()
{
    // $REGISTRY_AUTH_FILE, as skopeo and podman read it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("auth.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray auth = (RegistrySet::User + QLatin1Char(':') + RegistrySet::Password).toUtf8().toBase64();
    file.write(R"({"auths":{")" + m_set->token()->hostAndPort().toUtf8() + R"(/fixtures":{"auth":")" + auth + R"("}}})");
    file.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("REGISTRY_AUTH_FILE"), path);
    ProcessResult r = runCli({QStringLiteral("list-tags"), ref(m_set->token(), Fixtures::OciImage)}, {}, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // The namespace-scoped entry does not cover another namespace.
    r = runCli({QStringLiteral("list-tags"), ref(m_set->token(), Fixtures::Nested)}, {}, env);
    QCOMPARE(r.exitCode, 1);
}

void TestCli::debugNeverShowsSecrets()
{
    for (RegistryServer *server : {m_set->htpasswd(), m_set->token()}) {
        const ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--debug"), QStringLiteral("--username"), RegistrySet::User,
                                        QStringLiteral("--password-stdin"), ref(server, Fixtures::OciImage, QStringLiteral(":1.0"))},
                                       RegistrySet::Password.toUtf8());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.contains("crossdock.http"));                 // debug output is there
        QVERIFY(r.err.contains("<redacted>"));
        const QByteArray basic = (RegistrySet::User + QLatin1Char(':') + RegistrySet::Password).toUtf8().toBase64();
        QVERIFY(!r.err.contains(RegistrySet::Password.toUtf8()));
        QVERIFY(!r.err.contains(basic));
        QVERIFY(!r.err.contains("eyJ")); // no JWT
        QVERIFY(!r.out.contains(RegistrySet::Password.toUtf8()));
    }
}

void TestCli::malformedServerResponse()
{
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    proxy.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &response) {
        if (r.url.path().contains(QLatin1String("/manifests/")))
            response.body = "{ this is not json";
    });
    expectOneLineError(runCli({QStringLiteral("inspect"), QStringLiteral("docker://") + proxy.hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0")}),
                       1, QStringLiteral("not valid JSON"));
}

void TestCli::catalog()
{
    const ProcessResult r = runCli({QStringLiteral("catalog"), m_set->anonymous()->hostAndPort()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QLatin1String("Registry")).toString(), m_set->anonymous()->hostAndPort());
    QStringList repos;
    for (const QJsonValue &v : o.value(QLatin1String("Repositories")).toArray())
        repos << v.toString();
    QCOMPARE(repos, Fixtures::repositories());
}

void TestCli::catalogRefused()
{
    expectOneLineError(runCli({QStringLiteral("catalog"), QStringLiteral("--username"), RegistrySet::ReaderUser,
                                  QStringLiteral("--password-stdin"), m_set->token()->hostAndPort()},
                           RegistrySet::ReaderPassword.toUtf8()),
                       1, QStringLiteral("does not list its repositories"));
}

void TestCli::inspectConfig()
{
    const ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--config"), ref(m_set->anonymous(), Fixtures::DockerImage, QStringLiteral(":2.1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QLatin1String("docker_version")).toString(), QStringLiteral("20.10.24"));
    QCOMPARE(o.value(QLatin1String("config")).toObject().value(QLatin1String("WorkingDir")).toString(), QStringLiteral("/srv"));
}

void TestCli::manifestDigest()
{
    const ProcessResult raw = runCli({QStringLiteral("inspect"), QStringLiteral("--raw"), ref(m_set->anonymous(), Fixtures::OciIndex, QStringLiteral(":multi"))});
    QCOMPARE(raw.exitCode, 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("manifest.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(raw.out);
    file.close();
    const ProcessResult ours = runCli({QStringLiteral("manifest-digest"), path});
    const ProcessResult skopeo = runSkopeo({QStringLiteral("manifest-digest"), path});
    QCOMPARE(ours.exitCode, 0);
    QCOMPARE(skopeo.exitCode, 0);
    QCOMPARE(ours.out, skopeo.out);
}

void TestCli::blobSizeCap()
{
    // The fixture's layers are larger than 1 KiB: a cap of 1K refuses the
    // image before any blob is asked for, naming the limit; the flag wins
    // over the environment, and a bad environment value is named.
    const QString image = ref(m_set->anonymous(), Fixtures::OciImage, QStringLiteral(":1.0"));
    expectOneLineError(runCli({QStringLiteral("inspect"), QStringLiteral("--max-blob-size"), QStringLiteral("1K"), image}), 1,
        QStringLiteral("over the 1024-byte limit for one blob"));
    QProcessEnvironment small;
    small.insert(QStringLiteral("CROSSDOCK_MAX_BLOB_SIZE"), QStringLiteral("1K"));
    expectOneLineError(runCli({QStringLiteral("inspect"), image}, {}, small), 1, QStringLiteral("over the 1024-byte limit"));
    QCOMPARE(runCli({QStringLiteral("inspect"), QStringLiteral("--max-blob-size"), QStringLiteral("1G"), image}, {}, small).exitCode, 0);
    QProcessEnvironment bad;
    bad.insert(QStringLiteral("CROSSDOCK_MAX_BLOB_SIZE"), QStringLiteral("huge"));
    expectOneLineError(runCli({QStringLiteral("inspect"), image}, {}, bad), 1, QStringLiteral("CROSSDOCK_MAX_BLOB_SIZE: \"huge\" is not a blob size"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
