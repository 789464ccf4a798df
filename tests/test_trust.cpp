// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The signature policy and signatures that travel (issue [trust]), against
// two real registries. Signatures are made here in cosign's format with the
// openssl command, and what travelled is verified again with it: Debian 12's
// skopeo 1.9.3 can neither make nor verify sigstore signatures ("Debian-local
// change: sigstore disabled"), so it is the oracle for the policy itself
// (reject) only.
#include "cosignsigner.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock::test;

namespace {

const QString OciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");

QString attachmentTag(const QString &digest)
{
    return CosignSigner::attachmentTag(digest);
}

} // namespace

class TestTrust : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rejectDefaultRefusesCopyAndSync();
    void signedImageIsAcceptedAndItsSignatureTravels();
    void badSignaturesAreRefused_data();
    void badSignaturesAreRefused();
    void otherKeyTypesVerify_data();
    void otherKeyTypesVerify();
    void destinationSignaturesAreKept();
    void removeSignaturesLeavesThemBehind();
    void signaturesMadeLaterReachASyncedImage();
    void conversionOfASignedImageIsRefused();
    void scopesChooseTheRequirement();
    void referrersTravel();
    void signsWithASigstoreKey();
    void badPolicyFilesAreNamed_data();
    void badPolicyFilesAreNamed();

private:
    QString publicKey(const QString &name) const { return m_signer.publicKey(name); }
    QJsonObject signatureLayer(const QString &repository, const QString &digest, const QString &identity,
        const QString &keyName, bool tamper = false)
    {
        RawRegistry raw(m_source->baseUrl());
        return m_signer.signatureLayer(raw, repository, digest, identity, keyName, tamper);
    }
    static QString pushAttachment(RawRegistry &registry, const QString &repository, const QString &digest,
        const QJsonArray &layers)
    {
        return CosignSigner::pushAttachment(registry, repository, digest, layers);
    }
    QString writePolicy(const QString &name, const QByteArray &json);
    QString sigstorePolicy(const QString &name, const QString &keyName, const QString &identity = {});
    ProcessResult copy(const QStringList &flags, const QString &from, const QString &to);
    // skopeo copies `from` under policy into the source registry's scratch repo.
    ProcessResult skopeoCopy(const QString &policy, const QString &from);
    QString source(const QString &repository) const
    {
        return QStringLiteral("docker://%1/%2").arg(m_source->hostAndPort(), repository);
    }
    QString destination(const QString &repository) const
    {
        return QStringLiteral("docker://%1/%2").arg(m_destination->hostAndPort(), repository);
    }
    // The digest a tag names at a registry, or empty.
    QString tagDigest(RegistryServer &registry, const QString &repository, const QString &tag);
    QJsonObject manifestAt(RegistryServer &registry, const QString &repository, const QString &reference);

    QTemporaryDir m_dir;
    CosignSigner m_signer {m_dir.path()};
    std::unique_ptr<RegistryServer> m_source;
    std::unique_ptr<RegistryServer> m_destination;
    QString m_image; // src/app:1's manifest digest
    QString m_registriesD; // skopeo: sigstore attachments on
};

void TestTrust::initTestCase()
{
    m_source = std::make_unique<RegistryServer>(RegistryServer::Options());
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_source->isRunning(), qPrintable(m_source->errorText()));
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
    RawRegistry raw(m_source->baseUrl());
    m_image = raw.pushConvertibleImage(QStringLiteral("src/app"), QStringLiteral("1"), 300'000);
    QVERIFY2(!m_image.isEmpty(), qPrintable(raw.error()));
    QVERIFY(m_signer.makeKey(QStringLiteral("ec"), QStringLiteral("EC")));
    QVERIFY(m_signer.makeKey(QStringLiteral("other"), QStringLiteral("EC")));
    QVERIFY(m_signer.makeKey(QStringLiteral("rsa"), QStringLiteral("RSA")));
    QVERIFY(m_signer.makeKey(QStringLiteral("ed25519"), QStringLiteral("ED25519")));
    // Signed by "ec" as the source's own name.
    const QJsonObject layer = signatureLayer(QStringLiteral("src/app"), m_image,
        m_source->hostAndPort() + QStringLiteral("/src/app:1"), QStringLiteral("ec"));
    QVERIFY(!pushAttachment(raw, QStringLiteral("src/app"), m_image, {layer}).isEmpty());
    m_registriesD = m_dir.filePath(QStringLiteral("registries.d"));
    QVERIFY(QDir().mkpath(m_registriesD));
    QFile yaml(m_registriesD + QStringLiteral("/default.yaml"));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write("default-docker:\n  use-sigstore-attachments: true\n");
}

QString TestTrust::writePolicy(const QString &name, const QByteArray &json)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(json);
    return path;
}

