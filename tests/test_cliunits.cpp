// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The CLI's pure parts: argument parsing and skopeo-style JSON output.
#include "clioptions.h"
#include "commandlinesecrets.h"
#include "duration.h"
#include "flagtable.h"
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
    void everyDocumentedSkopeoFlagIsKnown_data();
    void everyDocumentedSkopeoFlagIsKnown();
    void eachCommandsFlagsAreUnique();
    void switchesTakeTrueAndFalse();
    void oldCredsNames();
    void goDurations_data();
    void goDurations();
    void newSecretFlagsAreBlanked();
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
    QTest::newRow("signing refused") << argv({"copy", "--sign-by-sq-fingerprint", "key", "a", "b"}) << "--sign-by-sq-fingerprint: crossdock-cli signs with sigstore keys (--sign-by-sigstore-private-key) and GPG keys (--sign-by); Fulcio and Sequoia signing are not supported yet";
    QTest::newRow("policy both ways") << argv({"--insecure-policy", "--policy", "/etc/containers/policy.json", "copy", "a", "b"}) << "--insecure-policy and --policy contradict each other";
    QTest::newRow("schema 1 refused") << argv({"copy", "--format", "v2s1", "a", "b"}) << "--format v2s1: Docker schema 1 is deprecated";
    QTest::newRow("zstd in schema 2 refused") << argv({"sync", "--format", "v2s2", "--dest-compress-format", "zstd", "a", "b"})
                                              << "--format v2s2 cannot hold zstd layers";
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

