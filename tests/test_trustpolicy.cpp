// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// containers-policy.json(5) semantics without a registry: which scope an
// image falls under, and which signed identities each signedIdentity accepts
// (the cases of containers/image's policy_reference_match tests).
#include "core/image/imagereference.h"
#include "core/transports/transportreference.h"
#include "core/trust/sigstoresignature.h"
#include "core/trust/trustpolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QTemporaryDir>
#include <QTest>

using namespace crossdock;

class TestTrustPolicy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dockerScopes();
    void localScopes();
    void mostSpecificScopeWins_data();
    void mostSpecificScopeWins();
    void signedIdentities_data();
    void signedIdentities();
    void keyDataIsRead();
    void signatureAttachmentsAreBounded();
};

namespace {

TransportReference parse(const QString &text)
{
    QString error;
    const TransportReference reference = TransportReference::parse(text, &error);
    if (!reference.isValid())
        qWarning("%s: %s", qPrintable(text), qPrintable(error));
    return reference;
}

} // namespace

void TestTrustPolicy::dockerScopes()
{
    QCOMPARE(TrustPolicy::scopesFor(parse(QStringLiteral("docker://registry.example.com:5000/team/app:1"))),
        (QStringList {QStringLiteral("registry.example.com:5000/team/app:1"), QStringLiteral("registry.example.com:5000/team/app"),
            QStringLiteral("registry.example.com:5000/team"), QStringLiteral("registry.example.com:5000"),
            QStringLiteral("*.example.com"), QStringLiteral("*.com")}));
    // Short names are expanded as docker does before the lookup.
    QCOMPARE(TrustPolicy::scopesFor(parse(QStringLiteral("docker://busybox"))),
        (QStringList {QStringLiteral("docker.io/library/busybox:latest"), QStringLiteral("docker.io/library/busybox"),
            QStringLiteral("docker.io/library"), QStringLiteral("docker.io"), QStringLiteral("*.io")}));
}

void TestTrustPolicy::localScopes()
{
    QTemporaryDir dir;
    const QString layout = dir.filePath(QStringLiteral("images/app"));
    const QStringList scopes = TrustPolicy::scopesFor(parse(QStringLiteral("oci:%1:latest").arg(layout)));
    QVERIFY(scopes.size() >= 3);
    QVERIFY2(scopes.first().endsWith(QStringLiteral("/images/app")), qPrintable(scopes.first()));
    QVERIFY2(scopes.at(1).endsWith(QStringLiteral("/images")), qPrintable(scopes.at(1)));
    QVERIFY(!scopes.contains(QStringLiteral("/")));
    for (qsizetype i = 1; i < scopes.size(); ++i)
        QVERIFY(scopes.at(i - 1).startsWith(scopes.at(i) + QLatin1Char('/')));
}

void TestTrustPolicy::mostSpecificScopeWins_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("scope");
    QTest::newRow("exact tag") << "docker://r.example.com/team/app:1" << "r.example.com/team/app:1";
    QTest::newRow("repository") << "docker://r.example.com/team/app:2" << "r.example.com/team/app";
    QTest::newRow("namespace") << "docker://r.example.com/team/other:1" << "r.example.com/team";
    QTest::newRow("host") << "docker://r.example.com/else:1" << "r.example.com";
    QTest::newRow("wildcard") << "docker://q.example.com/else:1" << "*.example.com";
    QTest::newRow("transport default") << "docker://elsewhere.org/x:1" << "";
    QTest::newRow("global default") << "dir:/tmp/somewhere" << "default";
}

void TestTrustPolicy::mostSpecificScopeWins()
{
    QFETCH(QString, reference);
    QFETCH(QString, scope);
    const QByteArray json = R"({"default":[{"type":"reject"}],"transports":{"docker":{
        "r.example.com/team/app:1":[{"type":"insecureAcceptAnything"}],
        "r.example.com/team/app":[{"type":"reject"}],
        "r.example.com/team":[{"type":"insecureAcceptAnything"}],
        "r.example.com":[{"type":"reject"}],
        "*.example.com":[{"type":"insecureAcceptAnything"}],
        "":[{"type":"reject"}]}}})";
    QString error;
    const std::optional<TrustPolicy> policy = TrustPolicy::parse(json, QStringLiteral("policy.json"), &error);
    QVERIFY2(policy, qPrintable(error));
    QCOMPARE(policy->requirementsFor(parse(reference)).scope, scope);
}

