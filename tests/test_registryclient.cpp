// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The registry client against real docker-registry servers: anonymous,
// htpasswd, token (real JWTs) and TLS, all serving the fixture images.
#include "core/browse/inspectjob.h"
#include "core/image/mediatypes.h"
#include "core/registry/catalogjob.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/listtagsjob.h"
#include "core/registry/pagedlistjob.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "faultproxy.h"
#include "fixtures.h"
#include "minihttpserver.h"
#include "rawregistry.h"
#include "redirectingregistry.h"
#include "registryset.h"
#include "registrytestutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QNetworkAccessManager>
#include <QTest>

using namespace crossdock;
using namespace crossdock::test;

class TestRegistryClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void tagsFollowLinkToTheEnd();
    void tagsInOnePage();
    void catalogFollowsLinkToTheEnd();
    void manifestsOfEveryKind_data();
    void manifestsOfEveryKind();
    void manifestByDigest();
    void missingThingsAreNotFound();
    void inspectPicksPlatform();
    void inspectReportsMissingPlatform();

    void htpasswdWithCredentials();
    void htpasswdWrongPassword();
    void htpasswdAnonymousIsRefused();

    void tokenScopesAreExact();
    void tokenIsReusedUntilExpiryThenRefreshed();
    void tokenAccessTokenField();
    void tokenWrongPasswordNoRetryStorm();
    void identityTokenUsesRefreshGrant();
    void insufficientScopeReauthenticatesOnce();
    void catalogNeedsCatalogScope();
    void catalogRefusedSaysSo();

    void tlsWithoutCaFails();
    void tlsWithCertDir();
    void tlsWithCaFile();
    void tlsWithCertsDRoot();
    void tlsSkipVerify();
    void clientCertificateFromCertDir();
    void plainHttpOnlyWhenChosen();
    void tokenRealmMustBeHttpsForHttpsRegistry();

    void redirectToStorageCarriesNoAuthorization();
    void cancelFinishesOnce();

private:
    RegistryClient *client(RegistryServer *server, const Credentials &credentials = {}, const TlsSettings &tls = {});

    std::unique_ptr<RegistrySet> m_set;
    QNetworkAccessManager m_network;
    QList<RegistryClient *> m_clients;
};

