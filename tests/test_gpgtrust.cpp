// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// GPG simple signing (issue [trust]) against two real registries, with
// skopeo 1.9.3 as the oracle: Debian's skopeo signs and verifies GPG
// signatures (only sigstore is disabled there). Keys are made here with gpg
// in a GnuPG home of the test's own; signatures live in file:// lookasides
// that a registries.d names, as skopeo keeps them.
#include "gpgsigner.h"
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

class TestGpgTrust : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void skopeoSignsCrossdockVerifiesAndCopies();
    void badSignaturesAreRefused_data();
    void badSignaturesAreRefused();
    void crossdockSignsSkopeoVerifies();
    void passphraseProtectedKey();
    void removeSignaturesLeavesThemBehind();
    void signaturesMadeLaterReachASyncedImage();
    void conversionOfASignedImageIsRefused();
    void standaloneSignAndVerifyInteroperate();
    void badRegistriesDIsNamed_data();
    void badRegistriesDIsNamed();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);
    QString signedByPolicy(const QString &name, const QString &keyName, const QString &identity = {});
    ProcessResult cli(const QStringList &arguments);
    ProcessResult skopeo(const QStringList &arguments);
    ProcessResult copy(const QStringList &flags, const QString &from, const QString &to)
    {
        return cli(flags
            + QStringList {QStringLiteral("--registries.d"), m_registriesD, QStringLiteral("copy"),
                QStringLiteral("--tls-verify=false"), from, to});
    }
    // skopeo copies an image out under a policy: whether it accepts it.
    ProcessResult skopeoAccepts(const QString &policy, const QString &image);
    QString source(const QString &repository) const
    {
        return QStringLiteral("docker://%1/%2").arg(m_source->hostAndPort(), repository);
    }
    QString destination(const QString &repository) const
    {
        return QStringLiteral("docker://%1/%2").arg(m_destination->hostAndPort(), repository);
    }
    static QString signatureFile(const QString &lookaside, const QString &repository, const QString &digest, int n)
    {
        return GpgSigner::signatureFile(lookaside, repository, digest, n);
    }
    QString tagDigest(RegistryServer &registry, const QString &repository, const QString &tag);

    QTemporaryDir m_dir;
    GpgSigner m_gpg {m_dir.path()};
    std::unique_ptr<RegistryServer> m_source;
    std::unique_ptr<RegistryServer> m_destination;
    QString m_image;       // src/app:1's manifest digest
    QString m_registriesD;
    QString m_sourceLookaside, m_destinationLookaside;
};

QString TestGpgTrust::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(bytes);
    return path;
}

QString TestGpgTrust::signedByPolicy(const QString &name, const QString &keyName, const QString &identity)
{
    QJsonObject requirement {{QStringLiteral("type"), QStringLiteral("signedBy")},
        {QStringLiteral("keyType"), QStringLiteral("GPGKeys")},
        {QStringLiteral("keyPath"), m_gpg.publicKeyFile(keyName)}};
    if (!identity.isEmpty())
        requirement.insert(QStringLiteral("signedIdentity"), QJsonDocument::fromJson(identity.toUtf8()).object());
    return writeFile(name + QStringLiteral(".json"),
        QJsonDocument(QJsonObject {{QStringLiteral("default"), QJsonArray {requirement}}}).toJson());
}

ProcessResult TestGpgTrust::cli(const QStringList &arguments)
{
    return runCli(arguments, {}, m_gpg.environment());
}

ProcessResult TestGpgTrust::skopeo(const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(m_gpg.environment());
    return runProcess(QStringLiteral("skopeo"), arguments, {}, environment);
}

ProcessResult TestGpgTrust::skopeoAccepts(const QString &policy, const QString &image)
{
    const QString out = m_dir.filePath(QStringLiteral("skopeo-out"));
    QDir(out).removeRecursively();
    return skopeo({QStringLiteral("--policy"), policy, QStringLiteral("--registries.d"), m_registriesD,
        QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--remove-signatures"), image,
        QStringLiteral("dir:") + out});
}

QString TestGpgTrust::tagDigest(RegistryServer &registry, const QString &repository, const QString &tag)
{
    const ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--raw"),
        QStringLiteral("docker://%1/%2:%3").arg(registry.hostAndPort(), repository, tag)});
    if (r.exitCode != 0)
        return {};
    return QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(r.out, QCryptographicHash::Sha256).toHex());
}