QString TestTrust::sigstorePolicy(const QString &name, const QString &keyName, const QString &identity)
{
    QJsonObject requirement {{QStringLiteral("type"), QStringLiteral("sigstoreSigned")}, {QStringLiteral("keyPath"), publicKey(keyName)}};
    if (!identity.isEmpty())
        requirement.insert(QStringLiteral("signedIdentity"), QJsonDocument::fromJson(identity.toUtf8()).object());
    return writePolicy(name, QJsonDocument(QJsonObject {{QStringLiteral("default"), QJsonArray {requirement}}}).toJson());
}

ProcessResult TestTrust::copy(const QStringList &flags, const QString &from, const QString &to)
{
    return runCli(flags + QStringList {QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), from, to});
}

ProcessResult TestTrust::skopeoCopy(const QString &policy, const QString &from)
{
    return runSkopeo({QStringLiteral("--policy"), policy, QStringLiteral("--registries.d"), m_registriesD, QStringLiteral("copy"),
        QStringLiteral("--src-tls-verify=false"), QStringLiteral("--dest-tls-verify=false"), QStringLiteral("--remove-signatures"),
        from, source(QStringLiteral("scratch/skopeo:1"))});
}

QJsonObject TestTrust::manifestAt(RegistryServer &registry, const QString &repository, const QString &reference)
{
    RawRegistry raw(registry.baseUrl());
    const RawRegistry::Reply reply = raw.request("GET", QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference), {},
        {{"Accept", OciManifest.toLatin1() + ", application/vnd.oci.image.index.v1+json"}});
    return reply.status == 200 ? QJsonDocument::fromJson(reply.body).object() : QJsonObject();
}

QString TestTrust::tagDigest(RegistryServer &registry, const QString &repository, const QString &tag)
{
    const ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--raw"),
        QStringLiteral("docker://%1/%2:%3").arg(registry.hostAndPort(), repository, tag)});
    if (r.exitCode != 0)
        return {};
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(r.out, QCryptographicHash::Sha256).toHex());
}