void TestRegistryClient::initTestCase()
{
    m_set = std::make_unique<RegistrySet>();
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestRegistryClient::cleanup()
{
    qDeleteAll(m_clients);
    m_clients.clear();
    if (m_set->tokenServer()) {
        m_set->tokenServer()->clearIssued();
        m_set->tokenServer()->setExpiresIn(300);
        m_set->tokenServer()->setUseAccessTokenField(false);
    }
}

RegistryClient *TestRegistryClient::client(RegistryServer *server, const Credentials &credentials, const TlsSettings &tls)
{
    TlsSettings settings = tls;
    settings.certsDRoots = tls.certsDRoots == TlsSettings::defaultCertsDRoots() ? QStringList() : tls.certsDRoots;
    auto *c = new RegistryClient(server->hostAndPort(), settings, credentials, &m_network);
    m_clients << c;
    return c;
}

void TestRegistryClient::tagsFollowLinkToTheEnd()
{
    // distribution 2.8 answers a tag list in one page; registries such as
    // distribution 3, Harbor and GHCR page it with Link headers. The proxy
    // pages the real registry's answer the way they do (n, last, Link).
    FaultProxy pager(m_set->anonymous()->baseUrl());
    pager.setMutation([](const MiniHttpServer::Request &request, MiniHttpServer::Response &response) {
        if (!request.url.path().endsWith(QLatin1String("/tags/list")) || response.status != 200)
            return;
        const QUrlQuery query(request.url);
        const int n = query.queryItemValue(QStringLiteral("n")).toInt();
        const QString last = query.queryItemValue(QStringLiteral("last"));
        QJsonObject body = QJsonDocument::fromJson(response.body).object();
        QStringList tags;
        for (const QJsonValue &v : body.value(QLatin1String("tags")).toArray())
            tags << v.toString();
        tags.sort();
        const qsizetype from = last.isEmpty() ? 0 : tags.indexOf(last) + 1;
        const QStringList page = tags.mid(from, n);
        body.insert(QStringLiteral("tags"), QJsonArray::fromStringList(page));
        response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        if (from + n < tags.size())
            response.headers << qMakePair(QByteArray("Link"),
                                          QStringLiteral("<%1?n=%2&last=%3>; rel=\"next\"").arg(request.url.path()).arg(n).arg(page.last()).toLatin1());
    });
    RegistryClient *c = new RegistryClient(pager.hostAndPort(), {}, {}, &m_network);
    m_clients << c;
    ListTagsJob job(c, Fixtures::ManyTags, nullptr, 1000);
    QSignalSpy pages(&job, &Job::progress);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QCOMPARE(job.items().size(), Fixtures::ManyTagsCount);
    QCOMPARE(pages.count(), 3); // 1000 + 1000 + 500, by Link headers
    QCOMPARE(job.items().first(), QStringLiteral("t0000"));
    QCOMPARE(job.items().last(), QStringLiteral("t2499"));
    QCOMPARE(QSet<QString>(job.items().begin(), job.items().end()).size(), Fixtures::ManyTagsCount);
}

void TestRegistryClient::tagsInOnePage()
{
    ListTagsJob job(client(m_set->anonymous()), Fixtures::ManyTags);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QCOMPARE(job.items().size(), Fixtures::ManyTagsCount);
}

void TestRegistryClient::catalogFollowsLinkToTheEnd()
{
    CatalogJob job(client(m_set->anonymous()), nullptr, 2);
    QSignalSpy pages(&job, &Job::progress);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QCOMPARE(job.items(), Fixtures::repositories());
    QCOMPARE(pages.count(), (Fixtures::repositories().size() + 1) / 2); // two a page
}

void TestRegistryClient::manifestsOfEveryKind_data()
{
    QTest::addColumn<QString>("repository");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("mediaType");
    QTest::newRow("oci image") << Fixtures::OciImage << "1.0" << MediaType::OciManifest;
    QTest::newRow("docker v2s2") << Fixtures::DockerImage << "2.1" << MediaType::DockerManifest;
    QTest::newRow("oci index") << Fixtures::OciIndex << "multi" << MediaType::OciIndex;
    QTest::newRow("docker manifest list") << Fixtures::DockerList << "v1" << MediaType::DockerManifestList;
    QTest::newRow("nested namespace") << Fixtures::Nested << "nested" << MediaType::OciManifest;
}

void TestRegistryClient::manifestsOfEveryKind()
{
    QFETCH(QString, repository);
    QFETCH(QString, tag);
    QFETCH(QString, mediaType);
    // What the registry itself says, asked without the code under test.
    RawRegistry raw(m_set->anonymous()->baseUrl());
    const auto head = raw.request("GET", QStringLiteral("/v2/%1/manifests/%2").arg(repository, tag), {},
                                  {{"Accept", MediaType::acceptHeader().toLatin1()}});
    QCOMPARE(head.status, 200);

    FetchManifestJob job(client(m_set->anonymous()), repository, tag);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QCOMPARE(job.manifest().mediaType(), mediaType);
    QCOMPARE(job.manifest().raw(), head.body); // bytes unchanged
    QCOMPARE(job.manifest().digest(), Digest::sha256Of(head.body));
    QCOMPARE(job.manifest().isIndex(), MediaType::isIndex(mediaType));
}

void TestRegistryClient::manifestByDigest()
{
    FetchManifestJob byTag(client(m_set->anonymous()), Fixtures::OciIndex, QStringLiteral("multi"));
    QVERIFY(runJob(&byTag));
    const Digest child = byTag.manifest().manifests().at(1).digest;
    FetchManifestJob byDigest(client(m_set->anonymous()), Fixtures::OciIndex, child.toString());
    QVERIFY(runJob(&byDigest));
    QVERIFY2(!byDigest.error().isError(), qPrintable(byDigest.error().message));
    QCOMPARE(byDigest.manifest().digest(), child);
}

void TestRegistryClient::missingThingsAreNotFound()
{
    FetchManifestJob tag(client(m_set->anonymous()), Fixtures::OciImage, QStringLiteral("no-such-tag"));
    QVERIFY(runJob(&tag));
    QCOMPARE(tag.error().code, Error::Code::NotFound);
    QVERIFY2(tag.error().message.contains(QStringLiteral("fixtures/oci-image:no-such-tag")), qPrintable(tag.error().message));
    ListTagsJob repo(client(m_set->anonymous()), QStringLiteral("no/such/repo"));
    QVERIFY(runJob(&repo));
    QCOMPARE(repo.error().code, Error::Code::NotFound);
    QVERIFY(repo.error().detail.contains(QStringLiteral("NAME_UNKNOWN")));
}

void TestRegistryClient::inspectPicksPlatform()
{
    InspectJob::Options options;
    options.platform = Platform{QStringLiteral("linux"), QStringLiteral("arm"), QStringLiteral("v7"), {}};
    const ImageReference ref = ImageReference::parse(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi"));
    InspectJob job(client(m_set->anonymous()), ref, options);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QVERIFY(job.result().topManifest->isIndex());
    QCOMPARE(job.result().config->architecture, QStringLiteral("arm"));
    QCOMPARE(job.result().config->variant, QStringLiteral("v7"));
    QVERIFY(job.result().config->env.contains(QStringLiteral("APP_SEED=index-armv7")));
    QCOMPARE(job.result().tags, QStringList{QStringLiteral("multi")});
}

void TestRegistryClient::inspectReportsMissingPlatform()
{
    InspectJob::Options options;
    options.platform = Platform{QStringLiteral("windows"), QStringLiteral("amd64"), {}, {}};
    const ImageReference ref = ImageReference::parse(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi"));
    InspectJob job(client(m_set->anonymous()), ref, options);
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::InvalidInput); // exit 1 as skopeo, not "not found"
    QVERIFY2(job.error().message.contains(QStringLiteral("no image for platform windows/amd64 (it has: linux/amd64, linux/arm64/v8, linux/arm/v7)")),
             qPrintable(job.error().message));
}

void TestRegistryClient::htpasswdWithCredentials()
{
    ListTagsJob job(client(m_set->htpasswd(), {RegistrySet::User, RegistrySet::Password, {}}), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QStringList tags = job.items();
    tags.sort();
    QCOMPARE(tags, (QStringList{QStringLiteral("1.0"), QStringLiteral("latest")}));
}

void TestRegistryClient::htpasswdWrongPassword()
{
    FetchManifestJob job(client(m_set->htpasswd(), {RegistrySet::User, QStringLiteral("wrong"), {}}), Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::Unauthorized);
    QVERIFY(job.error().message.contains(QStringLiteral("authentication required")));
    QVERIFY(!job.error().message.contains(QStringLiteral("wrong"))); // no secret in the text
}

void TestRegistryClient::htpasswdAnonymousIsRefused()
{
    ListTagsJob job(client(m_set->htpasswd()), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::Unauthorized);
    QVERIFY2(job.error().message.contains(QStringLiteral("crossdock-cli login")), qPrintable(job.error().message));
}

void TestRegistryClient::tokenScopesAreExact()
{
    RegistryClient *c = client(m_set->token(), {RegistrySet::User, RegistrySet::Password, {}});
    FetchManifestJob job(c, Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    const auto issued = m_set->tokenServer()->issued();
    QCOMPARE(issued.size(), 1);
    QCOMPARE(issued.first().account, RegistrySet::User);
    QCOMPARE(issued.first().scopes, QStringList{QStringLiteral("repository:fixtures/oci-image:pull")});

    // A request spanning two repositories asks for both scopes in one token.
    RegistryRequest request;
    request.path = QStringLiteral("/v2/%1/tags/list").arg(Fixtures::DockerImage);
    request.scopes = {QStringLiteral("repository:fixtures/docker-image:pull"), QStringLiteral("repository:fixtures/oci-image:pull")};
    RegistryCall *call = c->call(request, nullptr);
    QVERIFY(runJob(call));
    QCOMPARE(call->response().status, 200);
    QCOMPARE(m_set->tokenServer()->issued().last().scopes, request.scopes);
    delete call;
}

void TestRegistryClient::tokenIsReusedUntilExpiryThenRefreshed()
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    RegistryClient *c = client(m_set->token(), {RegistrySet::User, RegistrySet::Password, {}});
    c->setClock([&now] { return now; });
    m_set->tokenServer()->setExpiresIn(120);
    for (int i = 0; i < 3; ++i) {
        FetchManifestJob job(c, Fixtures::OciImage, QStringLiteral("1.0"));
        QVERIFY(runJob(&job));
        QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    }
    QCOMPARE(m_set->tokenServer()->issued().size(), 1); // reused
    now = now.addSecs(100);
    FetchManifestJob stillValid(c, Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&stillValid));
    QCOMPARE(m_set->tokenServer()->issued().size(), 1);
    now = now.addSecs(30); // past 120 s
    FetchManifestJob expired(c, Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&expired));
    QVERIFY(!expired.error().isError());
    QCOMPARE(m_set->tokenServer()->issued().size(), 2); // refreshed
}

void TestRegistryClient::tokenAccessTokenField()
{
    m_set->tokenServer()->setUseAccessTokenField(true);
    FetchManifestJob job(client(m_set->token(), {RegistrySet::User, RegistrySet::Password, {}}), Fixtures::DockerImage, QStringLiteral("2.1"));
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
}

void TestRegistryClient::tokenWrongPasswordNoRetryStorm()
{
    RegistryClient *c = client(m_set->token(), {RegistrySet::User, QStringLiteral("not-the-password"), {}});
    FetchManifestJob job(c, Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::Unauthorized);
    QVERIFY2(job.error().message.contains(QStringLiteral("wrong username or password")), qPrintable(job.error().message));
    QVERIFY(job.error().message.contains(RegistrySet::User));
    QVERIFY(!job.error().message.contains(QStringLiteral("not-the-password")));
    QTest::qWait(200);
    QCOMPARE(m_set->tokenServer()->issued().size(), 1);
}

void TestRegistryClient::identityTokenUsesRefreshGrant()
{
    FetchManifestJob job(client(m_set->token(), {QString(), QString(), RegistrySet::RefreshToken}), Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    const auto issued = m_set->tokenServer()->issued();
    QCOMPARE(issued.size(), 1);
    QVERIFY(issued.first().viaRefreshToken);
    QCOMPARE(issued.first().account, RegistrySet::User);
    QCOMPARE(issued.first().scopes, QStringList{QStringLiteral("repository:fixtures/oci-image:pull")});

    FetchManifestJob revoked(client(m_set->token(), {QString(), QString(), QStringLiteral("revoked")}), Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&revoked));
    QCOMPARE(revoked.error().code, Error::Code::Unauthorized);
}

void TestRegistryClient::insufficientScopeReauthenticatesOnce()
{
    // bob may pull fixtures/oci-image only; the token he gets for another
    // repository grants nothing, the registry answers insufficient_scope.
    RegistryClient *c = client(m_set->token(), {RegistrySet::ReaderUser, RegistrySet::ReaderPassword, {}});
    FetchManifestJob allowed(c, Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&allowed));
    QVERIFY(!allowed.error().isError());
    m_set->tokenServer()->clearIssued();
    FetchManifestJob denied(c, Fixtures::DockerImage, QStringLiteral("2.1"));
    QVERIFY(runJob(&denied));
    QCOMPARE(denied.error().code, Error::Code::Denied);
    QVERIFY2(denied.error().message.contains(QStringLiteral("access denied")), qPrintable(denied.error().message));
    QTest::qWait(200);
    QCOMPARE(m_set->tokenServer()->issued().size(), 2); // the first token, then exactly one re-auth
}