void TestCliUnits::everyDocumentedSkopeoFlagIsKnown_data()
{
    // Every flag in skopeo's docs/skopeo*.1.md (containers/skopeo, main,
    // December 2026), command by command; "" are the global ones.
    // Lines "command: flags"; an empty command holds the global flags.
    const QString documented = QStringLiteral(
        ": command-timeout debug help h insecure-policy override-arch override-os override-variant policy registries.d require-signed tls-details tmpdir user-agent-prefix version v\n"
        "copy: additional-tag all a authfile src-authfile dest-authfile dest-shared-blob-dir digestfile preserve-digests encrypt-layer format f help h multi-arch quiet q remove-signatures sign-by sign-by-sigstore sign-by-sigstore-private-key sign-by-sq-fingerprint sign-passphrase-file sign-identity src-shared-blob-dir encryption-key decryption-key src-creds screds dest-compress dest-decompress dest-oci-accept-uncompressed-layers dest-creds dcreds src-cert-dir src-no-creds src-tls-verify dest-cert-dir dest-no-creds dest-tls-verify src-daemon-host dest-daemon-host dest-compress-format dest-compress-level dest-force-compress-format src-registry-token dest-registry-token dest-precompute-digests retry-times retry-delay src-username src-password dest-username dest-password image-parallel-copies\n"
        "inspect: authfile cert-dir config creds daemon-host format f help h no-creds raw registry-token retry-times retry-delay shared-blob-dir tls-verify username password no-tags n manifest-digest\n"
        "list-tags: authfile creds cert-dir help h no-creds registry-token retry-times retry-delay tls-verify username password\n"
        "sync: all a authfile src-authfile dest-authfile dry-run src s dest d format f help h scoped append-suffix digestfile preserve-digests remove-signatures sign-by sign-by-sigstore sign-by-sigstore-private-key sign-by-sq-fingerprint sign-passphrase-file src-creds dest-creds src-cert-dir src-no-creds src-tls-verify dest-cert-dir dest-no-creds dest-tls-verify src-registry-token dest-registry-token retry-times retry-delay keep-going src-username src-password dest-username dest-password\n"
        "delete: authfile creds cert-dir daemon-host help h no-creds registry-token retry-times retry-delay shared-blob-dir tls-verify username password\n"
        "login: password p password-stdin username u authfile compat-auth-file get-login cert-dir help h tls-verify verbose v\n"
        "logout: authfile compat-auth-file all a help h tls-verify\n"
        "manifest-digest: help h\n"
    );
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("flag");
    for (const QString &line : documented.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString command = line.section(QLatin1Char(':'), 0, 0);
        for (const QString &flag : line.section(QLatin1Char(':'), 1).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            QTest::newRow(qPrintable((command.isEmpty() ? QStringLiteral("global") : command) + QLatin1Char(' ') + flag))
                << command << flag;
    }
}

void TestCliUnits::everyDocumentedSkopeoFlagIsKnown()
{
    // Known to that command: honoured, accepted without effect, or refused
    // naming why - never "unknown flag" or "not a flag of".
    QFETCH(QString, command);
    QFETCH(QString, flag);
    const Flag *row = findFlag(flag, command);
    QVERIFY2(row, qPrintable(QStringLiteral("%1 has no --%2").arg(command, flag)));
    QStringList args {QStringLiteral("crossdock-cli")};
    if (!command.isEmpty())
        args << command;
    args << (flag.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + flag;
    if (row->takesValue())
        args << (row->value == QLatin1String("bool") ? QStringLiteral("true") : QStringLiteral("1"));
    if (command.isEmpty() && flag != QLatin1String("version") && flag != QLatin1String("v"))
        args << QStringLiteral("inspect"); // global flags come before any command
    args << QStringLiteral("a") << QStringLiteral("b");
    QString error;
    const auto parsed = parseCommandLine(args, &error);
    QVERIFY2(!error.contains(QLatin1String("unknown flag")) && !error.contains(QLatin1String("is not a flag of"))
            && !error.contains(QLatin1String("Unknown option")),
        qPrintable(error));
    if (row->support == Flag::Support::Refused) {
        QVERIFY(!parsed);
        QVERIFY2(error.startsWith(QStringLiteral("--%1: ").arg(row->name())) && error.size() > row->name().size() + 20,
            qPrintable(error));
    }
}

void TestCliUnits::eachCommandsFlagsAreUnique()
{
    for (const QString &command : QStringList {QString()} + [] {
             QStringList names;
             for (const CommandInfo &c : allCommands())
                 names << c.name;
             return names;
         }()) {
        QStringList seen;
        for (const Flag &f : flagsFor(command))
            for (const QString &name : f.names) {
                QVERIFY2(!seen.contains(name), qPrintable(QStringLiteral("%1: --%2 twice").arg(command, name)));
                seen << name;
            }
        QVERIFY(seen.contains(QStringLiteral("help")));
    }
}

void TestCliUnits::switchesTakeTrueAndFalse()
{
    // pflag accepts --all=true and --quiet=false; so must we.
    QString error;
    auto o = parseCommandLine(argv({"copy", "--all=true", "--quiet=false", "--remove-signatures=true",
                                       "--dest-precompute-digests=true", "a", "b"}), &error);
    QVERIFY2(o, qPrintable(error));
    QVERIFY(o->all && !o->quiet && o->removeSignatures);
    QVERIFY(o->notes.join(QLatin1Char(' ')).contains(QStringLiteral("--dest-precompute-digests changes nothing")));
    o = parseCommandLine(argv({"copy", "--remove-signatures=false", "a", "b"}), &error);
    QVERIFY2(o, qPrintable(error));
    QVERIFY(!o->removeSignatures);
    o = parseCommandLine(argv({"copy", "--src-tls-verify", "--dest-tls-verify=false", "a", "b"}), &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->source.tlsVerify, std::optional<bool>(true));
    QCOMPARE(o->destination.tlsVerify, std::optional<bool>(false));
}

void TestCliUnits::oldCredsNames()
{
    QString error;
    const auto o = parseCommandLine(argv({"copy", "--screds", "a:b", "--dcreds", "c:d", "x", "y"}), &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->source.creds, QStringLiteral("a:b"));
    QCOMPARE(o->destination.creds, QStringLiteral("c:d"));
}

void TestCliUnits::goDurations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1: refused
    QTest::newRow("seconds") << "90s" << qint64(90000);
    QTest::newRow("compound") << "1h30m" << qint64(5400000);
    QTest::newRow("fraction") << "1.5h" << qint64(5400000);
    QTest::newRow("milliseconds") << "250ms" << qint64(250);
    QTest::newRow("zero") << "0" << qint64(0);
    QTest::newRow("microseconds") << "1500us" << qint64(1);
    QTest::newRow("no unit") << "10" << qint64(-1);
    QTest::newRow("negative") << "-5s" << qint64(-1);
    QTest::newRow("unknown unit") << "3d" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("sign alone") << "+" << qint64(-1);
    QTest::newRow("too long") << "2500h" << qint64(-1);
    QTest::newRow("overflowing") << "99999999999999999999h" << qint64(-1);
}

void TestCliUnits::goDurations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    QString why;
    const auto parsed = parseGoDuration(text, &why);
    if (ms < 0) {
        QVERIFY(!parsed);
        QVERIFY(!why.isEmpty());
    } else {
        QVERIFY2(parsed, qPrintable(why));
        QCOMPARE(*parsed, ms);
    }
}

void TestCliUnits::newSecretFlagsAreBlanked()
{
    std::vector<QByteArray> storage {"crossdock-cli", "copy", "--src-password", "pw1", "--dest-registry-token=tok",
        "--screds", "u:pw2", "-registry-token", "tok2", "a", "b"};
    std::vector<char *> args;
    for (QByteArray &a : storage)
        args.push_back(a.data());
    hidePasswordsInArgv(static_cast<int>(args.size()), args.data());
    QCOMPARE(storage[3], QByteArray("***"));
    QCOMPARE(storage[4], QByteArray("--dest-registry-token=***"));
    QCOMPARE(storage[6], QByteArray("u:***"));
    QCOMPARE(storage[8], QByteArray("****"));
}

QTEST_GUILESS_MAIN(TestCliUnits)
#include "test_cliunits.moc"
