// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Go's text/template as inspect --format runs it (core/template): each
// construct pipelines use, against what Go prints for the same template and
// data (the expected strings are Go 1.19's output, as skopeo prints them).
#include "core/template/gotemplate.h"
#include "core/template/templatefunctions.h"

#include <QTest>

using namespace crossdock;

namespace {

// Shaped like skopeo's inspect output.
TemplateValue image(bool withLabels = true)
{
    QMap<QString, TemplateValue> labels;
    labels.insert(QStringLiteral("version"), TemplateValue::string(QStringLiteral("1.4.2")));
    labels.insert(QStringLiteral("org.opencontainers.image.title"), TemplateValue::string(QStringLiteral("app")));
    return TemplateValue::structure({
        {QStringLiteral("Name"), TemplateValue::string(QStringLiteral("r.io/team/app"))},
        {QStringLiteral("Digest"), TemplateValue::string(QStringLiteral("sha256:abc"))},
        {QStringLiteral("RepoTags"), TemplateValue::stringList({QStringLiteral("1.4"), QStringLiteral("latest")})},
        {QStringLiteral("Created"), TemplateValue::time(QStringLiteral("2024-05-06T07:08:09.120000000Z"))},
        {QStringLiteral("Labels"), withLabels ? TemplateValue::map(labels) : TemplateValue::map({}, true)},
        {QStringLiteral("Layers"), TemplateValue::stringList({QStringLiteral("sha256:1"), QStringLiteral("sha256:2")})},
        {QStringLiteral("LayersData"),
            TemplateValue::list({TemplateValue::structure({{QStringLiteral("Digest"), TemplateValue::string(QStringLiteral("sha256:1"))},
                {QStringLiteral("Size"), TemplateValue::integer(42)},
                {QStringLiteral("Annotations"), TemplateValue::map({}, true)}})})},
        {QStringLiteral("Env"), TemplateValue::stringList({}, true)},
        {QStringLiteral("Variant"), TemplateValue::string(QString())},
    }, {QStringLiteral("Variant")});
}

} // namespace

class TestGoTemplate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void renders_data();
    void renders();
    void errorsNameTheColumn_data();
    void errorsNameTheColumn();
    void printfVerbs_data();
    void printfVerbs();
    void jsonKeepsStructOrderAndOmitsEmpty();
    void runawayTemplatesStop();
};