void TestGpgTrust::initTestCase()
{
    QVERIFY2(m_gpg.makeKey(QStringLiteral("release")), qPrintable(m_gpg.error()));
    QVERIFY2(m_gpg.makeKey(QStringLiteral("other")), qPrintable(m_gpg.error()));
    QVERIFY2(m_gpg.makeKey(QStringLiteral("locked"), QStringLiteral("s3cret passphrase")), qPrintable(m_gpg.error()));

    m_source = std::make_unique<RegistryServer>(RegistryServer::Options());
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_source->isRunning(), qPrintable(m_source->errorText()));
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
    RawRegistry raw(m_source->baseUrl());
    m_image = raw.pushConvertibleImage(QStringLiteral("src/app"), QStringLiteral("1"), 200'000);
    QVERIFY2(!m_image.isEmpty(), qPrintable(raw.error()));

    // One lookaside per registry, as a site would have them.
    m_sourceLookaside = m_dir.filePath(QStringLiteral("lookaside-source"));
    m_destinationLookaside = m_dir.filePath(QStringLiteral("lookaside-destination"));
    m_registriesD = m_dir.filePath(QStringLiteral("registries.d"));
    QVERIFY(!writeFile(QStringLiteral("registries.d/source.yaml"),
                 QStringLiteral("docker:\n  %1:\n    lookaside: file://%2\n")
                     .arg(m_source->hostAndPort(), m_sourceLookaside)
                     .toUtf8())
                 .isEmpty());
    QVERIFY(!writeFile(QStringLiteral("registries.d/destination.yaml"),
                 QStringLiteral("docker:\n  %1:\n    lookaside: file://%2\n")
                     .arg(m_destination->hostAndPort(), m_destinationLookaside)
                     .toUtf8())
                 .isEmpty());
}