void TestRegistryClient::catalogNeedsCatalogScope()
{
    CatalogJob job(client(m_set->token(), {RegistrySet::User, RegistrySet::Password, {}}));
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QCOMPARE(job.items(), Fixtures::repositories());
    QCOMPARE(m_set->tokenServer()->issued().first().scopes, QStringList{QStringLiteral("registry:catalog:*")});
}

void TestRegistryClient::catalogRefusedSaysSo()
{
    CatalogJob job(client(m_set->token(), {RegistrySet::ReaderUser, RegistrySet::ReaderPassword, {}}));
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::Unsupported);
    QVERIFY2(job.error().message.contains(QStringLiteral("does not list its repositories")), qPrintable(job.error().message));
    QVERIFY(job.error().message.contains(QStringLiteral("open a repository by name")));
}

void TestRegistryClient::tlsWithoutCaFails()
{
    ListTagsJob job(client(m_set->tls()), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::Tls);
    // The core says what failed; the CLI adds its flags, the GUI its dialog.
    QVERIFY2(!job.error().message.contains(QStringLiteral("--")), qPrintable(job.error().message));
    // Certificate errors never fall back to plain HTTP, not even on loopback.
    QVERIFY(!job.error().message.contains(QStringLiteral("http://")));
}

void TestRegistryClient::tlsWithCertDir()
{
    TlsSettings tls;
    tls.certDir = m_set->tlsCertDir();
    RegistryClient *c = client(m_set->tls(), {}, tls);
    ListTagsJob job(c, Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QCOMPARE(c->baseUrl().scheme(), QStringLiteral("https"));
}

void TestRegistryClient::tlsWithCaFile()
{
    TlsSettings tls;
    tls.caFiles = {m_set->tlsCaFile()};
    ListTagsJob job(client(m_set->tls(), {}, tls), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
}

void TestRegistryClient::tlsWithCertsDRoot()
{
    QTemporaryDir root;
    const QString hostDir = root.filePath(m_set->tls()->hostAndPort());
    QVERIFY(QDir().mkpath(hostDir));
    QVERIFY(QFile::copy(m_set->tlsCaFile(), hostDir + QStringLiteral("/registry-ca.crt")));
    TlsSettings tls;
    tls.certsDRoots = {root.path()};
    ListTagsJob job(client(m_set->tls(), {}, tls), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
}

void TestRegistryClient::tlsSkipVerify()
{
    TlsSettings tls;
    tls.mode = TlsSettings::Mode::SkipVerify;
    RegistryClient *c = client(m_set->tls(), {}, tls);
    ListTagsJob job(c, Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    // Unverified connections are never pooled with verified ones.
    QVERIFY(c->hasPrivateConnections());
    QVERIFY(!client(m_set->tls())->hasPrivateConnections());
}

void TestRegistryClient::clientCertificateFromCertDir()
{
    // A registry that demands a client certificate (mutual TLS): the
    // certificate comes from name.cert + name.key in the cert directory.
    const Certificate clientCert = makeSigningCertificate(m_set->scratch(), QStringLiteral("mtls-client"));
    QVERIFY(clientCert.ok);
    RegistryServer::Options o;
    QString error;
    o.storageDirectory = Fixtures::storageDirectory(&error);
    o.readOnly = true;
    o.tls = true;
    o.tlsCertificate = makeServerCertificate(m_set->scratch(), QStringLiteral("mtls-server"));
    o.clientCaPath = clientCert.certPath;
    RegistryServer server(o);
    QVERIFY2(server.isRunning(), qPrintable(server.errorText()));

    QTemporaryDir certDir;
    QVERIFY(QFile::copy(o.tlsCertificate.certPath, certDir.filePath(QStringLiteral("ca.crt"))));
    TlsSettings tls;
    tls.certDir = certDir.path();
    RegistryClient *noCert = client(&server, {}, tls);
    RetryPolicy shortIdle;
    shortIdle.idleTimeoutMs = 2000;
    noCert->setRetryPolicy(shortIdle);
    ListTagsJob without(noCert, Fixtures::OciImage);
    // The server rejects the handshake after TLS 1.3 completes on the
    // client's side; Qt 6.4 then only notices through the idle timeout.
    QVERIFY(runJob(&without, shortIdle.idleTimeoutMs + 15000));
    QCOMPARE(without.error().code, Error::Code::Unreachable);
    QVERIFY2(without.error().message.contains(QStringLiteral("did not answer in time")), qPrintable(without.error().message));

    QVERIFY(QFile::copy(clientCert.certPath, certDir.filePath(QStringLiteral("client.cert"))));
    QVERIFY(QFile::copy(clientCert.keyPath, certDir.filePath(QStringLiteral("client.key"))));
    ListTagsJob with(client(&server, {}, tls), Fixtures::OciImage);
    QVERIFY(runJob(&with));
    QVERIFY2(!with.error().isError(), qPrintable(with.error().message));

    // A certificate without its key is named, not ignored.
    QVERIFY(QFile::remove(certDir.filePath(QStringLiteral("client.key"))));
    ListTagsJob missingKey(client(&server, {}, tls), Fixtures::OciImage);
    QVERIFY(runJob(&missingKey));
    QCOMPARE(missingKey.error().code, Error::Code::InvalidInput);
    QVERIFY2(missingKey.error().message.contains(QStringLiteral("has no matching key")), qPrintable(missingKey.error().message));
}

void TestRegistryClient::plainHttpOnlyWhenChosen()
{
    // Chosen plain HTTP against a TLS server does not quietly switch to https.
    TlsSettings http;
    http.mode = TlsSettings::Mode::PlainHttp;
    ListTagsJob job(client(m_set->tls(), {}, http), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QVERIFY(job.error().isError());
    // And a plain-HTTP loopback registry is reached over http when chosen.
    RegistryClient *c = client(m_set->anonymous(), {}, http);
    ListTagsJob ok(c, Fixtures::OciImage);
    QVERIFY(runJob(&ok));
    QVERIFY(!ok.error().isError());
    QCOMPARE(c->baseUrl().scheme(), QStringLiteral("http"));
}

void TestRegistryClient::tokenRealmMustBeHttpsForHttpsRegistry()
{
    // A TLS registry whose token service is plain http: credentials would
    // cross the network in clear text, so the client refuses.
    RegistryServer::Options o;
    QString error;
    o.storageDirectory = Fixtures::storageDirectory(&error);
    o.readOnly = true;
    o.tls = true;
    o.tlsCertificate = makeServerCertificate(m_set->scratch(), QStringLiteral("realm-test"));
    o.auth = RegistryServer::Auth::Token;
    o.tokenRealm = m_set->tokenServer()->realm();
    o.tokenCertPath = m_set->tlsCaFile(); // never reached
    o.tokenService = TokenServer::service();
    o.tokenIssuer = TokenServer::issuer();
    RegistryServer server(o);
    QVERIFY2(server.isRunning(), qPrintable(server.errorText()));
    TlsSettings tls;
    tls.caFiles = {o.tlsCertificate.certPath};
    ListTagsJob job(client(&server, {RegistrySet::User, RegistrySet::Password, {}}, tls), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::BadResponse);
    QVERIFY2(job.error().message.contains(QStringLiteral("not an https URL")), qPrintable(job.error().message));
    QCOMPARE(m_set->tokenServer()->issued().size(), 0);
}

void TestRegistryClient::redirectToStorageCarriesNoAuthorization()
{
    RedirectingRegistry redirecting;
    QVERIFY2(redirecting.isRunning(), qPrintable(redirecting.errorText()));
    RegistryServer &server = *redirecting.registry();
    MiniHttpServer &storageHost = *redirecting.storageHost();

    RegistryClient *c = client(&server, {RegistrySet::User, RegistrySet::Password, {}});
    const ImageReference ref = ImageReference::parse(server.hostAndPort() + QLatin1Char('/') + Fixtures::DockerImage + QStringLiteral(":2.1"));
    InspectJob job(c, ref, InspectJob::Options());
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QCOMPARE(job.result().config->dockerVersion, QStringLiteral("20.10.24"));
    const auto requests = storageHost.requests();
    QCOMPARE(requests.size(), 1); // the config blob came from storage
    QVERIFY(requests.first().url.path().contains(job.result().imageManifest->config().digest.hex()));
    QVERIFY(!requests.first().headers.contains("authorization"));
}

void TestRegistryClient::cancelFinishesOnce()
{
    auto *job = new CatalogJob(client(m_set->anonymous()), nullptr, 1);
    job->setAutoDelete(false);
    QSignalSpy finished(job, &Job::finished);
    QSignalSpy pages(job, &Job::progress);
    job->start();
    QVERIFY(pages.wait(10000));
    job->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().code, Error::Code::Cancelled);
    QTest::qWait(300);
    QCOMPARE(finished.count(), 1);
    delete job;
}

QTEST_GUILESS_MAIN(TestRegistryClient)
#include "test_registryclient.moc"