void TestGoTemplate::renders_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("labels");
    const auto row = [](const char *name, const char *format, const char *expected, bool labels = true) {
        QTest::newRow(name) << QString::fromUtf8(format) << QString::fromUtf8(expected) << labels;
    };
    row("field", "{{.Digest}}", "sha256:abc");
    row("text around", "digest={{.Digest}}!", "digest=sha256:abc!");
    row("map key", "{{.Labels.version}}", "1.4.2");
    row("missing map key", "{{.Labels.nope}}", "<no value>");
    row("nil map key", "{{.Labels.version}}", "<no value>", false);
    row("index dotted key", "{{index .Labels \"org.opencontainers.image.title\"}}", "app");
    row("index missing key is empty", "[{{index .Labels \"nope\"}}]", "[]");
    row("index a list", "{{index .Layers 1}}", "sha256:2");
    row("slice prints", "{{.RepoTags}}", "[1.4 latest]");
    row("map prints sorted", "{{.Labels}}", "map[org.opencontainers.image.title:app version:1.4.2]");
    row("nil map prints", "{{.Labels}}", "map[]", false);
    row("nil slice prints", "{{.Env}}", "[]");
    row("time prints as Go", "{{.Created}}", "2024-05-06 07:08:09.12 +0000 UTC");
    row("struct in a list", "{{.LayersData}}", "[{sha256:1 42 map[]}]");
    row("range", "{{range .RepoTags}}<{{.}}>{{end}}", "<1.4><latest>");
    row("range with index", "{{range $i, $t := .RepoTags}}{{$i}}:{{$t}} {{end}}", "0:1.4 1:latest ");
    row("range over a map", "{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}",
        "org.opencontainers.image.title=app;version=1.4.2;");
    row("range else", "{{range .Env}}x{{else}}none{{end}}", "none");
    row("range dollar", "{{range .RepoTags}}{{$.Name}}:{{.}} {{end}}", "r.io/team/app:1.4 r.io/team/app:latest ");
    row("if else", "{{if .Labels}}yes{{else}}no{{end}}", "no", false);
    row("if true", "{{if .Labels}}yes{{else}}no{{end}}", "yes");
    row("else if", "{{if eq .Name \"x\"}}a{{else if eq (len .Layers) 2}}b{{else}}c{{end}}", "b");
    row("with", "{{with .Labels.version}}v{{.}}{{end}}", "v1.4.2");
    row("with else", "{{with .Env}}{{.}}{{else}}no env{{end}}", "no env");
    row("len", "{{len .Layers}}", "2");
    row("pipeline", "{{.Name | printf \"%s!\"}}", "r.io/team/app!");
    row("parentheses", "{{printf \"%d layers\" (len .Layers)}}", "2 layers");
    row("variables", "{{$n := .Name}}{{$n}}", "r.io/team/app");
    row("assignment", "{{$n := 1}}{{$n = 2}}{{$n}}", "2");
    row("json of a map", "{{json .Labels}}", "{\"org.opencontainers.image.title\":\"app\",\"version\":\"1.4.2\"}");
    row("json of nil", "{{json .Env}}", "null");
    row("join", "{{join .RepoTags \",\"}}", "1.4,latest");
    row("upper lower title", "{{upper .Name}} {{lower \"AbC\"}} {{title \"hello world\"}}", "R.IO/TEAM/APP abc Hello World");
    row("split", "{{index (split .Name \"/\") 1}}", "team");
    row("pad and truncate", "[{{pad \"a\" 1 2}}][{{truncate .Digest 6}}]", "[ a  ][sha256]");
    row("and or not", "{{and 1 0}} {{or 0 \"x\"}} {{not .Env}}", "0 x true");
    row("comparisons", "{{lt 1 2}} {{ge \"b\" \"a\"}} {{ne .Name \"x\"}} {{eq 1 2 1}}", "true true true true");
    row("print spacing", "{{print 1 2 \"a\" 3}}", "1 2a3");
    row("println", "{{println \"a\" 1}}", "a 1\n");
    row("trim markers", "a  {{- .Digest -}}  \n b", "asha256:abcb");
    row("negative number is not trim", "{{-3}}", "-3");
    row("comment", "a{{/* not shown */}}b", "ab");
    row("raw string", "{{`a\\n`}}", "a\\n");
    row("escaped string", "{{\"a\\tb\"}}", "a\tb");
    row("nested field of a struct in a list", "{{(index .LayersData 0).Size}}", "42");
    row("literal only", "plain text", "plain text");
}

void TestGoTemplate::renders()
{
    QFETCH(QString, format);
    QFETCH(QString, expected);
    QFETCH(bool, labels);
    QString error;
    const auto parsed = GoTemplate::parse(format, &error);
    QVERIFY2(parsed, qPrintable(error));
    QString out;
    QVERIFY2(parsed->execute(image(labels), &out, &error), qPrintable(error));
    QCOMPARE(out, expected);
}

void TestGoTemplate::errorsNameTheColumn_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected"); // the start of the error
    QTest::newRow("unknown field") << "ab {{.Nope}}" << "column 6: no field \"Nope\" (there are: Name, Digest";
    QTest::newRow("unclosed action") << "{{.Digest" << "column 1: {{ is never closed";
    QTest::newRow("unknown function") << "{{frob .Name}}" << "column 3: function \"frob\" not defined";
    QTest::newRow("end without if") << "x{{end}}" << "column 4: {{end}} without";
    QTest::newRow("if without end") << "{{if .Name}}x" << "column 3: {{if}} is never closed";
    // The fuzzer's find: the error read the keyword from a token list the body had replaced.
    QTest::newRow("range without end") << "{{range $i, $t := .RepoTags}}{{$i}}=e}nd}}" << "column 3: {{range}} is never closed";
    QTest::newRow("second line") << "a\n{{.Nope}}" << "line 2, column 3: no field";
    QTest::newRow("field of a string") << "{{.Name.First}}" << "column 3: can't take field \"First\" of a string";
    QTest::newRow("argument to a field") << "{{.Name 1}}" << "column 9: can't give an argument to a non-function";
    QTest::newRow("len of a number") << "{{len 3}}" << "column 3: len: len of int";
    QTest::newRow("index out of range") << "{{index .Layers 5}}" << "column 3: index: index out of range: 5";
    QTest::newRow("undefined variable") << "{{$x}}" << "column 3: undefined variable \"$x\"";
    QTest::newRow("define refused") << "{{define \"x\"}}{{end}}" << "column 3: {{define}} is not supported";
    QTest::newRow("unclosed string") << "{{\"abc}}" << "column 1: {{ is never closed";
    QTest::newRow("bad comparison") << "{{eq .Name 1}}" << "column 3: eq: cannot compare string with int";
    QTest::newRow("range over a string") << "{{range .Name}}{{end}}" << "column 3: range can't iterate over string";
}