void TestTrustPolicy::signedIdentities_data()
{
    QTest::addColumn<QString>("identity"); // signedIdentity JSON
    QTest::addColumn<QString>("intended"); // the image as read
    QTest::addColumn<QString>("signedAs"); // what the signature claims
    QTest::addColumn<bool>("accepted");

    const QString byDigest = QStringLiteral("r.example.com/app@sha256:") + QString(64, QLatin1Char('1'));
    const QString exact = QStringLiteral(R"({"type":"matchExact"})");
    const QString repoDigest = QStringLiteral(R"({"type":"matchRepoDigestOrExact"})");
    const QString repository = QStringLiteral(R"({"type":"matchRepository"})");
    QTest::newRow("exact: same tag") << exact << "r.example.com/app:1" << "r.example.com/app:1" << true;
    QTest::newRow("exact: other tag") << exact << "r.example.com/app:1" << "r.example.com/app:2" << false;
    QTest::newRow("exact: name only signed") << exact << "r.example.com/app:1" << "r.example.com/app" << false;
    QTest::newRow("repoDigest: by digest, any tag") << repoDigest << byDigest << "r.example.com/app:7" << true;
    QTest::newRow("repoDigest: by digest, other repo") << repoDigest << byDigest << "r.example.com/evil:7" << false;
    QTest::newRow("repoDigest: by tag, same") << repoDigest << "r.example.com/app:1" << "r.example.com/app:1" << true;
    QTest::newRow("repoDigest: by tag, other") << repoDigest << "r.example.com/app:1" << "r.example.com/app:2" << false;
    QTest::newRow("repoDigest: docker.io short") << repoDigest << "docker.io/library/busybox:1" << "busybox:1" << true;
    QTest::newRow("repository: any tag") << repository << "r.example.com/app:1" << "r.example.com/app:9" << true;
    QTest::newRow("repository: other registry") << repository << "r.example.com/app:1" << "q.example.com/app:1" << false;
    QTest::newRow("exactReference: same")
        << R"({"type":"exactReference","dockerReference":"r.example.com/app:1"})" << "x.example.com/y:2" << "r.example.com/app:1" << true;
    QTest::newRow("exactReference: other")
        << R"({"type":"exactReference","dockerReference":"r.example.com/app:1"})" << "x.example.com/y:2" << "r.example.com/app:2" << false;
    QTest::newRow("exactRepository: any tag")
        << R"({"type":"exactRepository","dockerRepository":"r.example.com/app"})" << "x.example.com/y:2" << "r.example.com/app:5" << true;
    QTest::newRow("exactRepository: other")
        << R"({"type":"exactRepository","dockerRepository":"r.example.com/app"})" << "x.example.com/y:2" << "r.example.com/apps:5" << false;
    const QString remap = QStringLiteral(R"({"type":"remapIdentity","prefix":"prod.example.com/team","signedPrefix":"dev.example.com/team"})");
    QTest::newRow("remap: promoted") << remap << "prod.example.com/team/app:1" << "dev.example.com/team/app:1" << true;
    QTest::newRow("remap: tag differs") << remap << "prod.example.com/team/app:1" << "dev.example.com/team/app:2" << false;
    QTest::newRow("remap: prefix boundary") << remap << "prod.example.com/teamx/app:1" << "dev.example.com/teamx/app:1" << false;
    QTest::newRow("remap: not under prefix, exact") << remap << "other.example.com/app:1" << "other.example.com/app:1" << true;
}