void TestGpgTrust::skopeoSignsCrossdockVerifiesAndCopies()
{
    // skopeo signs at the source (a copy within it, signed as it lands).
    ProcessResult r = skopeo({QStringLiteral("--insecure-policy"), QStringLiteral("--registries.d"), m_registriesD,
        QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--dest-tls-verify=false"),
        QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("release")), source(QStringLiteral("src/app:1")),
        source(QStringLiteral("signed/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // skopeo compressed the uncompressed layer on its way: a digest of its own.
    const QString image = tagDigest(*m_source, QStringLiteral("signed/app"), QStringLiteral("1"));
    QVERIFY(!image.isEmpty());
    const QString skopeoSignature = signatureFile(m_sourceLookaside, QStringLiteral("signed/app"), image, 1);
    QVERIFY2(QFile::exists(skopeoSignature), qPrintable(skopeoSignature));

    // crossdock verifies it under signedBy and copies; the signature travels.
    const QString policy = signedByPolicy(QStringLiteral("release"), QStringLiteral("release"));
    r = copy({QStringLiteral("--policy"), policy}, source(QStringLiteral("signed/app:1")), destination(QStringLiteral("prod/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(tagDigest(*m_destination, QStringLiteral("prod/app"), QStringLiteral("1")), image);
    QFile original(skopeoSignature);
    QFile travelled(signatureFile(m_destinationLookaside, QStringLiteral("prod/app"), image, 1));
    QVERIFY2(original.open(QIODevice::ReadOnly) && travelled.open(QIODevice::ReadOnly), qPrintable(travelled.fileName()));
    QCOMPARE(travelled.readAll(), original.readAll());

    // skopeo accepts the copy at the destination: the signature names the
    // source's reference, which the policy maps onto the destination's.
    const QString remap = signedByPolicy(QStringLiteral("release-remap"), QStringLiteral("release"),
        QStringLiteral(R"({"type":"remapIdentity","prefix":"%1/prod","signedPrefix":"%2/signed"})")
            .arg(m_destination->hostAndPort(), m_source->hostAndPort()));
    r = skopeoAccepts(remap, destination(QStringLiteral("prod/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // ... and so does crossdock, at the destination.
    r = copy({QStringLiteral("--policy"), remap}, destination(QStringLiteral("prod/app:1")), destination(QStringLiteral("prod2/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // Under the policy's default identity rule the name must match: both refuse.
    r = skopeoAccepts(policy, destination(QStringLiteral("prod/app:1")));
    QVERIFY(r.exitCode != 0);
    r = copy({QStringLiteral("--policy"), policy}, destination(QStringLiteral("prod/app:1")), destination(QStringLiteral("prod3/app:1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("signedBy") && r.err.contains("signed/app:1"), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("prod3/app"), QStringLiteral("1")).isEmpty());
}

void TestGpgTrust::badSignaturesAreRefused_data()
{
    QTest::addColumn<QString>("repository"); // at the source, a copy of src/app:1
    QTest::addColumn<QString>("keyName");    // who signs (empty: nobody)
    QTest::addColumn<bool>("tamper");        // a byte of the signature changed
    QTest::addColumn<QString>("expected");   // in crossdock's refusal
    QTest::newRow("unsigned") << QStringLiteral("bad/unsigned") << QString() << false << QStringLiteral("no GPG signature exists");
    QTest::newRow("another key") << QStringLiteral("bad/other") << QStringLiteral("other") << false
                                 << QStringLiteral("which is not one of the policy's keys");
    QTest::newRow("tampered") << QStringLiteral("bad/tampered") << QStringLiteral("release") << true
                              << QStringLiteral("signature");
}

void TestGpgTrust::badSignaturesAreRefused()
{
    QFETCH(QString, repository);
    QFETCH(QString, keyName);
    QFETCH(bool, tamper);
    QFETCH(QString, expected);
    // skopeo signs, except for the tampered row: skopeo compresses what it
    // signs, so a changed last byte can fall in the deflate stream's padding
    // and leave the signed payload and the signature intact (gpg and skopeo
    // both accept such a file; seen in CI). That row is signed uncompressed
    // by the test's gpg, with the last byte, in the signature value, changed.
    QStringList sign;
    if (!keyName.isEmpty() && !tamper)
        sign << QStringLiteral("--sign-by") << m_gpg.fingerprint(keyName);
    ProcessResult r = skopeo(QStringList {QStringLiteral("--insecure-policy"), QStringLiteral("--registries.d"), m_registriesD,
                                 QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
                                 QStringLiteral("--dest-tls-verify=false")}
        + sign + QStringList {source(QStringLiteral("src/app:1")), source(repository + QStringLiteral(":1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    if (tamper) {
        const QString image = tagDigest(*m_source, repository, QStringLiteral("1"));
        QVERIFY2(m_gpg.sign(m_sourceLookaside, repository, image, source(repository + QStringLiteral(":1")).section(QStringLiteral("//"), 1),
                     keyName, true),
            qPrintable(m_gpg.error()));
        QVERIFY(QFile::exists(signatureFile(m_sourceLookaside, repository, image, 1)));
    }
    const QString policy = signedByPolicy(QStringLiteral("release"), QStringLiteral("release"));
    const QString target = QStringLiteral("refused/") + repository.section(QLatin1Char('/'), -1);
    r = copy({QStringLiteral("--policy"), policy}, source(repository + QStringLiteral(":1")), destination(target + QStringLiteral(":1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
    QVERIFY2(r.err.contains(policy.toUtf8()) && r.err.contains("signedBy"), r.err.constData());
    QVERIFY(tagDigest(*m_destination, target, QStringLiteral("1")).isEmpty());
    // The oracle agrees.
    QVERIFY(skopeoAccepts(policy, source(repository + QStringLiteral(":1"))).exitCode != 0);
}

void TestGpgTrust::crossdockSignsSkopeoVerifies()
{
    ProcessResult r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("release"))},
        source(QStringLiteral("src/app:1")), destination(QStringLiteral("ours/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFile::exists(signatureFile(m_destinationLookaside, QStringLiteral("ours/app"), m_image, 1)));
    const QString policy = signedByPolicy(QStringLiteral("release"), QStringLiteral("release"));
    r = skopeoAccepts(policy, destination(QStringLiteral("ours/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // Not under another key's policy.
    QVERIFY(skopeoAccepts(signedByPolicy(QStringLiteral("other"), QStringLiteral("other")), destination(QStringLiteral("ours/app:1"))).exitCode != 0);

    // A second signature joins the first; both verify.
    r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("other"))},
        destination(QStringLiteral("ours/app:1")), destination(QStringLiteral("ours/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFile::exists(signatureFile(m_destinationLookaside, QStringLiteral("ours/app"), m_image, 2)));
    QVERIFY(skopeoAccepts(policy, destination(QStringLiteral("ours/app:1"))).exitCode == 0);
    QVERIFY(skopeoAccepts(signedByPolicy(QStringLiteral("other"), QStringLiteral("other")), destination(QStringLiteral("ours/app:1"))).exitCode == 0);

    // --sign-identity: the signature claims that name.
    const QString identity = m_destination->hostAndPort() + QStringLiteral("/claimed/app:7");
    r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("release")),
                 QStringLiteral("--sign-identity"), identity},
        source(QStringLiteral("src/app:1")), destination(QStringLiteral("identity/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString exact = signedByPolicy(QStringLiteral("exact"), QStringLiteral("release"),
        QStringLiteral(R"({"type":"exactReference","dockerReference":"%1"})").arg(identity));
    QVERIFY(skopeoAccepts(exact, destination(QStringLiteral("identity/app:1"))).exitCode == 0);
    QVERIFY(skopeoAccepts(policy, destination(QStringLiteral("identity/app:1"))).exitCode != 0);

    // A key that is not there: named, nothing tagged.
    r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--sign-by"), QStringLiteral("0123456789ABCDEF0123456789ABCDEF01234567")},
        source(QStringLiteral("src/app:1")), destination(QStringLiteral("nokey/app:1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no secret GPG key \"0123456789ABCDEF0123456789ABCDEF01234567\""), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("nokey/app"), QStringLiteral("1")).isEmpty());
}

void TestGpgTrust::passphraseProtectedKey()
{
    const QString good = writeFile(QStringLiteral("good-passphrase"), "s3cret passphrase\n");
    const QString wrong = writeFile(QStringLiteral("wrong-passphrase"), "not it\n");
    ProcessResult r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("locked")),
                               QStringLiteral("--sign-passphrase-file"), wrong},
        source(QStringLiteral("src/app:1")), destination(QStringLiteral("locked/app:1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("wrong passphrase") || r.err.contains("Bad passphrase"), r.err.constData());
    QVERIFY2(!r.err.contains("not it"), "the passphrase is never shown");
    QVERIFY2(tagDigest(*m_destination, QStringLiteral("locked/app"), QStringLiteral("1")).isEmpty(), "signing failed before the tag");
    r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("locked")),
                 QStringLiteral("--sign-passphrase-file"), good},
        source(QStringLiteral("src/app:1")), destination(QStringLiteral("locked/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(skopeoAccepts(signedByPolicy(QStringLiteral("locked"), QStringLiteral("locked")), destination(QStringLiteral("locked/app:1"))).exitCode == 0);
}

void TestGpgTrust::removeSignaturesLeavesThemBehind()
{
    ProcessResult r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("release"))},
        source(QStringLiteral("src/app:1")), source(QStringLiteral("keep/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFile::exists(signatureFile(m_sourceLookaside, QStringLiteral("keep/app"), m_image, 1)));
    r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--remove-signatures")}, source(QStringLiteral("keep/app:1")),
        destination(QStringLiteral("stripped/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!QFile::exists(signatureFile(m_destinationLookaside, QStringLiteral("stripped/app"), m_image, 1)));
    // Without the flag they travel.
    r = copy({QStringLiteral("--insecure-policy")}, source(QStringLiteral("keep/app:1")), destination(QStringLiteral("kept/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFile::exists(signatureFile(m_destinationLookaside, QStringLiteral("kept/app"), m_image, 1)));
}

void TestGpgTrust::signaturesMadeLaterReachASyncedImage()
{
    // Synced and signed at the destination on the way (--sign-by); signed at
    // the source afterwards. The next sync finds the image unchanged, adds
    // the source's signature and keeps the destination's own.
    ProcessResult r = skopeo({QStringLiteral("--insecure-policy"), QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
        QStringLiteral("--dest-tls-verify=false"), source(QStringLiteral("src/app:1")), source(QStringLiteral("later/app:1"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString image = tagDigest(*m_source, QStringLiteral("later/app"), QStringLiteral("1"));
    const auto sync = [&](const QStringList &flags) {
        return cli(QStringList {QStringLiteral("--insecure-policy"), QStringLiteral("--registries.d"), m_registriesD, QStringLiteral("sync"),
                       QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                       QStringLiteral("--src-tls-verify=false"), QStringLiteral("--dest-tls-verify=false")}
            + flags
            + QStringList {m_source->hostAndPort() + QStringLiteral("/later/app:1"), m_destination->hostAndPort() + QStringLiteral("/later-sync")});
    };
    r = sync({QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("other"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString ours = signatureFile(m_destinationLookaside, QStringLiteral("later-sync/app"), image, 1);
    QFile oursFile(ours);
    QVERIFY2(oursFile.open(QIODevice::ReadOnly), qPrintable(ours));
    const QByteArray oursBytes = oursFile.readAll();
    QVERIFY(!QFile::exists(signatureFile(m_destinationLookaside, QStringLiteral("later-sync/app"), image, 2)));

    QVERIFY2(m_gpg.sign(m_sourceLookaside, QStringLiteral("later/app"), image,
                 m_source->hostAndPort() + QStringLiteral("/later/app:1"), QStringLiteral("release")),
        qPrintable(m_gpg.error()));
    r = sync({QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("other"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("(unchanged; 1 signature(s) added, "), r.err.constData());
    QFile kept(ours);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), oursBytes); // not signed again, not removed
    QFile added(signatureFile(m_destinationLookaside, QStringLiteral("later-sync/app"), image, 2));
    QFile original(signatureFile(m_sourceLookaside, QStringLiteral("later/app"), image, 1));
    QVERIFY2(added.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly), qPrintable(added.fileName()));
    QCOMPARE(added.readAll(), original.readAll());
    // skopeo accepts the destination's image under the source's key and name.
    const QString remap = signedByPolicy(QStringLiteral("release-later"), QStringLiteral("release"),
        QStringLiteral(R"({"type":"remapIdentity","prefix":"%1/later-sync","signedPrefix":"%2/later"})")
            .arg(m_destination->hostAndPort(), m_source->hostAndPort()));
    r = skopeoAccepts(remap, destination(QStringLiteral("later-sync/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // Again: nothing more to add.
    r = sync({});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("(unchanged, "), r.err.constData());
    QVERIFY(!QFile::exists(signatureFile(m_destinationLookaside, QStringLiteral("later-sync/app"), image, 3)));
}

void TestGpgTrust::conversionOfASignedImageIsRefused()
{
    ProcessResult r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--sign-by"), m_gpg.fingerprint(QStringLiteral("release"))},
        source(QStringLiteral("src/app:1")), source(QStringLiteral("convert/app:1")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = copy({QStringLiteral("--insecure-policy"), QStringLiteral("--format"), QStringLiteral("v2s2")},
        source(QStringLiteral("convert/app:1")), destination(QStringLiteral("converted/app:1")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("GPG signature") && r.err.contains("--remove-signatures"), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("converted/app"), QStringLiteral("1")).isEmpty());
}

void TestGpgTrust::standaloneSignAndVerifyInteroperate()
{
    const ProcessResult raw = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--raw"),
        source(QStringLiteral("src/app:1"))});
    QCOMPARE(raw.exitCode, 0);
    const QString manifest = writeFile(QStringLiteral("standalone/manifest.json"), raw.out);
    const QString reference = m_source->hostAndPort() + QStringLiteral("/src/app:1");
    const QString release = m_gpg.fingerprint(QStringLiteral("release"));
    // skopeo 1.9.3's words (later versions add the fingerprint).
    const QByteArray verified = QStringLiteral("Signature verified, digest %1\n").arg(m_image).toUtf8();

    // Ours, checked by skopeo.
    const QString ours = m_dir.filePath(QStringLiteral("standalone/ours.sig"));
    ProcessResult r = cli({QStringLiteral("standalone-sign"), manifest, reference, release, QStringLiteral("--output"), ours});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = skopeo({QStringLiteral("standalone-verify"), manifest, reference, release, ours});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, verified);

    // skopeo's, checked by us: with the user's keyring and with a key file.
    const QString theirs = m_dir.filePath(QStringLiteral("standalone/theirs.sig"));
    r = skopeo({QStringLiteral("standalone-sign"), manifest, reference, release, QStringLiteral("--output"), theirs});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({QStringLiteral("standalone-verify"), manifest, reference, release, theirs});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, verified);
    r = cli({QStringLiteral("standalone-verify"), QStringLiteral("--public-key-file"), m_gpg.publicKeyFile(QStringLiteral("release")),
        manifest, reference, QStringLiteral("any"), theirs});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, verified);

    // Refusals, each naming what was wrong; skopeo refuses the same.
    const QString otherReference = m_source->hostAndPort() + QStringLiteral("/src/app:2");
    r = cli({QStringLiteral("standalone-verify"), manifest, otherReference, release, theirs});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(QByteArray("the signature names " + reference.toUtf8())), r.err.constData());
    QVERIFY(skopeo({QStringLiteral("standalone-verify"), manifest, otherReference, release, theirs}).exitCode != 0);
    const QString other = m_gpg.fingerprint(QStringLiteral("other"));
    r = cli({QStringLiteral("standalone-verify"), manifest, reference, other, theirs});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("not one of the policy's keys") || r.err.contains(QByteArray("not by " + other.toUtf8())), r.err.constData());
    QVERIFY(skopeo({QStringLiteral("standalone-verify"), manifest, reference, other, theirs}).exitCode != 0);
    const QString otherManifest = writeFile(QStringLiteral("standalone/other.json"), raw.out + "\n");
    r = cli({QStringLiteral("standalone-verify"), otherManifest, reference, release, theirs});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("not sha256:"), r.err.constData());
    r = cli({QStringLiteral("standalone-verify"), manifest, reference, QStringLiteral("any"), theirs});
    QVERIFY2(r.err.contains("needs --public-key-file"), r.err.constData());
    r = cli({QStringLiteral("standalone-sign"), manifest, QStringLiteral("src/app:1"), release, QStringLiteral("-o"), ours});
    QVERIFY2(r.err.contains("fully specified"), r.err.constData());
    r = cli({QStringLiteral("standalone-sign"), manifest, reference, release});
    QVERIFY2(r.err.contains("--output"), r.err.constData());
}

void TestGpgTrust::badRegistriesDIsNamed_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key") << QByteArray("default-docker:\n  lookside: file:///tmp\n") << QStringLiteral("unknown key \"lookside\"");
    QTest::newRow("no scheme") << QByteArray("default-docker:\n  lookaside: /var/lib/signatures\n") << QStringLiteral("only file://");
    QTest::newRow("other scheme") << QByteArray("default-docker:\n  lookaside: ftp://example.com/\n") << QStringLiteral("only file://");
    QTest::newRow("not yaml") << QByteArray("docker: [\n") << QStringLiteral("not YAML");
    QTest::newRow("top level") << QByteArray("dockers:\n  a: {}\n") << QStringLiteral("unknown key \"dockers\"");
    // yaml-cpp throws when a key is read as a name: this aborted the CLI.
    QTest::newRow("list as key") << QByteArray("? [a, b]\n: x\n") << QStringLiteral(":1: expected a name or a URL here, not a list or a map");
    QTest::newRow("map as namespace") << QByteArray("docker:\n  ? {a: b}\n  : {lookaside: file:///x}\n")
                                      << QStringLiteral(":2: expected a name or a URL here, not a list or a map");
}

void TestGpgTrust::badRegistriesDIsNamed()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    const QString dir = m_dir.filePath(QStringLiteral("bad-registries.d/") + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
    const QString file = writeFile(dir.mid(m_dir.path().size() + 1) + QStringLiteral("/site.yaml"), yaml);
    QVERIFY(!file.isEmpty());
    const ProcessResult r = cli({QStringLiteral("--registries.d"), dir, QStringLiteral("copy"), QStringLiteral("--insecure-policy"),
        QStringLiteral("--tls-verify=false"), source(QStringLiteral("src/app:1")), destination(QStringLiteral("never/app:1"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(file.toUtf8()) && r.err.contains(expected.toUtf8()), r.err.constData());
    QVERIFY(tagDigest(*m_destination, QStringLiteral("never/app"), QStringLiteral("1")).isEmpty());
}

QTEST_GUILESS_MAIN(TestGpgTrust)
#include "test_gpgtrust.moc"
