// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// crossdock-cli as a drop-in for skopeo (issue [compat]): the flags skopeo
// documents, run against the real registry, with skopeo 1.9.3 as the oracle
// where it has the flag and the documented meaning where it does not.
#include "faultproxy.h"
#include "fixtures.h"
#include "certificates.h"
#include "registryset.h"
#include "registryserver.h"
#include "tokenserver.h"
#include "testenv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

using namespace crossdock::test;

class TestCompat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void registryTokenIsSentAsIs();
    void perSideCredentialFlagsAsSkopeo();
    void destRegistryTokenAsSkopeo();
    void userAgentPrefix();
    void retryDelayIsFixed();
    void commandTimeoutEndsTheCommand();
    void commandTimeoutCancelsACopyCleanly();
    void tmpdirMustBeADirectory();
    void preserveDigestsKeepsManifestsOrRefuses();
    void additionalTagsNameTheArchiveImage();
    void imageParallelCopiesLimitsStreams();
    void loginGetLoginAndCompatAuthFile();
    void loginWithoutATerminalNamesPasswordStdin();
    void shortVMeansVersionOnlyWithoutACommand();
    void bashCompletionOffersTheCommandsFlags();
    void zshAndFishCompletionsParse();
    void inspectFormatMatchesSkopeo_data();
    void inspectFormatMatchesSkopeo();
    void inspectFormatFunctionsSkopeoLacks();
    void inspectFormatErrorsNameTheColumn();
    void sslCertFileAndDirAreTrusted();
    void tlsDetailsRestrictTheHandshake();
    void tlsDetailsErrorsNameTheField();
    void exitCodesAsSkopeo_data();
    void exitCodesAsSkopeo();
    void registriesConfMirrorIsTriedFirst();
    void registriesConfPrefixRewrite();
    void registriesConfBlockedIsRefused();
    void registriesConfInsecureIsHonoured();
    void registriesConfDigestOnlyMirror();
    void registriesConfMirrorServesSync();
    void registriesConfErrorsNameTheFile();
    void shortNamesMeanDockerHubAsInSkopeo();
    void bareShortNamesFollowRegistriesConf();

private:
    // Runs crossdock-cli, or skopeo, with CONTAINERS_REGISTRIES_CONF set to this text.
    ProcessResult withConf(const QString &program, const QString &conf, const QStringList &args);
    QString anonymous(const QString &repository) const
    {
        return QStringLiteral("docker://") + m_set->anonymous()->hostAndPort() + QLatin1Char('/') + repository;
    }
    // A bearer token for scope from the test token service, as a CI system
    // would hand one to a job.
    QString fetchToken(const QString &scope);
    // The same from the token service of the registry at baseUrl, for user.
    QString fetchToken(const QString &baseUrl, const QString &scope, const QString &user, const QString &password);

    std::unique_ptr<RegistrySet> m_set;
    QTemporaryDir m_dir;
};

void TestCompat::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous | RegistrySet::Token);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

QString TestCompat::fetchToken(const QString &scope)
{
    return fetchToken(m_set->token()->baseUrl(), scope, RegistrySet::User, RegistrySet::Password);
}

QString TestCompat::fetchToken(const QString &baseUrl, const QString &scope, const QString &user, const QString &password)
{
    QNetworkAccessManager network;
    QEventLoop loop;
    QNetworkReply *ping = network.get(QNetworkRequest(QUrl(baseUrl + QStringLiteral("/v2/"))));
    QObject::connect(ping, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QString challenge = QString::fromUtf8(ping->rawHeader("WWW-Authenticate"));
    ping->deleteLater();
    const auto param = [&](const QString &name) {
        return QRegularExpression(name + QStringLiteral("=\"([^\"]*)\"")).match(challenge).captured(1);
    };
    QUrl realm(param(QStringLiteral("realm")));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), param(QStringLiteral("service")));
    query.addQueryItem(QStringLiteral("scope"), scope);
    realm.setQuery(query);
    QNetworkRequest request(realm);
    request.setRawHeader("Authorization",
        "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64());
    QNetworkReply *reply = network.get(request);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("token")).toString();
}

void TestCompat::registryTokenIsSentAsIs()
{
    // A token handed over by CI: used as is, no login, no token exchange -
    // the same answer as skopeo's, and a wrong token is refused.
    const QString token = fetchToken(QStringLiteral("repository:%1:pull").arg(Fixtures::OciImage));
    QVERIFY(!token.isEmpty());
    const QString image = QStringLiteral("docker://%1/%2:1.0").arg(m_set->token()->hostAndPort(), Fixtures::OciImage);
    m_set->tokenServer()->clearIssued();
    const ProcessResult ours = runCli({QStringLiteral("inspect"), QStringLiteral("--no-tags"),
        QStringLiteral("--tls-verify=false"), QStringLiteral("--registry-token"), token, image});
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QVERIFY2(ours.err.contains("warning: --registry-token puts a token on the command line"), ours.err.constData());
    QCOMPARE(m_set->tokenServer()->issued().size(), 0); // never exchanged
    const ProcessResult skopeo = runSkopeo({QStringLiteral("inspect"), QStringLiteral("--no-tags"),
        QStringLiteral("--tls-verify=false"), QStringLiteral("--registry-token"), token, image});
    QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
    QCOMPARE(QJsonDocument::fromJson(ours.out).object().value(QLatin1String("Digest")),
        QJsonDocument::fromJson(skopeo.out).object().value(QLatin1String("Digest")));
    const ProcessResult wrong = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("--registry-token"), QStringLiteral("not-a-token"), image});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(!wrong.err.contains("not-a-token"), wrong.err.constData()); // secrets never in error text
}

void TestCompat::perSideCredentialFlagsAsSkopeo()
{
    // copy's per-side login flags, older than this issue's: --src-username
    // with --src-password, --src-creds, --screds and --src-registry-token
    // read the same image as skopeo 1.9.3; a wrong password fails both.
    QScopedPointer<RegistrySet> basic(new RegistrySet(RegistrySet::Htpasswd));
    QVERIFY2(basic->ok(), qPrintable(basic->error()));
    const QString image = QStringLiteral("docker://%1/%2:1.0").arg(basic->htpasswd()->hostAndPort(), Fixtures::OciImage);
    const QString creds = RegistrySet::User + QLatin1Char(':') + RegistrySet::Password;
    const QString token = fetchToken(QStringLiteral("repository:%1:pull").arg(Fixtures::OciImage));
    const QString tokenImage = QStringLiteral("docker://%1/%2:1.0").arg(m_set->token()->hostAndPort(), Fixtures::OciImage);
    struct Case {
        QString name;
        QStringList flags;
        QString source;
        bool succeeds;
    };
    const QList<Case> cases {
        {QStringLiteral("username+password"), {QStringLiteral("--src-username"), RegistrySet::User, QStringLiteral("--src-password"), RegistrySet::Password}, image, true},
        {QStringLiteral("creds"), {QStringLiteral("--src-creds"), creds}, image, true},
        {QStringLiteral("screds"), {QStringLiteral("--screds"), creds}, image, true},
        {QStringLiteral("wrong password"), {QStringLiteral("--src-username"), RegistrySet::User, QStringLiteral("--src-password"), QStringLiteral("nope")}, image, false},
        {QStringLiteral("registry token"), {QStringLiteral("--src-registry-token"), token}, tokenImage, true},
    };
    int n = 0;
    for (const Case &c : cases) {
        QStringList digests;
        for (const QString &program : {cliPath(), QStringLiteral("skopeo")}) {
            const QString layout = m_dir.filePath(QStringLiteral("per-side-%1").arg(++n));
            const ProcessResult r = runProcess(program, QStringList {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--preserve-digests"),
                QStringLiteral("--src-tls-verify=false")} + c.flags + QStringList {c.source, QStringLiteral("oci:") + layout + QStringLiteral(":x")},
                {}, isolatedEnvironment(m_dir.filePath(QStringLiteral("per-side-env"))));
            QVERIFY2((r.exitCode == 0) == c.succeeds, qPrintable(c.name + QLatin1Char(' ') + program + QLatin1Char(' ') + QString::fromUtf8(r.err)));
            if (!c.succeeds) {
                QCOMPARE(r.exitCode, 1);
                continue;
            }
            QFile index(layout + QStringLiteral("/index.json"));
            QVERIFY(index.open(QIODevice::ReadOnly));
            digests << QJsonDocument::fromJson(index.readAll()).object().value(QLatin1String("manifests")).toArray().first()
                           .toObject().value(QLatin1String("digest")).toString();
        }
        if (c.succeeds)
            QVERIFY2(digests.size() == 2 && digests.first() == digests.last() && !digests.first().isEmpty(), qPrintable(c.name));
    }
}

