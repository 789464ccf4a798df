// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The CLI's pure parts: argument parsing and skopeo-style JSON output.
#include "clioptions.h"
#include "commandlinesecrets.h"
#include "jsonoutput.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace crossdock::cli;

class TestCliUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSkopeoFlags();
    void bareTlsVerifyMeansTrue();
    void optionsAfterArguments();
    void rejectsConflicts_data();
    void rejectsConflicts();
    void jsonStructOrderAndMapsSorted();
    void jsonEmptyAndNull();
    void passwordsInArgvAreBlanked();
    void credsWithAPasswordWarn();
};

static QStringList argv(std::initializer_list<const char *> args)
{
    QStringList list{QStringLiteral("crossdock-cli")};
    for (const char *a : args)
        list << QString::fromUtf8(a);
    return list;
}

void TestCliUnits::parsesSkopeoFlags()
{
    QString error;
    const auto o = parseCommandLine(argv({"inspect", "--tls-verify=false", "--cert-dir", "/c", "--creds", "u:p", "--authfile", "/a.json",
                                          "--raw", "--config", "-n", "--override-os", "linux", "--override-arch", "arm64",
                                          "--override-variant", "v8", "--debug", "docker://r.io/x:1"}),
                                    &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->command, QStringLiteral("inspect"));
    QCOMPARE(o->arguments, QStringList{QStringLiteral("docker://r.io/x:1")});
    QCOMPARE(o->endpoint.tlsVerify, std::optional<bool>(false));
    QCOMPARE(o->endpoint.certDir, QStringLiteral("/c"));
    QCOMPARE(o->endpoint.creds, QStringLiteral("u:p"));
    QCOMPARE(o->endpoint.authFile, QStringLiteral("/a.json"));
    QVERIFY(o->raw && o->config && o->noTags && o->debug);
    QCOMPARE(o->overrideArch, QStringLiteral("arm64"));
    QCOMPARE(o->overrideVariant, QStringLiteral("v8"));
}

void TestCliUnits::bareTlsVerifyMeansTrue()
{
    QString error;
    const auto o = parseCommandLine(argv({"list-tags", "--tls-verify", "r.io/x"}), &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->endpoint.tlsVerify, std::optional<bool>(true));
    QCOMPARE(o->arguments, QStringList{QStringLiteral("r.io/x")});
}

void TestCliUnits::optionsAfterArguments()
{
    QString error;
    const auto o = parseCommandLine(argv({"list-tags", "r.io/x", "--debug"}), &error);
    QVERIFY(o);
    QVERIFY(o->debug);
}

void TestCliUnits::rejectsConflicts_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("creds and username") << argv({"inspect", "--creds", "a:b", "--username", "c", "--password-stdin", "x"}) << "cannot be combined";
    QTest::newRow("stdin without username") << argv({"inspect", "--password-stdin", "x"}) << "--password-stdin needs --username";
    QTest::newRow("password without username") << argv({"inspect", "--password", "secret", "x"}) << "--password needs --username";
    QTest::newRow("username without password") << argv({"inspect", "--username", "u", "x"}) << "--username needs --password-stdin or --password";
    QTest::newRow("token and creds") << argv({"inspect", "--registry-token", "t", "--creds", "a:b", "x"}) << "cannot be combined";
    QTest::newRow("flag of another command") << argv({"copy", "--raw", "a", "b"}) << "--raw is not a flag of copy (it is one of inspect)";
    QTest::newRow("signing refused") << argv({"copy", "--sign-by", "key", "a", "b"}) << "--sign-by: crossdock-cli does not sign images yet";
    QTest::newRow("policy refused") << argv({"copy", "--policy", "/etc/containers/policy.json", "a", "b"}) << "--policy: crossdock-cli does not enforce signature policies yet";
    QTest::newRow("format conversion refused") << argv({"copy", "--format", "oci", "a", "b"}) << "--format: crossdock-cli copies manifests and layers unchanged";
    QTest::newRow("daemon refused") << argv({"inspect", "--daemon-host", "unix:///x", "a"}) << "docker-daemon: transport is not supported";
    QTest::newRow("bad duration") << argv({"inspect", "--command-timeout", "ten", "a"}) << "--command-timeout: \"ten\" is not a duration";
    QTest::newRow("preserve digests and platform") << argv({"copy", "--preserve-digests", "--platform", "linux/amd64", "a", "b"}) << "--preserve-digests contradicts --platform";
    QTest::newRow("sha512 manifest digest") << argv({"inspect", "--manifest-digest", "sha512", "a"}) << "only sha256";
    QTest::newRow("unknown command") << argv({"frobnicate", "a"}) << "unknown command \"frobnicate\"";
}