void TestGoTemplate::errorsNameTheColumn()
{
    QFETCH(QString, format);
    QFETCH(QString, expected);
    QString error;
    const auto parsed = GoTemplate::parse(format, &error);
    if (parsed) {
        QString out;
        QVERIFY2(!parsed->execute(image(), &out, &error), qPrintable(QStringLiteral("ran: ") + out));
    }
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void TestGoTemplate::printfVerbs_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("s and d") << "%s has %d" << "app has 3";
    QTest::newRow("width") << "[%5s][%-4d]" << "[  app][3   ]";
    QTest::newRow("zero padding") << "%-4s[%05d]" << "app [00003]";
    QTest::newRow("quote and extra") << "%q" << "\"app\"%!(EXTRA int=3)";
    QTest::newRow("hex") << "%x %X %#x" << "617070 3 %!x(MISSING)";
    QTest::newRow("percent") << "100%%" << "100%%!(EXTRA string=app, int=3)";
    QTest::newRow("missing") << "%s %d %s" << "app 3 %!s(MISSING)";
    QTest::newRow("wrong type") << "%d" << "%!d(string=app)%!(EXTRA int=3)";
    QTest::newRow("precision") << "%.2s" << "ap%!(EXTRA int=3)";
    QTest::newRow("v") << "%v|%v" << "app|3";
}

void TestGoTemplate::printfVerbs()
{
    QFETCH(QString, format);
    QFETCH(QString, expected);
    QCOMPARE(gotemplate::sprintf(format, {TemplateValue::string(QStringLiteral("app")), TemplateValue::integer(3)}), expected);
}

void TestGoTemplate::jsonKeepsStructOrderAndOmitsEmpty()
{
    // Go's encoding/json: struct fields in declaration order, map keys
    // sorted, omitempty fields left out when empty, no HTML escaping.
    const TemplateValue value = TemplateValue::structure({
        {QStringLiteral("Z"), TemplateValue::string(QStringLiteral("<a&b>"))},
        {QStringLiteral("A"), TemplateValue::integer(1)},
        {QStringLiteral("Variant"), TemplateValue::string(QString())},
        {QStringLiteral("T"), TemplateValue::time(QString())},
    }, {QStringLiteral("Variant")});
    QCOMPARE(value.json(), QByteArray("{\"Z\":\"<a&b>\",\"A\":1,\"T\":null}"));
    QCOMPARE(TemplateValue::string(QStringLiteral("q\"\\\n\x01")).json(), QByteArray("\"q\\\"\\\\\\n\\u0001\""));
    QCOMPARE(TemplateValue::string(QStringLiteral("\U0001F600")).json(), QByteArray("\"\xF0\x9F\x98\x80\""));
}

void TestGoTemplate::runawayTemplatesStop()
{
    // A template cannot run for ever or fill the memory.
    QString error;
    const auto parsed = GoTemplate::parse(QStringLiteral("{{range 1000000000}}{{range 1000000000}}x{{end}}{{end}}"), &error);
    QVERIFY2(parsed, qPrintable(error));
    QString out;
    QVERIFY(!parsed->execute(image(), &out, &error));
    QVERIFY2(error.contains(QLatin1String("too long")) || error.contains(QLatin1String("16 Mi")), qPrintable(error));
    QVERIFY(out.size() <= 16 * 1024 * 1024);
}

QTEST_GUILESS_MAIN(TestGoTemplate)
#include "test_gotemplate.moc"