void TestCompat::destRegistryTokenAsSkopeo()
{
    // --dest-registry-token: a push token handed over by CI, sent as is. A
    // writable token-auth registry of its own, whose token service lets
    // carol push to pushed/app only.
    const QString dir = m_dir.filePath(QStringLiteral("push-token"));
    QVERIFY(QDir().mkpath(dir));
    const Certificate signing = makeSigningCertificate(dir, QStringLiteral("signer"));
    QVERIFY(signing.ok);
    TokenServer tokens(signing.keyPath, signing.certPath);
    tokens.setUser(QStringLiteral("carol"), TokenServer::User {QStringLiteral("push it"), {{QStringLiteral("pushed/app"), {QStringLiteral("pull"), QStringLiteral("push")}}}, false});
    RegistryServer::Options options;
    options.auth = RegistryServer::Auth::Token;
    options.tokenRealm = tokens.realm();
    options.tokenCertPath = signing.certPath;
    options.tokenService = TokenServer::service();
    options.tokenIssuer = TokenServer::issuer();
    RegistryServer registry(options);
    QVERIFY2(registry.isRunning(), qPrintable(registry.errorText()));
    const QString token = fetchToken(registry.baseUrl(), QStringLiteral("repository:pushed/app:pull,push"), QStringLiteral("carol"), QStringLiteral("push it"));
    QVERIFY(!token.isEmpty());
    const QString layout = QStringLiteral("oci:") + m_dir.filePath(QStringLiteral("push-token-source")) + QStringLiteral(":x");
    ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"), anonymous(Fixtures::OciImage + QStringLiteral(":1.0")), layout});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QStringList digests;
    for (const QString &program : {cliPath(), QStringLiteral("skopeo")}) {
        const QString tag = program == cliPath() ? QStringLiteral("ours") : QStringLiteral("theirs");
        r = runProcess(program, {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--preserve-digests"), QStringLiteral("--dest-tls-verify=false"),
            QStringLiteral("--dest-registry-token"), token, layout, QStringLiteral("docker://%1/pushed/app:%2").arg(registry.hostAndPort(), tag)},
            {}, isolatedEnvironment(m_dir.filePath(QStringLiteral("push-token-env"))));
        QVERIFY2(r.exitCode == 0, qPrintable(program + QLatin1Char(' ') + QString::fromUtf8(r.err)));
        r = runProcess(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--registry-token"), token,
            QStringLiteral("docker://%1/pushed/app:%2").arg(registry.hostAndPort(), tag)}, {}, isolatedEnvironment(m_dir.filePath(QStringLiteral("push-token-env"))));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        digests << QJsonDocument::fromJson(r.out).object().value(QLatin1String("Digest")).toString();
    }
    QCOMPARE(digests.first(), digests.last());
    // A token for another repository is refused by both.
    for (const QString &program : {cliPath(), QStringLiteral("skopeo")}) {
        r = runProcess(program, {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--dest-tls-verify=false"), QStringLiteral("--retry-times=0"),
            QStringLiteral("--dest-registry-token"), token, layout, QStringLiteral("docker://%1/other/app:1").arg(registry.hostAndPort())},
            {}, isolatedEnvironment(m_dir.filePath(QStringLiteral("push-token-env"))));
        QVERIFY2(r.exitCode != 0, qPrintable(program));
    }
}

void TestCompat::userAgentPrefix()
{
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    const ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("--user-agent-prefix"), QStringLiteral("pipeline-42"),
        QStringLiteral("docker://%1/%2").arg(proxy.hostAndPort(), Fixtures::OciImage)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!proxy.requests().isEmpty());
    for (const MiniHttpServer::Request &request : proxy.requests())
        QCOMPARE(request.headers.value("user-agent"), QByteArray("pipeline-42 crossdock/" CROSSDOCK_VERSION));
    const ProcessResult bad = runCli({QStringLiteral("list-tags"), QStringLiteral("--user-agent-prefix"),
        QStringLiteral("a\nX-Injected: 1"), QStringLiteral("docker://%1/x").arg(proxy.hostAndPort())});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("--user-agent-prefix: the User-Agent prefix may hold printable ASCII only"), bad.err.constData());
}

void TestCompat::retryDelayIsFixed()
{
    // Two 503s, then the answer: --retry-delay 1500ms waits 1.5 s twice, a
    // 100ms delay does not. (skopeo 1.9.3 predates the flag: its documented
    // meaning is the oracle.)
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    int failures = 0;
    proxy.setInterceptor([&failures](const MiniHttpServer::Request &request, MiniHttpServer::Response &response) {
        if (!request.url.path().contains(QLatin1String("/tags/list")) || failures >= 2)
            return false;
        ++failures;
        response.status = 503;
        return true;
    });
    const auto run = [&](const QString &delay) {
        failures = 0;
        QElapsedTimer clock;
        clock.start();
        const ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
            QStringLiteral("--retry-delay"), delay, QStringLiteral("docker://%1/%2").arg(proxy.hostAndPort(), Fixtures::OciImage)});
        return std::make_pair(r, clock.elapsed());
    };
    const auto [slow, slowMs] = run(QStringLiteral("1500ms"));
    QVERIFY2(slow.exitCode == 0, slow.err.constData());
    QCOMPARE(failures, 2);
    QVERIFY2(slowMs >= 3000, qPrintable(QString::number(slowMs)));
    const auto [fast, fastMs] = run(QStringLiteral("100ms"));
    QVERIFY2(fast.exitCode == 0, fast.err.constData());
    QCOMPARE(failures, 2);
    QVERIFY2(fastMs < slowMs - 1500, qPrintable(QStringLiteral("%1 ms against %2 ms").arg(fastMs).arg(slowMs)));
}

void TestCompat::commandTimeoutEndsTheCommand()
{
    // A registry that answers tag lists after 8 s: --command-timeout 2s ends
    // the command with a message that names the flag, long before that.
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    proxy.setInterceptor([](const MiniHttpServer::Request &request, MiniHttpServer::Response &) {
        if (request.url.path().contains(QLatin1String("/tags/list")))
            QThread::sleep(8);
        return false;
    });
    QElapsedTimer clock;
    clock.start();
    const ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("--command-timeout"), QStringLiteral("2s"),
        QStringLiteral("docker://%1/%2").arg(proxy.hostAndPort(), Fixtures::OciImage)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("list-tags did not finish within --command-timeout"), r.err.constData());
    QVERIFY2(clock.elapsed() < 7000, qPrintable(QString::number(clock.elapsed())));
}