void TestTrustPolicy::signedIdentities()
{
    QFETCH(QString, identity);
    QFETCH(QString, intended);
    QFETCH(QString, signedAs);
    QFETCH(bool, accepted);
    const QByteArray json = QStringLiteral(R"({"default":[{"type":"sigstoreSigned","keyData":"%1","signedIdentity":%2}]})")
                                .arg(QString::fromLatin1(QByteArrayLiteral("-----BEGIN PUBLIC KEY-----\n"
                                                                           "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+m1FW7pGA8riFyzJIUJpQNgMrjB3\n"
                                                                           "9RzmYa0gCEA63/2jnEMIr4mrO+g0cVTbaLXJ5oS+v/SP4sBQ1eF31LGYKg==\n"
                                                                           "-----END PUBLIC KEY-----\n")
                                                             .toBase64()),
                                    identity)
                                .toUtf8();
    QString error;
    const std::optional<TrustPolicy> policy = TrustPolicy::parse(json, QStringLiteral("policy.json"), &error);
    QVERIFY2(policy, qPrintable(error));
    const TrustPolicy::Match match = policy->requirementsFor(parse(QStringLiteral("docker://") + intended));
    QCOMPARE(match.requirements.size(), 1);
    QString why;
    const bool result = match.requirements.first().identity.accepts(ImageReference::parse(intended), signedAs, &why);
    QVERIFY2(result == accepted, qPrintable(why));
    if (!accepted)
        QVERIFY2(why.startsWith(QStringLiteral("the signature is for ")), qPrintable(why));
}

void TestTrustPolicy::keyDataIsRead()
{
    // keyDatas: every key listed is kept, in order.
    const QByteArray pem = "-----BEGIN PUBLIC KEY-----\n"
                           "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+m1FW7pGA8riFyzJIUJpQNgMrjB3\n"
                           "9RzmYa0gCEA63/2jnEMIr4mrO+g0cVTbaLXJ5oS+v/SP4sBQ1eF31LGYKg==\n"
                           "-----END PUBLIC KEY-----\n";
    const QByteArray json = R"({"default":[{"type":"sigstoreSigned","keyDatas":[")" + pem.toBase64() + R"(",")"
        + pem.toBase64() + R"("]}]})";
    QString error;
    const std::optional<TrustPolicy> policy = TrustPolicy::parse(json, QStringLiteral("p.json"), &error);
    QVERIFY2(policy, qPrintable(error));
    const QList<PolicyRequirement> requirements = policy->requirementsFor(parse(QStringLiteral("docker://a.example/b:1"))).requirements;
    QCOMPARE(requirements.first().publicKeys, (QList<QByteArray> {pem, pem}));
    QCOMPARE(requirements.first().describe(), QStringLiteral("sigstoreSigned (2 public key(s))"));
}

void TestTrustPolicy::signatureAttachmentsAreBounded()
{
    const auto attachment = [](int signatures, const QString &annotation) {
        QJsonArray layers;
        for (int i = 0; i < signatures; ++i)
            layers.append(QJsonObject {{QStringLiteral("mediaType"), QLatin1String(Sigstore::PayloadMediaType)},
                {QStringLiteral("digest"), Digest::sha256Of(QByteArray::number(i)).toString()}, {QStringLiteral("size"), 100},
                {QStringLiteral("annotations"), QJsonObject {{QLatin1String(Sigstore::SignatureAnnotation), annotation}}}});
        const QJsonObject manifest {{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
            {QStringLiteral("config"), QJsonObject {{QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.config.v1+json")},
                                           {QStringLiteral("digest"), Digest::sha256Of("{}").toString()}, {QStringLiteral("size"), 2}}},
            {QStringLiteral("layers"), layers}};
        QString error;
        return *Manifest::parse(QJsonDocument(manifest).toJson(QJsonDocument::Compact), QString(), &error);
    };
    QString error;
    QCOMPARE(Sigstore::signaturesIn(attachment(Sigstore::MaxSignatures, QStringLiteral("c2ln")), &error).size(), Sigstore::MaxSignatures);
    QVERIFY(error.isEmpty());
    QVERIFY(Sigstore::signaturesIn(attachment(Sigstore::MaxSignatures + 1, QStringLiteral("c2ln")), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("more than 64 signatures")), qPrintable(error));
    error.clear();
    QVERIFY(Sigstore::signaturesIn(attachment(1, QStringLiteral("not base64!")), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("not base64")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestTrustPolicy)
#include "test_trustpolicy.moc"