void TestCliUnits::rejectsConflicts()
{
    QFETCH(QStringList, args);
    QFETCH(QString, errorPart);
    QString error;
    QVERIFY(!parseCommandLine(args, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TestCliUnits::jsonStructOrderAndMapsSorted()
{
    const QJsonObject labels{{QStringLiteral("zeta"), QStringLiteral("1")}, {QStringLiteral("alpha"), QStringLiteral("2")}};
    const QJsonObject o{{QStringLiteral("Name"), QStringLiteral("n")}, {QStringLiteral("Labels"), labels}, {QStringLiteral("Digest"), QStringLiteral("d")}};
    const QByteArray out = toIndentedJson(o, {{QStringLiteral("Name"), QStringLiteral("Digest"), QStringLiteral("Labels")}});
    QCOMPARE(out, QByteArray("{\n"
                             "    \"Name\": \"n\",\n"
                             "    \"Digest\": \"d\",\n"
                             "    \"Labels\": {\n"
                             "        \"alpha\": \"2\",\n"
                             "        \"zeta\": \"1\"\n"
                             "    }\n"
                             "}\n"));
}

void TestCliUnits::jsonEmptyAndNull()
{
    const QJsonObject o{{QStringLiteral("A"), QJsonArray()}, {QStringLiteral("B"), QJsonValue()}, {QStringLiteral("C"), QJsonObject()}, {QStringLiteral("D"), 42}};
    QCOMPARE(toIndentedJson(o), QByteArray("{\n    \"A\": [],\n    \"B\": null,\n    \"C\": {},\n    \"D\": 42\n}\n"));
}


void TestCliUnits::passwordsInArgvAreBlanked()
{
    std::vector<QByteArray> storage{"crossdock-cli", "copy", "--creds", "alice:s3cret", "--src-creds=bob:pa:ss",
        "--dest-creds", "carol", "--password", "hunter2", "docker://r.io/a:1", "--", "--creds", "kept:as-is"};
    std::vector<char *> args;
    for (QByteArray &a : storage)
        args.push_back(a.data());
    hidePasswordsInArgv(static_cast<int>(args.size()), args.data());
    QCOMPARE(storage[3], QByteArray("alice:******"));
    QCOMPARE(storage[4], QByteArray("--src-creds=bob:*****"));
    QCOMPARE(storage[6], QByteArray("carol")); // no password in it
    QCOMPARE(storage[8], QByteArray("*******"));
    QCOMPARE(storage[9], QByteArray("docker://r.io/a:1"));
    QCOMPARE(storage[12], QByteArray("kept:as-is")); // after "--": an argument, not a flag
}

void TestCliUnits::credsWithAPasswordWarn()
{
    QString error;
    auto options = parseCommandLine(argv({"copy", "--src-creds", "u:p", "--dest-creds", "u", "a", "b"}), &error);
    QVERIFY2(options, qPrintable(error));
    const QStringList warnings = commandLinePasswordWarnings(*options);
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains(QStringLiteral("--src-creds")));
    QVERIFY(warnings.first().contains(QStringLiteral("--src-password-stdin")));
    options = parseCommandLine(argv({"inspect", "--creds", "u:p", "a"}), &error);
    QVERIFY2(options, qPrintable(error));
    QCOMPARE(commandLinePasswordWarnings(*options).size(), 1);
    options = parseCommandLine(argv({"inspect", "a"}), &error);
    QVERIFY(commandLinePasswordWarnings(*options).isEmpty());
}

QTEST_GUILESS_MAIN(TestCliUnits)
#include "test_cliunits.moc"