void TestTrust::rejectDefaultRefusesCopyAndSync()
{
    const QString policy = writePolicy(QStringLiteral("reject"), R"({"default":[{"type":"reject"}]})");
    ProcessResult r = copy({QStringLiteral("--policy"), policy}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("rejected/app:1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QByteArray(QByteArray("the signature policy ") + policy.toUtf8() + " rejects docker://")), r.err.constData());
    QVERIFY2(r.err.contains("requirement reject"), r.err.constData());
    QVERIFY2(tagDigest(*m_destination, QStringLiteral("rejected/app"), QStringLiteral("1")).isEmpty(), "nothing is tagged");
    // The oracle refuses it too.
    QVERIFY(skopeoCopy(policy, source(QStringLiteral("src/app:1"))).exitCode != 0);

    // sync: every image refused, nothing written.
    r = runCli({QStringLiteral("--policy"), policy, QStringLiteral("sync"), QStringLiteral("--src"), QStringLiteral("docker"),
        QStringLiteral("--dest"), QStringLiteral("docker"), QStringLiteral("--src-tls-verify=false"),
        QStringLiteral("--dest-tls-verify=false"), m_source->hostAndPort() + QStringLiteral("/src/app:1"),
        m_destination->hostAndPort() + QStringLiteral("/rejected-sync")});
    QVERIFY2(r.exitCode != 0, r.err.constData());
    QVERIFY2(r.err.contains("the signature policy"), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("rejected-sync/src/app"), QStringLiteral("1")).isEmpty());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("rejected-sync/app"), QStringLiteral("1")).isEmpty());

    // sync --dry-run says so without writing.
    r = runCli({QStringLiteral("--policy"), policy, QStringLiteral("sync"), QStringLiteral("--dry-run"), QStringLiteral("--src"), QStringLiteral("docker"),
        QStringLiteral("--dest"), QStringLiteral("docker"), QStringLiteral("--src-tls-verify=false"),
        QStringLiteral("--dest-tls-verify=false"), m_source->hostAndPort() + QStringLiteral("/src/app:1"),
        m_destination->hostAndPort() + QStringLiteral("/rejected-sync")});
    QVERIFY2(r.exitCode != 0, r.out.constData());
    const QByteArray said = r.out + r.err;
    QVERIFY2(said.contains("rejects docker://"), said.constData());

    // --insecure-policy: not checked.
    r = copy({QStringLiteral("--insecure-policy")}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("rejected/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("rejected/app"), QStringLiteral("1")), m_image);
}

void TestTrust::signedImageIsAcceptedAndItsSignatureTravels()
{
    const QString policy = sigstorePolicy(QStringLiteral("ec-source"), QStringLiteral("ec"));
    ProcessResult r = copy({QStringLiteral("--policy"), policy}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("prod/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("prod/app"), QStringLiteral("1")), m_image);
    const QString sourceAttachment = tagDigest(*m_source, QStringLiteral("src/app"), attachmentTag(m_image));
    QVERIFY(!sourceAttachment.isEmpty());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("prod/app"), attachmentTag(m_image)), sourceAttachment);

    // openssl verifies the signature as it arrived: payload blob and
    // annotation read back from the destination.
    const QJsonObject layer = manifestAt(*m_destination, QStringLiteral("prod/app"), attachmentTag(m_image))
                                  .value(QStringLiteral("layers")).toArray().at(0).toObject();
    const RawRegistry::Reply payload = RawRegistry(m_destination->baseUrl()).request("GET",
        QStringLiteral("/v2/prod/app/blobs/%1").arg(layer.value(QStringLiteral("digest")).toString()));
    QCOMPARE(payload.status, 200);
    QVERIFY(payload.body.contains(m_image.toUtf8()));
    QFile signature(m_dir.filePath(QStringLiteral("travelled.sig")));
    QVERIFY(signature.open(QIODevice::WriteOnly));
    signature.write(QByteArray::fromBase64(
        layer.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("dev.cosignproject.cosign/signature")).toString().toLatin1()));
    signature.close();
    const ProcessResult opensslVerify = runProcess(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"),
        QStringLiteral("-verify"), publicKey(QStringLiteral("ec")), QStringLiteral("-signature"), signature.fileName()}, payload.body);
    QVERIFY2(opensslVerify.exitCode == 0, opensslVerify.out.constData());
    // crossdock verifies the copy at the destination: signed as the
    // source's name, accepted under the destination's by remapIdentity.
    const QString remap = QStringLiteral(R"({"type":"remapIdentity","prefix":"%1/prod","signedPrefix":"%2/src"})")
                              .arg(m_destination->hostAndPort(), m_source->hostAndPort());
    const QString destinationPolicy = sigstorePolicy(QStringLiteral("ec-destination"), QStringLiteral("ec"), remap);
    r = copy({QStringLiteral("--policy"), policy}, destination(QStringLiteral("prod/app:1")), destination(QStringLiteral("prod2/app:1")));
    QCOMPARE(r.exitCode, 1); // without the remap, the identity does not match
    QVERIFY2(r.err.contains("the signature is for"), r.err.constData());
    r = copy({QStringLiteral("--policy"), destinationPolicy}, destination(QStringLiteral("prod/app:1")), destination(QStringLiteral("prod2/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // A second copy changes nothing: the attachment is the same manifest.
    r = copy({QStringLiteral("--policy"), policy}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("prod/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("prod/app"), attachmentTag(m_image)), sourceAttachment);
}

void TestTrust::badSignaturesAreRefused_data()
{
    QTest::addColumn<QString>("keyName");      // signs
    QTest::addColumn<bool>("tamper");
    QTest::addColumn<QString>("signedDigest"); // empty: the image's
    QTest::addColumn<QString>("identity");     // empty: the source's name
    QTest::addColumn<QByteArray>("why");

    QTest::newRow("tampered") << "ec" << true << QString() << QString() << QByteArray("not made by the configured key");
    QTest::newRow("another key") << "other" << false << QString() << QString() << QByteArray("not made by the configured key");
    QTest::newRow("another manifest")
        << "ec" << false << QStringLiteral("sha256:%1").arg(QString(64, QLatin1Char('a'))) << QString()
        << QByteArray("the signature is for manifest sha256:aaaa");
    QTest::newRow("another image") << "ec" << false << QString() << QStringLiteral("example.com/evil/app:1")
                                   << QByteArray("the signature is for example.com/evil/app:1");
}

void TestTrust::badSignaturesAreRefused()
{
    QFETCH(QString, keyName);
    QFETCH(bool, tamper);
    QFETCH(QString, signedDigest);
    QFETCH(QString, identity);
    QFETCH(QByteArray, why);
    const QString repository = QStringLiteral("bad/") + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
    RawRegistry raw(m_source->baseUrl());
    const QString digest = raw.pushConvertibleImage(repository, QStringLiteral("1"), 300'000);
    QVERIFY(!digest.isEmpty());
    const QJsonObject layer = signatureLayer(repository, signedDigest.isEmpty() ? digest : signedDigest,
        identity.isEmpty() ? m_source->hostAndPort() + QLatin1Char('/') + repository + QStringLiteral(":1") : identity, keyName, tamper);
    QVERIFY(!pushAttachment(raw, repository, digest, {layer}).isEmpty());
    const QString policy = sigstorePolicy(QStringLiteral("ec-only"), QStringLiteral("ec"));

    const ProcessResult r = copy({QStringLiteral("--policy"), policy}, source(repository + QStringLiteral(":1")), destination(repository + QStringLiteral(":1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("the signature policy"), r.err.constData());
    QVERIFY2(r.err.contains(why), r.err.constData());
    QVERIFY(tagDigest(*m_destination, repository, QStringLiteral("1")).isEmpty());

    // And an unsigned image: nothing to verify.
    const QString unsigned_ = raw.pushConvertibleImage(repository, QStringLiteral("unsigned"), 1000);
    QVERIFY(!unsigned_.isEmpty());
    const ProcessResult none = copy({QStringLiteral("--policy"), policy}, source(repository + QStringLiteral(":unsigned")), destination(repository + QStringLiteral(":unsigned")));
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("no signature exists"), none.err.constData());
}

void TestTrust::otherKeyTypesVerify_data()
{
    QTest::addColumn<QString>("keyName");
    QTest::newRow("RSA") << QStringLiteral("rsa");
    QTest::newRow("Ed25519") << QStringLiteral("ed25519");
}

void TestTrust::otherKeyTypesVerify()
{
    QFETCH(QString, keyName);
    const QString repository = QStringLiteral("keys/") + keyName;
    RawRegistry raw(m_source->baseUrl());
    const QString digest = raw.pushConvertibleImage(repository, QStringLiteral("1"), 1000);
    const QJsonObject layer = signatureLayer(repository, digest, m_source->hostAndPort() + QLatin1Char('/') + repository + QStringLiteral(":1"), keyName);
    QVERIFY(!pushAttachment(raw, repository, digest, {layer}).isEmpty());
    ProcessResult r = copy({QStringLiteral("--policy"), sigstorePolicy(keyName, keyName)}, source(repository + QStringLiteral(":1")),
        destination(repository + QStringLiteral(":1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // The ECDSA key did not make it.
    r = copy({QStringLiteral("--policy"), sigstorePolicy(QStringLiteral("ec-only"), QStringLiteral("ec"))}, source(repository + QStringLiteral(":1")),
        destination(repository + QStringLiteral(":2")));
    QCOMPARE(r.exitCode, 1);
}

void TestTrust::destinationSignaturesAreKept()
{
    // The destination has a signature of its own (by "other") for the same image.
    const QString repository = QStringLiteral("kept/app");
    RawRegistry destinationRaw(m_destination->baseUrl());
    const QJsonObject theirs = signatureLayer(QStringLiteral("src/app"), m_image,
        m_destination->hostAndPort() + QStringLiteral("/kept/app:1"), QStringLiteral("other"));
    // The payload blob was pushed to the source: the destination needs it too.
    const RawRegistry::Reply payload = RawRegistry(m_source->baseUrl()).request("GET",
        QStringLiteral("/v2/src/app/blobs/%1").arg(theirs.value(QStringLiteral("digest")).toString()));
    QCOMPARE(payload.status, 200);
    QCOMPARE(destinationRaw.pushBlob(repository, payload.body), theirs.value(QStringLiteral("digest")).toString());
    QVERIFY(!pushAttachment(destinationRaw, repository, m_image, {theirs}).isEmpty());

    ProcessResult r = copy({}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("kept/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray layers = manifestAt(*m_destination, repository, attachmentTag(m_image)).value(QStringLiteral("layers")).toArray();
    QCOMPARE(layers.size(), 2);
    QCOMPARE(layers.at(0).toObject(), theirs);
    const QJsonArray sourceLayers = manifestAt(*m_source, QStringLiteral("src/app"), attachmentTag(m_image)).value(QStringLiteral("layers")).toArray();
    QCOMPARE(layers.at(1).toObject(), sourceLayers.at(0).toObject());
    // Both verify at the destination: by "ec" (with the source's name) and by "other".
    const QString merged = tagDigest(*m_destination, repository, attachmentTag(m_image));
    r = copy({}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("kept/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, repository, attachmentTag(m_image)), merged); // a no-op the second time
    const QString remap = QStringLiteral(R"({"type":"remapIdentity","prefix":"%1/kept","signedPrefix":"%2/src"})")
                              .arg(m_destination->hostAndPort(), m_source->hostAndPort());
    r = copy({QStringLiteral("--policy"), sigstorePolicy(QStringLiteral("ec-kept"), QStringLiteral("ec"), remap)},
        destination(QStringLiteral("kept/app:1")), destination(QStringLiteral("kept2/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = copy({QStringLiteral("--policy"), sigstorePolicy(QStringLiteral("other-kept"), QStringLiteral("other"))},
        destination(QStringLiteral("kept/app:1")), destination(QStringLiteral("kept3/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestTrust::removeSignaturesLeavesThemBehind()
{
    const ProcessResult r = copy({}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("bare/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!tagDigest(*m_destination, QStringLiteral("bare/app"), attachmentTag(m_image)).isEmpty());
    const ProcessResult removed = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--remove-signatures"),
        source(QStringLiteral("src/app:1")), destination(QStringLiteral("bare2/app:1"))});
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("bare2/app"), QStringLiteral("1")), m_image);
    QVERIFY(tagDigest(*m_destination, QStringLiteral("bare2/app"), attachmentTag(m_image)).isEmpty());
}

void TestTrust::signaturesMadeLaterReachASyncedImage()
{
    // Pushed unsigned and synced; signed at the source afterwards (a
    // pipeline signs after its push). The next sync finds the image
    // unchanged and still brings the signature; the one after adds nothing.
    RawRegistry raw(m_source->baseUrl());
    const QString image = raw.pushConvertibleImage(QStringLiteral("later/app"), QStringLiteral("1"), 200'000);
    QVERIFY2(!image.isEmpty(), qPrintable(raw.error()));
    const auto sync = [&](const QStringList &flags) {
        return runCli(QStringList {QStringLiteral("sync"), QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"),
                          QStringLiteral("docker"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--dest-tls-verify=false")}
            + flags
            + QStringList {m_source->hostAndPort() + QStringLiteral("/later/app:1"), m_destination->hostAndPort() + QStringLiteral("/later-sync")});
    };
    ProcessResult r = sync({});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("later-sync/app"), QStringLiteral("1")), image);
    QVERIFY(tagDigest(*m_destination, QStringLiteral("later-sync/app"), attachmentTag(image)).isEmpty());

    const QJsonObject layer = signatureLayer(QStringLiteral("later/app"), image,
        m_source->hostAndPort() + QStringLiteral("/later/app:1"), QStringLiteral("ec"));
    QVERIFY(!pushAttachment(raw, QStringLiteral("later/app"), image, {layer}).isEmpty());
    const QString signature = tagDigest(*m_source, QStringLiteral("later/app"), attachmentTag(image));
    QVERIFY(!signature.isEmpty());

    // Not with --remove-signatures.
    r = sync({QStringLiteral("--remove-signatures")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("skipped") && r.err.contains("(unchanged, "), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("later-sync/app"), attachmentTag(image)).isEmpty());

    r = sync({});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("(unchanged; 1 signature(s) added, "), r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("later-sync/app"), attachmentTag(image)), signature);
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("later-sync/app"), QStringLiteral("1")), image);
    // It verifies there, under the source's name.
    const QString remap = QStringLiteral(R"({"type":"remapIdentity","prefix":"%1/later-sync","signedPrefix":"%2/later"})")
                              .arg(m_destination->hostAndPort(), m_source->hostAndPort());
    r = copy({QStringLiteral("--policy"), sigstorePolicy(QStringLiteral("ec-later"), QStringLiteral("ec"), remap)},
        destination(QStringLiteral("later-sync/app:1")), destination(QStringLiteral("later-verified/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());

    r = sync({});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("(unchanged, "), r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("later-sync/app"), attachmentTag(image)), signature);
}

void TestTrust::conversionOfASignedImageIsRefused()
{
    ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"), QStringLiteral("v2s2"),
        source(QStringLiteral("src/app:1")), destination(QStringLiteral("converted/app:1"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--remove-signatures"), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("converted/app"), QStringLiteral("1")).isEmpty());
    r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"), QStringLiteral("v2s2"),
        QStringLiteral("--remove-signatures"), source(QStringLiteral("src/app:1")), destination(QStringLiteral("converted/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!tagDigest(*m_destination, QStringLiteral("converted/app"), QStringLiteral("1")).isEmpty());
}

void TestTrust::scopesChooseTheRequirement()
{
    // Reject one namespace of the source registry, accept the rest.
    const QString policy = writePolicy(QStringLiteral("scoped"),
        QStringLiteral(R"({"default":[{"type":"insecureAcceptAnything"}],
                           "transports":{"docker":{"%1/src":[{"type":"reject"}]},
                                         "docker-daemon":{"":[{"type":"insecureAcceptAnything"}]}}})")
            .arg(m_source->hostAndPort())
            .toUtf8());
    RawRegistry raw(m_source->baseUrl());
    QVERIFY(!raw.pushConvertibleImage(QStringLiteral("other/app"), QStringLiteral("1"), 1000).isEmpty());
    ProcessResult r = copy({QStringLiteral("--policy"), policy}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("scoped/a:1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("scope \"%1/src\"").arg(m_source->hostAndPort()).toUtf8()), r.err.constData());
    r = copy({QStringLiteral("--policy"), policy}, source(QStringLiteral("other/app:1")), destination(QStringLiteral("scoped/b:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestTrust::referrersTravel()
{
    // An image with a signature, an attestation (cosign ".att") and an SBOM
    // pushed with `subject`, listed in the tag schema's fallback index (the
    // registry has no referrers API).
    const QString repository = QStringLiteral("ref/app");
    RawRegistry raw(m_source->baseUrl());
    const QString image = raw.pushConvertibleImage(repository, QStringLiteral("1"), 20'000);
    QVERIFY(!image.isEmpty());
    const QJsonObject signature = signatureLayer(repository, image, m_source->hostAndPort() + QStringLiteral("/ref/app:1"), QStringLiteral("ec"));
    const QString sig = pushAttachment(raw, repository, image, {signature});
    const QByteArray envelope = R"({"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]})";
    const QJsonObject attestation {{QStringLiteral("mediaType"), QStringLiteral("application/vnd.dsse.envelope.v1+json")},
        {QStringLiteral("digest"), raw.pushBlob(repository, envelope)}, {QStringLiteral("size"), envelope.size()},
        {QStringLiteral("annotations"), QJsonObject {{QStringLiteral("predicateType"), QStringLiteral("https://slsa.dev/provenance/v0.2")}}}};
    const QJsonObject attManifest {{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), OciManifest},
        {QStringLiteral("config"), manifestAt(*m_source, repository, attachmentTag(image)).value(QStringLiteral("config"))},
        {QStringLiteral("layers"), QJsonArray {attestation}}};
    const QString attTag = QString(image).replace(QLatin1Char(':'), QLatin1Char('-')) + QStringLiteral(".att");
    const QString att = raw.pushManifest(repository, attTag, OciManifest, QJsonDocument(attManifest).toJson(QJsonDocument::Compact));
    QVERIFY(!sig.isEmpty() && !att.isEmpty());
    const QJsonObject sbom = pushReferrer(raw, repository, image, QStringLiteral("application/spdx+json"),
        R"({"spdxVersion":"SPDX-2.3","packages":[{"name":"busybox","versionInfo":"1.36"}]})");
    QVERIFY(!sbom.isEmpty());
    const QString fallbackTag = QString(image).replace(QLatin1Char(':'), QLatin1Char('-'));

    // Without --referrers: the signature only.
    ProcessResult r = copy({}, source(QStringLiteral("ref/app:1")), destination(QStringLiteral("plain/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("plain/app"), attachmentTag(image)), sig);
    QVERIFY(tagDigest(*m_destination, QStringLiteral("plain/app"), attTag).isEmpty());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("plain/app"), fallbackTag).isEmpty());

    // The destination already lists a referrer of its own: it stays.
    RawRegistry destinationRaw(m_destination->baseUrl());
    QVERIFY(!destinationRaw.pushConvertibleImage(QStringLiteral("all/app"), QStringLiteral("seed"), 20'000).isEmpty());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("all/app"), QStringLiteral("seed")), image); // the same image
    const QJsonObject theirs {{QStringLiteral("mediaType"), OciManifest},
        {QStringLiteral("digest"), tagDigest(*m_destination, QStringLiteral("all/app"), QStringLiteral("seed"))},
        {QStringLiteral("size"), destinationRaw.request("GET", QStringLiteral("/v2/all/app/manifests/seed"), {},
                                     {{"Accept", OciManifest.toLatin1()}}).body.size()},
        {QStringLiteral("artifactType"), QStringLiteral("application/example")}};
    QVERIFY(!destinationRaw.pushManifest(QStringLiteral("all/app"), fallbackTag, QStringLiteral("application/vnd.oci.image.index.v1+json"),
        QJsonDocument(QJsonObject {{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.index.v1+json")},
                          {QStringLiteral("manifests"), QJsonArray {theirs}}}).toJson(QJsonDocument::Compact)).isEmpty());

    r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--referrers"),
        source(QStringLiteral("ref/app:1")), destination(QStringLiteral("all/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("all/app"), attachmentTag(image)), sig);
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("all/app"), attTag), att);
    const QJsonArray listed = manifestAt(*m_destination, QStringLiteral("all/app"), fallbackTag).value(QStringLiteral("manifests")).toArray();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(0).toObject(), theirs);
    QCOMPARE(listed.at(1).toObject(), sbom);
    // The SBOM itself arrived, bytes and blobs.
    const QJsonObject arrived = manifestAt(*m_destination, QStringLiteral("all/app"), sbom.value(QStringLiteral("digest")).toString());
    QCOMPARE(arrived.value(QStringLiteral("subject")).toObject().value(QStringLiteral("digest")).toString(), image);
    const QString layer = arrived.value(QStringLiteral("layers")).toArray().at(0).toObject().value(QStringLiteral("digest")).toString();
    QCOMPARE(RawRegistry(m_destination->baseUrl()).request("GET", QStringLiteral("/v2/all/app/blobs/%1").arg(layer)).status, 200);

    // A second copy writes nothing new.
    const QString indexDigest = tagDigest(*m_destination, QStringLiteral("all/app"), fallbackTag);
    r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--referrers"),
        source(QStringLiteral("ref/app:1")), destination(QStringLiteral("all/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("all/app"), fallbackTag), indexDigest);
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("all/app"), attTag), att);

    // sync: a registry's "referrers" key in the YAML, over --referrers.
    const auto syncYaml = [&](const QString &referrers, const QStringList &flags, const QString &to) {
        QFile yaml(m_dir.filePath(QStringLiteral("sync-%1.yml").arg(to)));
        yaml.open(QIODevice::WriteOnly | QIODevice::Truncate);
        yaml.write(QStringLiteral("%1:\n  tls-verify: false\n  images:\n    ref/app: [\"1\"]\n%2")
                       .arg(m_source->hostAndPort(), referrers.isEmpty() ? QString() : QStringLiteral("  referrers: %1\n").arg(referrers))
                       .toUtf8());
        yaml.close();
        return runCli(QStringList {QStringLiteral("sync"), QStringLiteral("--src"), QStringLiteral("yaml"), QStringLiteral("--dest"),
                          QStringLiteral("docker"), QStringLiteral("--dest-tls-verify=false")}
            + flags + QStringList {yaml.fileName(), m_destination->hostAndPort() + QLatin1Char('/') + to});
    };
    r = syncYaml(QStringLiteral("true"), {}, QStringLiteral("synced-with"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("synced-with/app"), attTag), att);
    QCOMPARE(manifestAt(*m_destination, QStringLiteral("synced-with/app"), fallbackTag).value(QStringLiteral("manifests")).toArray().size(), 1);
    r = syncYaml(QStringLiteral("false"), {QStringLiteral("--referrers")}, QStringLiteral("synced-without"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("synced-without/app"), attachmentTag(image)), sig);
    QVERIFY(tagDigest(*m_destination, QStringLiteral("synced-without/app"), attTag).isEmpty());
    r = syncYaml(QString(), {QStringLiteral("--referrers")}, QStringLiteral("synced-flag"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("synced-flag/app"), attTag), att);
}

void TestTrust::signsWithASigstoreKey()
{
    const QString helper = QFINDTESTDATA("support/cosign_key.py");
    QVERIFY(!helper.isEmpty());
    const QString pass = m_dir.filePath(QStringLiteral("pass"));
    QFile passFile(pass);
    QVERIFY(passFile.open(QIODevice::WriteOnly));
    passFile.write("correct horse\n");
    passFile.close();
    // crossdock makes a key pair; another implementation of cosign's format reads it.
    const QString prefix = m_dir.filePath(QStringLiteral("made"));
    ProcessResult r = runCli({QStringLiteral("generate-sigstore-key"), QStringLiteral("--output-prefix"), prefix,
        QStringLiteral("--passphrase-file"), pass});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QFile::permissions(prefix + QStringLiteral(".private")) & 0x0077, QFileDevice::Permissions());
    const ProcessResult checked = runProcess(helper, {QStringLiteral("check"), prefix + QStringLiteral(".private"), pass,
        prefix + QStringLiteral(".pub")});
    QVERIFY2(checked.exitCode == 0, checked.err.constData());
    r = runCli({QStringLiteral("generate-sigstore-key"), QStringLiteral("--output-prefix"), prefix, QStringLiteral("--passphrase-file"), pass});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("exists"), r.err.constData());

    // Signing while copying: the source's signature travels and ours is added.
    const QStringList sign {QStringLiteral("--sign-by-sigstore-private-key"), prefix + QStringLiteral(".private"),
        QStringLiteral("--sign-passphrase-file"), pass};
    r = runCli(QStringList {QStringLiteral("copy"), QStringLiteral("--tls-verify=false")} + sign
        + QStringList {source(QStringLiteral("src/app:1")), destination(QStringLiteral("signed/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("Signed"), r.err.constData());
    const QJsonArray layers = manifestAt(*m_destination, QStringLiteral("signed/app"), attachmentTag(m_image)).value(QStringLiteral("layers")).toArray();
    QCOMPARE(layers.size(), 2);
    // openssl verifies ours with the public key; it names the destination.
    const QJsonObject ours = layers.at(1).toObject();
    const RawRegistry::Reply payload = RawRegistry(m_destination->baseUrl()).request("GET",
        QStringLiteral("/v2/signed/app/blobs/%1").arg(ours.value(QStringLiteral("digest")).toString()));
    QCOMPARE(payload.status, 200);
    const QByteArray claim = QByteArray("\"docker-reference\":\"") + m_destination->hostAndPort().toUtf8() + QByteArray("/signed/app:1\"");
    QVERIFY2(payload.body.contains(claim), payload.body.constData());
    QVERIFY(payload.body.contains(m_image.toUtf8()));
    QFile signature(m_dir.filePath(QStringLiteral("ours.sig")));
    QVERIFY(signature.open(QIODevice::WriteOnly));
    signature.write(QByteArray::fromBase64(
        ours.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("dev.cosignproject.cosign/signature")).toString().toLatin1()));
    signature.close();
    const ProcessResult verified = runProcess(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"),
        QStringLiteral("-verify"), prefix + QStringLiteral(".pub"), QStringLiteral("-signature"), signature.fileName()}, payload.body);
    QVERIFY2(verified.exitCode == 0, verified.out.constData());
    // And the policy accepts it at the destination by that key.
    r = copy({QStringLiteral("--policy"), writePolicy(QStringLiteral("made"),
                 QStringLiteral(R"({"default":[{"type":"sigstoreSigned","keyPath":"%1.pub"}]})").arg(prefix).toUtf8())},
        destination(QStringLiteral("signed/app:1")), destination(QStringLiteral("signed2/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // A key another implementation wrote signs as well.
    const QString theirs = m_dir.filePath(QStringLiteral("theirs"));
    const ProcessResult made = runProcess(helper, {QStringLiteral("make"), theirs + QStringLiteral(".private"),
        theirs + QStringLiteral(".pub"), pass});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--sign-by-sigstore-private-key"),
        theirs + QStringLiteral(".private"), QStringLiteral("--sign-passphrase-file"), pass, QStringLiteral("--sign-identity"),
        QStringLiteral("prod.example.com/team/app:1"), source(QStringLiteral("src/app:1")), destination(QStringLiteral("theirs/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = copy({QStringLiteral("--policy"), writePolicy(QStringLiteral("theirs"),
                 QStringLiteral(R"({"default":[{"type":"sigstoreSigned","keyPath":"%1.pub","signedIdentity":{"type":"exactReference","dockerReference":"prod.example.com/team/app:1"}}]})")
                     .arg(theirs).toUtf8())},
        destination(QStringLiteral("theirs/app:1")), destination(QStringLiteral("theirs2/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // Refusals, before anything is copied.
    QFile wrong(m_dir.filePath(QStringLiteral("wrong")));
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("not it\n");
    wrong.close();
    r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--sign-by-sigstore-private-key"),
        prefix + QStringLiteral(".private"), QStringLiteral("--sign-passphrase-file"), wrong.fileName(),
        source(QStringLiteral("src/app:1")), destination(QStringLiteral("wrongpass/app:1"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("wrong passphrase"), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("wrongpass/app"), QStringLiteral("1")).isEmpty());
    r = runCli(QStringList {QStringLiteral("copy"), QStringLiteral("--tls-verify=false")} + sign
        + QStringList {source(QStringLiteral("src/app:1")), QStringLiteral("oci:") + m_dir.filePath(QStringLiteral("layout")) + QStringLiteral(":app")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("signing needs a registry destination"), r.err.constData());
    r = runCli(QStringList {QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), QStringLiteral("--sign-identity"), QStringLiteral("app")} + sign
        + QStringList {source(QStringLiteral("src/app:1")), destination(QStringLiteral("badidentity/app:1"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--sign-identity \"app\" must be a fully specified image reference"), r.err.constData());
}

void TestTrust::badPolicyFilesAreNamed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("why");
    QTest::newRow("not json") << QByteArray("{") << QByteArray("not a JSON object");
    QTest::newRow("no default") << QByteArray(R"({"transports":{}})") << QByteArray("\"default\" is required");
    QTest::newRow("empty default") << QByteArray(R"({"default":[]})") << QByteArray("default: must not be empty");
    QTest::newRow("unknown type") << QByteArray(R"({"default":[{"type":"trustMe"}]})") << QByteArray("unknown requirement type \"trustMe\"");
    QTest::newRow("misspelt field") << QByteArray(R"({"default":[{"type":"reject","keyPth":"x"}]})") << QByteArray("unknown field \"keyPth\"");
    QTest::newRow("fulcio") << QByteArray(R"({"default":[{"type":"sigstoreSigned","fulcio":{}}]})") << QByteArray("\"fulcio\" is not supported yet");
    QTest::newRow("missing key file") << QByteArray(R"({"default":[{"type":"sigstoreSigned","keyPath":"/nonexistent/k.pub"}]})")
                                      << QByteArray("cannot read key file /nonexistent/k.pub");
    QTest::newRow("not a key") << QByteArray(R"({"default":[{"type":"sigstoreSigned","keyData":"aGVsbG8="}]})")
                               << QByteArray("keyData in the policy is not a PEM public key");
    QTest::newRow("unknown transport") << QByteArray(R"({"default":[{"type":"reject"}],"transports":{"ftp":{}}})")
                                       << QByteArray("transports.ftp: unknown transport");
}

void TestTrust::badPolicyFilesAreNamed()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, why);
    const QString policy = writePolicy(QStringLiteral("bad"), json);
    const ProcessResult r = copy({QStringLiteral("--policy"), policy}, source(QStringLiteral("src/app:1")), destination(QStringLiteral("never/app:1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(policy.toUtf8()), r.err.constData());
    QVERIFY2(r.err.contains(why), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("never/app"), QStringLiteral("1")).isEmpty());
}

QTEST_GUILESS_MAIN(TestTrust)
#include "test_trust.moc"