void TestCompat::commandTimeoutCancelsACopyCleanly()
{
    // A copy whose source answers blobs after 8 s: cancelled, nothing tagged.
    RegistryServer destination {RegistryServer::Options()};
    QVERIFY2(destination.isRunning(), qPrintable(destination.errorText()));
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    proxy.setInterceptor([](const MiniHttpServer::Request &request, MiniHttpServer::Response &) {
        if (request.url.path().contains(QLatin1String("/blobs/")))
            QThread::sleep(8);
        return false;
    });
    const QString target = QStringLiteral("docker://%1/copied:1.0").arg(destination.hostAndPort());
    const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("--command-timeout"), QStringLiteral("2s"),
        QStringLiteral("docker://%1/%2:1.0").arg(proxy.hostAndPort(), Fixtures::OciImage), target});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("copy did not finish within --command-timeout") && r.err.contains("nothing was tagged"),
        r.err.constData());
    QCOMPARE(runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), target}).exitCode, 2);
}

void TestCompat::tmpdirMustBeADirectory()
{
    const ProcessResult r = runCli({QStringLiteral("--tmpdir"), m_dir.filePath(QStringLiteral("missing")),
        QStringLiteral("manifest-digest"), QStringLiteral("/dev/null")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--tmpdir: ") && r.err.contains("is not a directory"), r.err.constData());
    QCOMPARE(runCli({QStringLiteral("--tmpdir"), m_dir.path(), QStringLiteral("--version")}).exitCode, 0);
}

void TestCompat::preserveDigestsKeepsManifestsOrRefuses()
{
    // skopeo's meaning: an OCI layout keeps a Docker manifest as it is (no
    // conversion, the same digest); a docker-archive, which holds Docker
    // manifests only, refuses an OCI one.
    const auto layoutDigest = [](const QString &layout) {
        QFile index(layout + QStringLiteral("/index.json"));
        if (!index.open(QIODevice::ReadOnly))
            return QString();
        return QJsonDocument::fromJson(index.readAll()).object().value(QLatin1String("manifests")).toArray().at(0)
            .toObject().value(QLatin1String("digest")).toString();
    };
    const QString source = anonymous(Fixtures::DockerImage + QStringLiteral(":2.1"));
    const QString sourceDigest = QJsonDocument::fromJson(runCli({QStringLiteral("inspect"), QStringLiteral("--no-tags"),
        QStringLiteral("--tls-verify=false"), source}).out).object().value(QLatin1String("Digest")).toString();
    QVERIFY(!sourceDigest.isEmpty());
    const QString ours = m_dir.filePath(QStringLiteral("preserve-ours"));
    const QString theirs = m_dir.filePath(QStringLiteral("preserve-skopeo"));
    ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
        QStringLiteral("--preserve-digests"), source, QStringLiteral("oci:") + ours + QStringLiteral(":x")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runSkopeo({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--preserve-digests"),
        source, QStringLiteral("oci:") + theirs + QStringLiteral(":x")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(layoutDigest(ours), sourceDigest);
    QCOMPARE(layoutDigest(theirs), sourceDigest);
    // Without the flag the layout gets an OCI manifest: a new digest.
    const QString converted = m_dir.filePath(QStringLiteral("converted"));
    r = runCli({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), source,
        QStringLiteral("oci:") + converted + QStringLiteral(":x")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!layoutDigest(converted).isEmpty() && layoutDigest(converted) != sourceDigest);

    const QString ociSource = anonymous(Fixtures::OciImage + QStringLiteral(":1.0"));
    const QString archive = m_dir.filePath(QStringLiteral("preserve.tar"));
    r = runCli({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--preserve-digests"),
        ociSource, QStringLiteral("docker-archive:") + archive});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--preserve-digests forbids converting it"), r.err.constData());
    QVERIFY(!QFile::exists(archive));
    r = runSkopeo({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), QStringLiteral("--preserve-digests"),
        ociSource, QStringLiteral("docker-archive:") + m_dir.filePath(QStringLiteral("preserve-skopeo.tar"))});
    QVERIFY2(r.exitCode != 0, r.err.constData());
}

void TestCompat::additionalTagsNameTheArchiveImage()
{
    // --additional-tag as skopeo: more RepoTags in the archive's manifest.json.
    const QString source = anonymous(Fixtures::DockerImage + QStringLiteral(":2.1"));
    const auto repoTags = [](const QString &archive) {
        const ProcessResult tar = runProcess(QStringLiteral("tar"), {QStringLiteral("-xOf"), archive, QStringLiteral("manifest.json")});
        QStringList tags;
        for (const QJsonValue &t : QJsonDocument::fromJson(tar.out).array().at(0).toObject().value(QLatin1String("RepoTags")).toArray())
            tags << t.toString();
        tags.sort();
        return tags;
    };
    const QStringList extra {QStringLiteral("--additional-tag"), QStringLiteral("example.com/team/app:2.1"),
        QStringLiteral("--additional-tag"), QStringLiteral("app:stable")};
    const QString ours = m_dir.filePath(QStringLiteral("ours.tar"));
    ProcessResult r = runCli(QStringList {QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false")} + extra
        + QStringList {source, QStringLiteral("docker-archive:") + ours + QStringLiteral(":app:2.1")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString theirs = m_dir.filePath(QStringLiteral("theirs.tar"));
    r = runSkopeo(QStringList {QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false")} + extra
        + QStringList {source, QStringLiteral("docker-archive:") + theirs + QStringLiteral(":app:2.1")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(repoTags(ours).size(), 3);
    QCOMPARE(repoTags(ours), repoTags(theirs)); // docker.io/library/app:stable, as skopeo spells it
    // Not an archive: said, not ignored.
    r = runCli(QStringList {QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false")} + extra
        + QStringList {source, QStringLiteral("oci:") + m_dir.filePath(QStringLiteral("not-archive"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--additional-tag names images in docker-archive: files only"), r.err.constData());
}

void TestCompat::imageParallelCopiesLimitsStreams()
{
    // Uploads open at once, read from the destination's request log: a POST
    // opens one, the PUT with the digest closes it.
    const auto mostOpenUploads = [&](const QStringList &flags) {
        RegistryServer destination {RegistryServer::Options()};
        FaultProxy proxy(destination.baseUrl());
        const ProcessResult r = runCli(QStringList {QStringLiteral("copy"), QStringLiteral("--tls-verify=false")} + flags
            + QStringList {anonymous(Fixtures::OciIndex + QStringLiteral(":multi")),
                QStringLiteral("docker://%1/parallel:multi").arg(proxy.hostAndPort())});
        if (r.exitCode != 0)
            qWarning() << r.err;
        int open = 0, most = 0;
        for (const MiniHttpServer::Request &request : proxy.requests()) {
            if (request.method == "POST" && request.url.path().endsWith(QLatin1String("/blobs/uploads/")))
                most = std::max(most, ++open);
            else if (request.method == "PUT" && request.url.query().contains(QLatin1String("digest=")))
                --open;
        }
        return most;
    };
    QCOMPARE(mostOpenUploads({QStringLiteral("--image-parallel-copies"), QStringLiteral("1")}), 1);
    QVERIFY(mostOpenUploads({}) > 1);
}

void TestCompat::loginGetLoginAndCompatAuthFile()
{
    const QString host = m_set->token()->hostAndPort();
    const QString compat = m_dir.filePath(QStringLiteral("docker-config.json"));
    ProcessResult r = runCli({QStringLiteral("login"), QStringLiteral("--tls-verify=false"), QStringLiteral("-v"),
                                 QStringLiteral("-u"), RegistrySet::User, QStringLiteral("--password-stdin"),
                                 QStringLiteral("--compat-auth-file"), compat, host},
        RegistrySet::Password.toUtf8());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith(QByteArray("Used: " + compat.toUtf8() + "\n")), r.out.constData());
    QVERIFY(QFile::exists(compat));
    r = runCli({QStringLiteral("login"), QStringLiteral("--get-login"), QStringLiteral("--compat-auth-file"), compat, host});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, RegistrySet::User.toUtf8() + '\n');
    // skopeo reads the same file the same way.
    const ProcessResult skopeo = runSkopeo({QStringLiteral("login"), QStringLiteral("--get-login"),
        QStringLiteral("--authfile"), compat, host});
    QCOMPARE(skopeo.out, r.out);
    r = runCli({QStringLiteral("logout"), QStringLiteral("--compat-auth-file"), compat, host});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({QStringLiteral("login"), QStringLiteral("--get-login"), QStringLiteral("--compat-auth-file"), compat, host});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QByteArray("not logged into " + host.toUtf8())), r.err.constData());
}

void TestCompat::loginWithoutATerminalNamesPasswordStdin()
{
    // Before: "--creds has no password", about a flag nobody gave.
    const ProcessResult r = runCli({QStringLiteral("login"), QStringLiteral("--tls-verify=false"), QStringLiteral("-u"),
        RegistrySet::User, QStringLiteral("--authfile"), m_dir.filePath(QStringLiteral("nowhere.json")),
        m_set->token()->hostAndPort()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--password-stdin") && !r.err.contains("--creds"), r.err.constData());
}

void TestCompat::shortVMeansVersionOnlyWithoutACommand()
{
    QVERIFY(runCli({QStringLiteral("-v")}).out.startsWith("crossdock-cli "));
    // login -v is --verbose (skopeo's); elsewhere -v is not a flag.
    const ProcessResult r = runCli({QStringLiteral("list-tags"), QStringLiteral("-v"), QStringLiteral("x")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("-v is not a flag of list-tags (it is one of login)"), r.err.constData());
}

void TestCompat::bashCompletionOffersTheCommandsFlags()
{
    const QString script = m_dir.filePath(QStringLiteral("crossdock-cli.bash"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(runCli({QStringLiteral("completion"), QStringLiteral("bash")}).out);
    file.close();
    const auto complete = [&](const QString &line) {
        const ProcessResult r = runProcess(QStringLiteral("bash"),
            {QStringLiteral("-c"), QStringLiteral("source '%1'; COMP_WORDS=(%2); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); "
                                                  "_crossdock_cli; printf '%s\\n' \"${COMPREPLY[@]}\"")
                                       .arg(script, line)});
        return QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };
    QVERIFY(complete(QStringLiteral("crossdock-cli co")).contains(QStringLiteral("copy")));
    QCOMPARE(complete(QStringLiteral("crossdock-cli copy --pres")), QStringList {QStringLiteral("--preserve-digests")});
    QVERIFY(complete(QStringLiteral("crossdock-cli inspect --ra")).contains(QStringLiteral("--raw")));
    QVERIFY(complete(QStringLiteral("crossdock-cli copy --ra")).isEmpty()); // --raw is inspect's
    QCOMPARE(complete(QStringLiteral("crossdock-cli copy --multi-arch s")), QStringList {QStringLiteral("system")});
    const QStringList sign = complete(QStringLiteral("crossdock-cli copy --sign"));
    QVERIFY2(sign.contains(QStringLiteral("--sign-by")), qPrintable(sign.join(QLatin1Char(' '))));
    QVERIFY(!sign.contains(QStringLiteral("--sign-by-sq-fingerprint"))); // refused flags are not offered
    QCOMPARE(runCli({QStringLiteral("completion"), QStringLiteral("tcsh")}).exitCode, 1);
}

void TestCompat::zshAndFishCompletionsParse()
{
    for (const QString &shell : {QStringLiteral("zsh"), QStringLiteral("fish")}) {
        const QString script = m_dir.filePath(QStringLiteral("completion.") + shell);
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const ProcessResult made = runCli({QStringLiteral("completion"), shell});
        QCOMPARE(made.exitCode, 0);
        QVERIFY(made.out.contains("preserve-digests"));
        file.write(made.out);
        file.close();
        const QString program = QStandardPaths::findExecutable(shell);
        QVERIFY2(!program.isEmpty(), qPrintable(shell + QStringLiteral(" is not installed (install-deps --with-tests)")));
        const ProcessResult check = runProcess(program, {QStringLiteral("-n"), script});
        QVERIFY2(check.exitCode == 0, check.err.constData());
    }
}

void TestCompat::inspectFormatMatchesSkopeo_data()
{
    // Every construct skopeo 1.9.3 itself runs, on three kinds of image: a
    // Docker one, an OCI one with labels, an index's arm64 image.
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("image");
    const QList<std::pair<const char *, QStringList>> images {
        {"docker", {anonymous(Fixtures::DockerImage + QStringLiteral(":2.1"))}},
        {"oci", {anonymous(Fixtures::OciImage + QStringLiteral(":1.0"))}},
        {"index arm64", {QStringLiteral("--override-arch"), QStringLiteral("arm64"), anonymous(Fixtures::OciIndex + QStringLiteral(":multi"))}},
    };
    const QStringList formats {
        QStringLiteral("{{.Digest}}"),
        QStringLiteral("Name: {{.Name}} Digest: {{.Digest}}"),
        QStringLiteral("{{.Created}}"),
        QStringLiteral("{{.RepoTags}}"),
        QStringLiteral("{{.Labels}}"),
        QStringLiteral("{{.Labels.maintainer}}"),
        QStringLiteral("{{index .Labels \"org.opencontainers.image.title\"}}"),
        QStringLiteral("{{range .RepoTags}}{{.}},{{end}}"),
        QStringLiteral("{{range $i, $l := .Layers}}{{$i}}={{$l}} {{end}}"),
        QStringLiteral("{{if .Labels}}labelled{{else}}bare{{end}}"),
        QStringLiteral("{{with .Env}}{{index . 0}}{{else}}no env{{end}}"),
        QStringLiteral("{{len .Layers}} layers, {{len .RepoTags}} tags"),
        QStringLiteral("{{printf \"%s/%s\" .Os .Architecture}}"),
        QStringLiteral("{{.Architecture}}{{if eq .Os \"linux\"}} on Linux{{end}}"),
        QStringLiteral("{{.Env}}"),
        QStringLiteral("{{json .}}"),
        QStringLiteral("json"),
    };
    for (const auto &[name, image] : images)
        for (const QString &format : formats)
            QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(name), format))) << format << image;
}

void TestCompat::inspectFormatMatchesSkopeo()
{
    QFETCH(QString, format);
    QFETCH(QStringList, image);
    const QStringList args = QStringList {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
                                 QStringLiteral("--format"), format} + image;
    const ProcessResult skopeo = runSkopeo(args);
    QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
    const ProcessResult ours = runCli(args);
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    if (format.contains(QLatin1String("json"))) {
        // skopeo 1.9.3 hands its formatter a struct without LayersData (its
        // plain JSON has it, as current skopeo's formatter does) and knows no
        // Variant (current skopeo prints it): the rest must be equal, and
        // ours the same as the plain JSON.
        QJsonObject object = QJsonDocument::fromJson(ours.out).object();
        QVERIFY(object.contains(QLatin1String("LayersData")));
        QCOMPARE(ours.out, runCli(QStringList {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false")} + image).out);
        object.remove(QStringLiteral("LayersData"));
        object.remove(QStringLiteral("Variant"));
        QCOMPARE(object, QJsonDocument::fromJson(skopeo.out).object());
        return;
    }
    QCOMPARE(QString::fromUtf8(ours.out), QString::fromUtf8(skopeo.out));
}

void TestCompat::inspectFormatFunctionsSkopeoLacks()
{
    // json, join, upper... are in current skopeo (podman's report package),
    // not in 1.9.3: their documented meaning, checked against skopeo's JSON.
    const QString image = anonymous(Fixtures::OciImage + QStringLiteral(":1.0"));
    const QJsonObject inspected = QJsonDocument::fromJson(runSkopeo({QStringLiteral("inspect"),
        QStringLiteral("--tls-verify=false"), image}).out).object();
    const auto format = [&](const QString &f) {
        const ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"), f, image});
        return r.exitCode == 0 ? r.out : QByteArray("failed: ") + r.err;
    };
    QCOMPARE(QJsonDocument::fromJson(format(QStringLiteral("{{json .Labels}}"))).object(),
        inspected.value(QLatin1String("Labels")).toObject());
    QCOMPARE(QJsonDocument::fromJson(format(QStringLiteral("{{json .RepoTags}}"))).array(),
        inspected.value(QLatin1String("RepoTags")).toArray());
    QStringList tags;
    for (const QJsonValue &t : inspected.value(QLatin1String("RepoTags")).toArray())
        tags << t.toString();
    QCOMPARE(format(QStringLiteral("{{join .RepoTags \",\"}}")), tags.join(QLatin1Char(',')).toUtf8() + '\n');
    QCOMPARE(format(QStringLiteral("{{upper .Os}}\\t{{lower .Architecture}}")),
        inspected.value(QLatin1String("Os")).toString().toUpper().toUtf8() + '\t'
            + inspected.value(QLatin1String("Architecture")).toString().toUtf8() + '\n');
}

void TestCompat::inspectFormatErrorsNameTheColumn()
{
    // Refused before any request: a template that does not parse.
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"),
        QStringLiteral("Digest: {{.Digest"), QStringLiteral("docker://%1/%2:1.0").arg(proxy.hostAndPort(), Fixtures::OciImage)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--format: column 9: {{ is never closed"), r.err.constData());
    QVERIFY(proxy.requests().isEmpty());
    r = runCli({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--format"),
        QStringLiteral("{{.Digest}} {{.Tag}}"), anonymous(Fixtures::OciImage + QStringLiteral(":1.0"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--format: column 15: no field \"Tag\""), r.err.constData());
    r = runCli({QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--format"), QStringLiteral("{{.Digest}}"),
        anonymous(Fixtures::OciImage)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--format cannot be combined with --raw"), r.err.constData());
}

void TestCompat::sslCertFileAndDirAreTrusted()
{
    // The TLS registry's certificate is a private CA: trusted when
    // SSL_CERT_FILE or SSL_CERT_DIR name it (skopeo, built with Go, agrees),
    // refused otherwise.
    QScopedPointer<RegistrySet> tls(new RegistrySet(RegistrySet::Tls));
    QVERIFY2(tls->ok(), qPrintable(tls->error()));
    const QStringList args {QStringLiteral("list-tags"),
        QStringLiteral("docker://%1/%2").arg(tls->tls()->hostAndPort(), Fixtures::OciImage)};
    const auto run = [&](const QString &program, const QList<std::pair<QString, QString>> &variables) {
        QProcessEnvironment env = isolatedEnvironment(m_dir.filePath(QStringLiteral("ssl-env")));
        env.remove(QStringLiteral("SSL_CERT_FILE"));
        env.remove(QStringLiteral("SSL_CERT_DIR"));
        for (const auto &[name, value] : variables)
            env.insert(name, value);
        return runProcess(program, args, {}, env);
    };
    ProcessResult r = run(cliPath(), {});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("certificate"), r.err.constData());
    QVERIFY(run(QStringLiteral("skopeo"), {}).exitCode != 0);

    r = run(cliPath(), {{QStringLiteral("SSL_CERT_FILE"), tls->tlsCaFile()}});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("\"Tags\""));
    QCOMPARE(run(QStringLiteral("skopeo"), {{QStringLiteral("SSL_CERT_FILE"), tls->tlsCaFile()}}).exitCode, 0);

    // A directory among others, ':'-separated; unreadable entries ignored, as Go does.
    r = run(cliPath(), {{QStringLiteral("SSL_CERT_DIR"), m_dir.filePath(QStringLiteral("nowhere")) + QLatin1Char(':') + tls->tlsCertDir()}});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("warning: SSL_CERT_DIR names"), r.err.constData());

    r = run(cliPath(), {{QStringLiteral("SSL_CERT_FILE"), m_dir.filePath(QStringLiteral("missing.pem"))}});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("warning: SSL_CERT_FILE=") && r.err.contains("holds no PEM certificate"), r.err.constData());
}

void TestCompat::tlsDetailsRestrictTheHandshake()
{
    // containers-tls-details.yaml: a real registry (Go's TLS, 1.2 and 1.3)
    // accepts what each file allows; an OpenSSL server limited to one
    // version, suite or group refuses the handshake exactly when the file
    // leaves that out.
    QScopedPointer<RegistrySet> tls(new RegistrySet(RegistrySet::Tls));
    QVERIFY2(tls->ok(), qPrintable(tls->error()));
    const auto details = [this](const QString &name, const QString &yaml) {
        const QString path = m_dir.filePath(name + QStringLiteral(".yaml"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(yaml.toUtf8());
        return path;
    };
    const QString tls13 = details(QStringLiteral("tls13"), QStringLiteral("minVersion: \"1.3\"\n"));
    const QString aes128 = details(QStringLiteral("aes128"),
        QStringLiteral("minVersion: \"1.2\"\ncipherSuites:\n  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n  - TLS_AES_128_GCM_SHA256\n"));
    const QString p384 = details(QStringLiteral("p384"), QStringLiteral("namedGroups: [secp384r1]\n"));
    const QString x25519 = details(QStringLiteral("x25519"), QStringLiteral("namedGroups: [x25519, secp256r1]\n"));
    for (const QString &file : {tls13, aes128, p384, x25519}) {
        const ProcessResult r = runCli({QStringLiteral("--tls-details"), file, QStringLiteral("list-tags"), QStringLiteral("--cert-dir"),
            tls->tlsCertDir(), QStringLiteral("docker://%1/%2").arg(tls->tls()->hostAndPort(), Fixtures::OciImage)});
        QVERIFY2(r.exitCode == 0, qPrintable(file + QLatin1Char(' ') + QString::fromUtf8(r.err)));
    }
    struct Server {
        QStringList limits;
        QString refusedWith;
        QString acceptedWith; // empty: the defaults
    };
    const QList<Server> servers {
        {{QStringLiteral("-tls1_2")}, tls13, aes128},
        {{QStringLiteral("-tls1_2"), QStringLiteral("-cipher"), QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384")}, aes128, QString()},
        {{QStringLiteral("-tls1_3"), QStringLiteral("-groups"), QStringLiteral("X25519")}, p384, x25519},
    };
    for (const Server &limited : servers) {
        const quint16 port = freePort();
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        server.start(QStringLiteral("openssl"), QStringList {QStringLiteral("s_server"), QStringLiteral("-accept"),
            QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-cert"), tls->tlsCaFile(), QStringLiteral("-key"),
            tls->tlsKeyFile(), QStringLiteral("-quiet"), QStringLiteral("-WWW")} + limited.limits);
        QVERIFY(waitForPort(port));
        const auto listTags = [&](const QString &file) {
            QStringList args {QStringLiteral("--command-timeout"), QStringLiteral("3s"), QStringLiteral("list-tags"), QStringLiteral("--retry-times=0"),
                QStringLiteral("--cert-dir"), tls->tlsCertDir(), QStringLiteral("docker://127.0.0.1:%1/x").arg(port)};
            if (!file.isEmpty())
                args = QStringList {QStringLiteral("--tls-details"), file} + args;
            return runCli(args);
        };
        const ProcessResult refused = listTags(limited.refusedWith);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("cannot reach registry"), refused.err.constData());
        // Past the handshake, this server is no registry: the command then
        // runs into its timeout instead.
        const ProcessResult accepted = listTags(limited.acceptedWith);
        QCOMPARE(accepted.exitCode, 1);
        QVERIFY2(!accepted.err.contains("cannot reach registry"), qPrintable(limited.limits.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(accepted.err)));
        server.kill();
        server.waitForFinished();
    }
}

void TestCompat::tlsDetailsErrorsNameTheField()
{
    const QList<QPair<QString, QString>> cases {
        {QStringLiteral("minVersion: \"1.1\"\n"), QStringLiteral("minVersion \"1.1\": crossdock offers TLS 1.2 and later only")},
        {QStringLiteral("minVersion: 1.4\n"), QStringLiteral("minVersion is \"1.2\" or \"1.3\", not \"1.4\"")},
        {QStringLiteral("cipherSuites: [TLS_FANCY_WITH_ROT13]\n"), QStringLiteral("cipherSuites: \"TLS_FANCY_WITH_ROT13\" is not a cipher suite")},
        {QStringLiteral("cipherSuites: []\n"), QStringLiteral("cipherSuites is empty")},
        {QStringLiteral("namedGroups: [curve9000]\n"), QStringLiteral("namedGroups: \"curve9000\" is not a group")},
        {QStringLiteral("minVersoin: \"1.2\"\n"), QStringLiteral("unknown field \"minVersoin\"")},
        {QStringLiteral("minVersion: [\n"), QStringLiteral(": line ")},
    };
    for (const auto &[yaml, expected] : cases) {
        const QString path = m_dir.filePath(QStringLiteral("bad-details.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(yaml.toUtf8());
        file.close();
        const ProcessResult r = runCli({QStringLiteral("--tls-details"), path, QStringLiteral("list-tags"), anonymous(Fixtures::OciImage)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains((QStringLiteral("--tls-details: ") + path + QStringLiteral(": ")).toUtf8()) && r.err.contains(expected.toUtf8()), r.err.constData());
    }
    const ProcessResult missing = runCli({QStringLiteral("--tls-details"), m_dir.filePath(QStringLiteral("none.yaml")), QStringLiteral("list-tags"),
        anonymous(Fixtures::OciImage)});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("none.yaml"), missing.err.constData());
}

void TestCompat::exitCodesAsSkopeo_data()
{
    // skopeo's documented statuses: 1 for an error, 2 when the image cannot
    // be found. skopeo 1.9.3 still said 1 for a missing tag or repository
    // (current skopeo says 2, as crossdock-cli does); a platform an index
    // lacks is not a missing image: 1 for both.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("expected");
    QTest::newRow("platform the index lacks") << QStringList {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("--override-arch"), QStringLiteral("s390x"), anonymous(Fixtures::OciIndex + QStringLiteral(":multi"))} << 1;
    QTest::newRow("tag that does not exist") << QStringList {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
        anonymous(Fixtures::OciImage + QStringLiteral(":nope"))} << 2;
    QTest::newRow("repository that does not exist") << QStringList {QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
        anonymous(QStringLiteral("no/such/repository"))} << 2;
    QTest::newRow("bad reference") << QStringList {QStringLiteral("inspect"), QStringLiteral("docker://UPPER/case")} << 1;
    QTest::newRow("unknown flag") << QStringList {QStringLiteral("inspect"), QStringLiteral("--frobnicate"), QStringLiteral("x")} << 1;
}

void TestCompat::exitCodesAsSkopeo()
{
    QFETCH(QStringList, args);
    QFETCH(int, expected);
    const ProcessResult skopeo = runSkopeo(args);
    QVERIFY2(skopeo.exitCode != 0, skopeo.out.constData());
    if (expected == 1)
        QCOMPARE(skopeo.exitCode, 1);
    QCOMPARE(runCli(args).exitCode, expected);
}

ProcessResult TestCompat::withConf(const QString &program, const QString &conf, const QStringList &args)
{
    static int count = 0;
    const QString path = m_dir.filePath(QStringLiteral("registries-%1.conf").arg(++count));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(conf.toUtf8());
    file.close();
    QProcessEnvironment env = isolatedEnvironment(m_dir.filePath(QStringLiteral("conf-env")));
    // skopeo 1.9.3 reads no CONTAINERS_REGISTRIES_CONF yet, only its hidden
    // --registries-conf; crossdock-cli takes both (the flag for the copy test).
    if (program == QLatin1String("skopeo") || args.contains(QStringLiteral("copy")))
        return runProcess(program, QStringList {QStringLiteral("--registries-conf"), path} + args, {}, env);
    env.insert(QStringLiteral("CONTAINERS_REGISTRIES_CONF"), path);
    return runProcess(program, args, {}, env);
}

void TestCompat::registriesConfMirrorIsTriedFirst()
{
    // registry.invalid does not exist; its mirror (a logging proxy in front
    // of the fixture registry) serves the pull. skopeo reads the same file.
    FaultProxy mirror(m_set->anonymous()->baseUrl());
    const QString conf = QStringLiteral("[[registry]]\nprefix = \"registry.invalid\"\nlocation = \"registry.invalid\"\n"
                                        "[[registry.mirror]]\nlocation = \"%1\"\ninsecure = true\n")
                             .arg(mirror.hostAndPort());
    const QString image = QStringLiteral("docker://registry.invalid/%1:1.0").arg(Fixtures::OciImage);
    const ProcessResult ours = withConf(cliPath(), conf, {QStringLiteral("inspect"), QStringLiteral("--no-tags"), image});
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QVERIFY(!mirror.requests().isEmpty());
    QCOMPARE(mirror.requests().first().url.path(), QStringLiteral("/v2/"));
    const QJsonObject inspected = QJsonDocument::fromJson(ours.out).object();
    QCOMPARE(inspected.value(QLatin1String("Name")).toString(), QStringLiteral("registry.invalid/") + Fixtures::OciImage);
    // skopeo's several Accept headers do not survive the logging proxy: it
    // is given the registry itself as the mirror.
    QString direct = conf;
    direct.replace(mirror.hostAndPort(), m_set->anonymous()->hostAndPort());
    const ProcessResult skopeo = withConf(QStringLiteral("skopeo"), direct, {QStringLiteral("inspect"), QStringLiteral("--no-tags"), image});
    QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
    QCOMPARE(inspected.value(QLatin1String("Digest")), QJsonDocument::fromJson(skopeo.out).object().value(QLatin1String("Digest")));
    // A copy pulls from the mirror too.
    const qsizetype before = mirror.requests().size();
    const ProcessResult copy = withConf(cliPath(), conf, {QStringLiteral("copy"), QStringLiteral("-q"), image,
        QStringLiteral("oci:") + m_dir.filePath(QStringLiteral("from-mirror")) + QStringLiteral(":x")});
    QVERIFY2(copy.exitCode == 0, copy.err.constData());
    bool blobFromMirror = false;
    for (qsizetype i = before; i < mirror.requests().size(); ++i)
        blobFromMirror = blobFromMirror || mirror.requests().at(i).url.path().contains(QLatin1String("/blobs/"));
    QVERIFY(blobFromMirror);
}

void TestCompat::registriesConfPrefixRewrite()
{
    // images.invalid/team/* really lives at the fixture registry's fixtures/*.
    const QString conf = QStringLiteral("[[registry]]\nprefix = \"images.invalid/team\"\nlocation = \"%1/fixtures\"\ninsecure = true\n")
                             .arg(m_set->anonymous()->hostAndPort());
    const QStringList args {QStringLiteral("inspect"), QStringLiteral("--no-tags"), QStringLiteral("docker://images.invalid/team/oci-image:1.0")};
    const ProcessResult ours = withConf(cliPath(), conf, args);
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    const ProcessResult skopeo = withConf(QStringLiteral("skopeo"), conf, args);
    QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
    QCOMPARE(QJsonDocument::fromJson(ours.out).object().value(QLatin1String("Digest")),
        QJsonDocument::fromJson(skopeo.out).object().value(QLatin1String("Digest")));
}

void TestCompat::registriesConfBlockedIsRefused()
{
    const QString conf = QStringLiteral("[[registry]]\nlocation = \"%1\"\nblocked = true\n").arg(m_set->anonymous()->hostAndPort());
    const QString image = anonymous(Fixtures::OciImage + QStringLiteral(":1.0"));
    for (const QStringList &args : {QStringList {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), image},
             QStringList {QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"), anonymous(Fixtures::OciImage)},
             QStringList {QStringLiteral("copy"), QStringLiteral("--tls-verify=false"), image,
                 QStringLiteral("oci:") + m_dir.filePath(QStringLiteral("blocked")) + QStringLiteral(":x")}}) {
        const ProcessResult ours = withConf(cliPath(), conf, args);
        QCOMPARE(ours.exitCode, 1);
        QVERIFY2(ours.err.contains("is blocked by ") && ours.err.contains("registries-"), ours.err.constData());
        QVERIFY2(withConf(QStringLiteral("skopeo"), conf, args).exitCode != 0, qPrintable(args.join(QLatin1Char(' '))));
    }
    // As a destination too.
    const ProcessResult push = withConf(cliPath(), conf, {QStringLiteral("copy"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("oci:") + m_dir.filePath(QStringLiteral("from-mirror")) + QStringLiteral(":x"),
        QStringLiteral("docker://%1/pushed:1").arg(m_set->anonymous()->hostAndPort())});
    QCOMPARE(push.exitCode, 1);
    QVERIFY2(push.err.contains("is blocked by "), push.err.constData());
}

void TestCompat::registriesConfInsecureIsHonoured()
{
    // A registry with a private CA, marked insecure: reached without
    // verification, unless --tls-verify=true says otherwise.
    QScopedPointer<RegistrySet> tls(new RegistrySet(RegistrySet::Tls));
    QVERIFY2(tls->ok(), qPrintable(tls->error()));
    const QString conf = QStringLiteral("[[registry]]\nlocation = \"%1\"\ninsecure = true\n").arg(tls->tls()->hostAndPort());
    const QString repository = QStringLiteral("docker://%1/%2").arg(tls->tls()->hostAndPort(), Fixtures::OciImage);
    ProcessResult r = withConf(cliPath(), conf, {QStringLiteral("list-tags"), repository});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(withConf(QStringLiteral("skopeo"), conf, {QStringLiteral("list-tags"), repository}).exitCode, 0);
    r = withConf(cliPath(), conf, {QStringLiteral("list-tags"), QStringLiteral("--tls-verify=true"), repository});
    QCOMPARE(r.exitCode, 1);
    r = withConf(cliPath(), QString(), {QStringLiteral("list-tags"), repository});
    QCOMPARE(r.exitCode, 1);
}

void TestCompat::registriesConfDigestOnlyMirror()
{
    // pull-from-mirror = "digest-only": a pull by tag never asks the mirror.
    FaultProxy mirror(m_set->anonymous()->baseUrl());
    const QString conf = QStringLiteral("[[registry]]\nlocation = \"%1\"\ninsecure = true\n"
                                        "[[registry.mirror]]\nlocation = \"%2\"\ninsecure = true\npull-from-mirror = \"digest-only\"\n")
                             .arg(m_set->anonymous()->hostAndPort(), mirror.hostAndPort());
    ProcessResult r = withConf(cliPath(), conf, {QStringLiteral("inspect"), QStringLiteral("--no-tags"), anonymous(Fixtures::OciImage + QStringLiteral(":1.0"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(mirror.requests().isEmpty());
    const QString digest = QJsonDocument::fromJson(r.out).object().value(QLatin1String("Digest")).toString();
    r = withConf(cliPath(), conf, {QStringLiteral("inspect"), QStringLiteral("--no-tags"), anonymous(Fixtures::OciImage + QLatin1Char('@') + digest)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!mirror.requests().isEmpty());
}

void TestCompat::registriesConfMirrorServesSync()
{
    // sync pulls each image from the first mirror that has it, as skopeo's
    // sync does; the registry itself (registry.invalid) is never reached.
    RegistryServer destination {RegistryServer::Options()};
    QVERIFY2(destination.isRunning(), qPrintable(destination.errorText()));
    FaultProxy mirror(m_set->anonymous()->baseUrl());
    const QString conf = QStringLiteral("[[registry]]\nlocation = \"registry.invalid\"\n"
                                        "[[registry.mirror]]\nlocation = \"%1\"\ninsecure = true\n")
                             .arg(mirror.hostAndPort());
    const QString source = QStringLiteral("registry.invalid/%1:1.0").arg(Fixtures::OciImage);
    const auto sync = [&](const QString &program, const QString &to) {
        return withConf(program, program == cliPath() ? conf : QString(conf).replace(mirror.hostAndPort(), m_set->anonymous()->hostAndPort()),
            {QStringLiteral("sync"), QStringLiteral("--preserve-digests"), QStringLiteral("--src"), QStringLiteral("docker"), QStringLiteral("--dest"), QStringLiteral("docker"),
                QStringLiteral("--dest-tls-verify=false"), source, QStringLiteral("%1/%2").arg(destination.hostAndPort(), to)});
    };
    const ProcessResult ours = sync(cliPath(), QStringLiteral("ours"));
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    bool blobFromMirror = false;
    for (const auto &request : mirror.requests())
        blobFromMirror = blobFromMirror || request.url.path().contains(QLatin1String("/blobs/"));
    QVERIFY(blobFromMirror);
    // skopeo would gzip this image's uncompressed layers unless told to keep it as it is.
    const ProcessResult skopeo = sync(QStringLiteral("skopeo"), QStringLiteral("theirs"));
    QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
    const auto digestAt = [&](const QString &repository) {
        const ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--no-tags"), QStringLiteral("--tls-verify=false"),
            QStringLiteral("docker://%1/%2/oci-image:1.0").arg(destination.hostAndPort(), repository)});
        return QJsonDocument::fromJson(r.out).object().value(QLatin1String("Digest")).toString();
    };
    QVERIFY(!digestAt(QStringLiteral("ours")).isEmpty());
    QCOMPARE(digestAt(QStringLiteral("ours")), digestAt(QStringLiteral("theirs")));
    // A mirror that is down: the registry itself is next (here it does not
    // exist either, so the error is the registry's, naming it).
    const QString downConf = QStringLiteral("[[registry]]\nlocation = \"registry.invalid\"\n"
                                            "[[registry.mirror]]\nlocation = \"127.0.0.1:1\"\ninsecure = true\n");
    const ProcessResult down = withConf(cliPath(), downConf, {QStringLiteral("sync"), QStringLiteral("--src"), QStringLiteral("docker"),
        QStringLiteral("--dest"), QStringLiteral("docker"), QStringLiteral("--dest-tls-verify=false"), QStringLiteral("--retry-times=0"), source,
        QStringLiteral("%1/down").arg(destination.hostAndPort())});
    QCOMPARE(down.exitCode, 1);
    QVERIFY2(down.err.contains("registry.invalid"), down.err.constData());
}

void TestCompat::registriesConfErrorsNameTheFile()
{
    ProcessResult r = withConf(cliPath(), QStringLiteral("[[registry]]\nprefix = \"a\"\nblocked = maybe\n"),
        {QStringLiteral("list-tags"), anonymous(Fixtures::OciImage)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("registries.conf: ") && r.err.contains(".conf: line 3, column"), r.err.constData());
    r = withConf(cliPath(), QStringLiteral("[[registry]]\nprefix = \"https://a.example\"\n"), {QStringLiteral("list-tags"), anonymous(Fixtures::OciImage)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("take no scheme"), r.err.constData());
    // manifest-digest reads no registry: a broken file does not stop it.
    QCOMPARE(withConf(cliPath(), QStringLiteral("[[[broken"), {QStringLiteral("--version")}).exitCode, 0);
}

void TestCompat::shortNamesMeanDockerHubAsInSkopeo()
{
    // In docker:// references a name without a host means docker.io, always
    // (containers/image never searches for them there): unqualified-search-
    // registries and [aliases] must not move `docker://shortname` elsewhere,
    // or a squatted search registry could serve a pipeline's image. Here
    // docker.io is rewritten to the fixture registry, whose library/shortname
    // holds one image and whose alias target another; both tools must read
    // library/shortname.
    RegistryServer destination {RegistryServer::Options()};
    QVERIFY2(destination.isRunning(), qPrintable(destination.errorText()));
    const QString host = destination.hostAndPort();
    using Copy = std::pair<QString, QString>;
    for (const auto &[from, to] : {Copy {Fixtures::OciImage + QStringLiteral(":1.0"), QStringLiteral("library/shortname:1.0")},
             Copy {Fixtures::DockerImage + QStringLiteral(":2.1"), QStringLiteral("aliased:1.0")}}) {
        const ProcessResult copied = runCli({QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--dest-tls-verify=false"),
            anonymous(from), QStringLiteral("docker://%1/%2").arg(host, to)});
        QVERIFY2(copied.exitCode == 0, copied.err.constData());
    }
    const QString conf = QStringLiteral("unqualified-search-registries = [\"%1\"]\nshort-name-mode = \"enforcing\"\n"
                                        "[aliases]\n\"shortname\" = \"%1/aliased\"\n"
                                        "[[registry]]\nprefix = \"docker.io\"\nlocation = \"%1\"\ninsecure = true\n")
                             .arg(host);
    const QStringList args {QStringLiteral("inspect"), QStringLiteral("--no-tags"), QStringLiteral("docker://shortname:1.0")};
    const ProcessResult ours = withConf(cliPath(), conf, args);
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    const ProcessResult skopeo = withConf(QStringLiteral("skopeo"), conf, args);
    QVERIFY2(skopeo.exitCode == 0, skopeo.err.constData());
    const QJsonObject inspected = QJsonDocument::fromJson(ours.out).object();
    QCOMPARE(inspected.value(QLatin1String("Name")).toString(), QStringLiteral("docker.io/library/shortname"));
    QCOMPARE(inspected.value(QLatin1String("Digest")), QJsonDocument::fromJson(skopeo.out).object().value(QLatin1String("Digest")));
    const ProcessResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--no-tags"), anonymous(Fixtures::OciImage + QStringLiteral(":1.0"))});
    QCOMPARE(inspected.value(QLatin1String("Digest")), QJsonDocument::fromJson(r.out).object().value(QLatin1String("Digest")));
    // A short name without a rewrite goes to docker.io, not to a search registry.
    const ProcessResult unrewritten = withConf(cliPath(),
        QStringLiteral("unqualified-search-registries = [\"%1\"]\n[aliases]\n\"shortname\" = \"%1/aliased\"\n").arg(host),
        {QStringLiteral("inspect"), QStringLiteral("--retry-times=0"), QStringLiteral("--command-timeout=20s"), QStringLiteral("docker://shortname:1.0")});
    QVERIFY2(unrewritten.exitCode != 0, unrewritten.out.constData());
    QVERIFY2(unrewritten.err.contains("docker.io") || unrewritten.err.contains("registry-1.docker.io"), unrewritten.err.constData());
}

void TestCompat::bareShortNamesFollowRegistriesConf()
{
    // A reference with neither transport nor registry (skopeo has no such
    // form) is a short name, resolved as containers-registries.conf(5) says.
    RegistryServer destination {RegistryServer::Options()};
    QVERIFY2(destination.isRunning(), qPrintable(destination.errorText()));
    const QString host = destination.hostAndPort();
    const QString fixtures = m_set->anonymous()->hostAndPort();
    ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--dest-tls-verify=false"),
        anonymous(Fixtures::DockerImage + QStringLiteral(":2.1")), QStringLiteral("docker://%1/team/aliased:1.0").arg(host)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({QStringLiteral("inspect"), QStringLiteral("--no-tags"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("docker://%1/team/aliased:1.0").arg(host)});
    const QJsonValue aliasedDigest = QJsonDocument::fromJson(r.out).object().value(QLatin1String("Digest"));
    QVERIFY(aliasedDigest.isString());
    const QString insecure = QStringLiteral("[[registry]]\nlocation = \"%1\"\ninsecure = true\n[[registry]]\nlocation = \"%2\"\ninsecure = true\n")
                                 .arg(host, fixtures);

    // An alias: its target, with the tag as written; stderr says so, as podman does.
    const QString alias = QStringLiteral("[aliases]\n\"app\" = \"%1/team/aliased\"\n").arg(host) + insecure;
    r = withConf(cliPath(), alias, {QStringLiteral("inspect"), QStringLiteral("--no-tags"), QStringLiteral("app:1.0")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("resolved \"app\" as an alias (") && r.err.contains("registries-"), r.err.constData());
    QJsonObject inspected = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(inspected.value(QLatin1String("Name")).toString(), host + QStringLiteral("/team/aliased"));
    QCOMPARE(inspected.value(QLatin1String("Digest")), aliasedDigest);
    // docker:// as written is untouched: docker.io, as skopeo.
    r = withConf(cliPath(), alias, {QStringLiteral("inspect"), QStringLiteral("--retry-times=0"), QStringLiteral("docker://app:1.0")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(!r.err.contains("alias"), r.err.constData());

    // Search registries in order: the fixture registry lacks team/aliased,
    // the next one has it.
    const QString search = QStringLiteral("unqualified-search-registries = [\"%1\", \"%2\"]\n").arg(fixtures, host) + insecure;
    r = withConf(cliPath(), search, {QStringLiteral("inspect"), QStringLiteral("--no-tags"), QStringLiteral("team/aliased:1.0")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("completed short name \"team/aliased\" with unqualified-search registries"), r.err.constData());
    inspected = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(inspected.value(QLatin1String("Name")).toString(), host + QStringLiteral("/team/aliased"));
    QCOMPARE(inspected.value(QLatin1String("Digest")), aliasedDigest);
    const QString layout = m_dir.filePath(QStringLiteral("short-name-copy"));
    r = withConf(cliPath(), search, {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("team/aliased:1.0"),
        QStringLiteral("oci:") + layout + QStringLiteral(":x")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFile::exists(layout + QStringLiteral("/index.json")));
    // A destination, or any use under short-name-mode = "enforcing", must be one image.
    r = withConf(cliPath(), search, {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("oci:") + layout + QStringLiteral(":x"),
        QStringLiteral("team/pushed:1.0")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("team/pushed:1.0: \"team/pushed\" is a short name with no alias") && r.err.contains("ambiguous"), r.err.constData());
    r = withConf(cliPath(), QStringLiteral("short-name-mode = \"enforcing\"\n") + search,
        {QStringLiteral("inspect"), QStringLiteral("team/aliased:1.0")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("short-name-mode is \"enforcing\"") && r.err.contains(qPrintable(fixtures)), r.err.constData());
}

QTEST_MAIN(TestCompat)
#include "test_compat.moc"
