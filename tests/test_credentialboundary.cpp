// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Where credentials may go (CredentialBoundary), tried as an attacker would:
// logging helper servers and fault proxies in front of real registries send
// the client to plain http on the same host and port, to other hosts for
// uploads, and through token-service redirects. No request carrying
// Authorization may reach another scheme, host or port; a refused hop fails
// the operation with a message naming both URLs.
#include "certificates.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/transfer/copyimagejob.h"
#include "core/transfer/streamlimiter.h"
#include "core/transports/docker/dockerimagereader.h"
#include "core/transports/docker/dockerimagewriter.h"
#include "core/transports/oci/ociimagereader.h"
#include "core/transports/oci/ociimagewriter.h"
#include "faultproxy.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace crossdock;
using namespace crossdock::test;
using Hop = CredentialBoundary::Hop;
using Request = MiniHttpServer::Request;
using Response = MiniHttpServer::Response;

Q_DECLARE_METATYPE(CredentialBoundary::Hop)

namespace {

const QString Repository = QStringLiteral("app/web");
const QString Tag = QStringLiteral("1.0");
// Over BlobTransferJob's small-blob limit: the layer takes the streaming path.
constexpr qint64 LayerSize = 2 * 1024 * 1024 + 17;

QByteArray basicFor(const QString &user, const QString &password)
{
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

void setHeader(Response &response, const QByteArray &name, const QByteArray &value)
{
    response.headers.removeIf([&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    response.headers << qMakePair(name, value);
}

QByteArray header(const Response &response, const QByteArray &name)
{
    for (const auto &h : response.headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

bool isUploadStart(const Request &r)
{
    return r.method == "POST" && r.url.path().endsWith(QLatin1String("/blobs/uploads/"));
}

// Requests a helper saw that carried credentials of any kind.
QList<Request> withAuthorization(const QList<Request> &requests)
{
    QList<Request> found;
    for (const Request &r : requests)
        if (r.headers.contains("authorization"))
            found << r;
    return found;
}

QList<Request> inPlainText(const QList<Request> &requests)
{
    QList<Request> found;
    for (const Request &r : requests)
        if (!r.secure)
            found << r;
    return found;
}

} // namespace

class TestCredentialBoundary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void rules_data();
    void rules();
    void authorizationOnlyForTheOrigin();
    void requestsAreBuiltWithinTheBoundary();

    void blobRedirectDowngradeIsRefused_data();
    void blobRedirectDowngradeIsRefused();
    void uploadLocationDowngradeIsRefused_data();
    void uploadLocationDowngradeIsRefused();
    void uploadToAnotherHostOverHttpIsRefused_data() { uploadLocationDowngradeIsRefused_data(); }
    void uploadToAnotherHostOverHttpIsRefused();
    void uploadToAnotherHostOverHttpsGoesWithoutCredentials_data() { uploadLocationDowngradeIsRefused_data(); }
    void uploadToAnotherHostOverHttpsGoesWithoutCredentials();
    void retriesAfterARedirectCarryNoCredentials();
    void tokenRedirectToAnotherHostIsRefused();
    void tokenRedirectWithinTheRealmIsFollowed();
    void cliNamesTheRefusedUrl();

private:
    std::unique_ptr<RegistryClient> client(const QString &hostAndPort, const Credentials &credentials = {});
    Credentials alice() const { return {RegistrySet::User, RegistrySet::Password, {}}; }
    // Copies app/web:1.0 from `source` to `destination` (clients given),
    // registry to registry or, with fromLayout, through an OCI layout.
    Error copy(RegistryClient *source, RegistryClient *destination, bool fromLayout = false);
    Error copy(ImageReader *source, ImageWriter *destination);
    bool destinationHasTag();

    QTemporaryDir m_dir;
    Certificate m_cert;
    std::unique_ptr<RegistryServer> m_source;      // htpasswd, holds app/web:1.0
    std::unique_ptr<RegistryServer> m_destination; // htpasswd, fresh per test
    QNetworkAccessManager m_network;
    StreamLimiter m_limiter;
};

void TestCredentialBoundary::initTestCase()
{
    m_cert = makeServerCertificate(m_dir.path(), QStringLiteral("helpers"));
    QVERIFY(m_cert.ok);
    RegistryServer::Options options;
    options.auth = RegistryServer::Auth::Htpasswd;
    options.users = {{RegistrySet::User, RegistrySet::Password}};
    m_source = std::make_unique<RegistryServer>(options);
    QVERIFY2(m_source->isRunning(), qPrintable(m_source->errorText()));
    RawRegistry raw(m_source->baseUrl(), basicFor(RegistrySet::User, RegistrySet::Password));
    QVERIFY2(!raw.pushSingleLayerImage(Repository, Tag, LayerSize).isEmpty(), qPrintable(raw.error()));
}

void TestCredentialBoundary::init()
{
    RegistryServer::Options options;
    options.auth = RegistryServer::Auth::Htpasswd;
    options.users = {{RegistrySet::User, RegistrySet::Password}};
    m_destination = std::make_unique<RegistryServer>(options);
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
}

void TestCredentialBoundary::cleanup()
{
    m_destination.reset();
}

std::unique_ptr<RegistryClient> TestCredentialBoundary::client(const QString &hostAndPort, const Credentials &credentials)
{
    TlsSettings tls;
    tls.caFiles = {m_cert.certPath}; // the helpers' certificate, for https helpers
    auto result = std::make_unique<RegistryClient>(hostAndPort, tls, credentials, &m_network);
    RetryPolicy quick;
    quick.baseDelayMs = 10;
    quick.maxDelayMs = 50;
    result->setRetryPolicy(quick);
    return result;
}

Error TestCredentialBoundary::copy(ImageReader *source, ImageWriter *destination)
{
    CopyImageJob job(source, destination, CopyOptions(), &m_limiter);
    if (!runJob(&job))
        return Error::make(Error::Code::Server, QStringLiteral("test: the copy did not finish"));
    return job.error();
}

Error TestCredentialBoundary::copy(RegistryClient *source, RegistryClient *destination, bool fromLayout)
{
    const ImageReference from
        = ImageReference::parse(source->host() + QLatin1Char('/') + Repository + QLatin1Char(':') + Tag);
    const ImageReference to
        = ImageReference::parse(destination->host() + QLatin1Char('/') + Repository + QLatin1Char(':') + Tag);
    DockerImageWriter registry(destination, to, nullptr);
    if (fromLayout) {
        QTemporaryDir layout;
        DockerImageReader pullFrom(source, from);
        QString error;
        const auto intoLayout = OciImageWriter::open(layout.path(), Tag, OciImageWriter::Manifests::OciOnly, &error);
        const Error pulled = copy(&pullFrom, intoLayout.get());
        if (pulled.isError())
            return Error::make(Error::Code::Server, QStringLiteral("test: the pull failed: ") + pulled.message);
        OciImageReader pushFrom(layout.path(), Tag);
        return copy(&pushFrom, &registry);
    }
    DockerImageReader reader(source, from);
    return copy(&reader, &registry);
}

bool TestCredentialBoundary::destinationHasTag()
{
    RawRegistry raw(m_destination->baseUrl(), basicFor(RegistrySet::User, RegistrySet::Password));
    return raw.request("HEAD", QStringLiteral("/v2/%1/manifests/%2").arg(Repository, Tag), {},
                  {{"Accept", "application/vnd.oci.image.manifest.v1+json"}})
               .status
        == 200;
}

void TestCredentialBoundary::rules_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<Hop>("hop");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("follow");
    QTest::addColumn<bool>("withCredentials");

    const QString https = QStringLiteral("https://r.example:5000/v2/x/blobs/sha256:1");
    QTest::newRow("same origin") << https << Hop::Redirect << QStringLiteral("https://r.example:5000/other") << true << true;
    QTest::newRow("host is case-insensitive") << https << Hop::Redirect << QStringLiteral("https://R.Example:5000/o") << true << true;
    QTest::newRow("default port written out") << QStringLiteral("https://r.example/v2/") << Hop::Redirect
                                              << QStringLiteral("https://r.example:443/o") << true << true;
    QTest::newRow("https to http, same host and port") << https << Hop::Redirect
                                                       << QStringLiteral("http://r.example:5000/v2/x") << false << false;
    QTest::newRow("https to http upload, same host") << https << Hop::UploadLocation
                                                     << QStringLiteral("http://r.example:5000/u") << false << false;
    QTest::newRow("redirect to a storage host") << https << Hop::Redirect << QStringLiteral("https://s3.example/b?sig=1")
                                                << true << false;
    QTest::newRow("redirect to another port") << https << Hop::Redirect << QStringLiteral("https://r.example:5001/b")
                                              << true << false;
    QTest::newRow("plain registry to a plain storage host") << QStringLiteral("http://127.0.0.1:5000/v2/")
                                                            << Hop::Redirect << QStringLiteral("http://localhost:9/b")
                                                            << true << false;
    QTest::newRow("plain registry to https") << QStringLiteral("http://127.0.0.1:5000/v2/") << Hop::Redirect
                                             << QStringLiteral("https://127.0.0.1:5000/b") << true << false;
    QTest::newRow("upload to another host over https") << https << Hop::UploadLocation
                                                       << QStringLiteral("https://storage.example/u") << true << false;
    QTest::newRow("upload to another host over http") << QStringLiteral("http://127.0.0.1:5000/v2/")
                                                      << Hop::UploadLocation << QStringLiteral("http://evil.example/u")
                                                      << false << false;
    QTest::newRow("upload on the registry") << https << Hop::UploadLocation
                                            << QStringLiteral("https://r.example:5000/v2/x/blobs/uploads/1") << true
                                            << true;
    QTest::newRow("next page elsewhere") << https << Hop::PageLink << QStringLiteral("https://evil.example/v2/x")
                                         << false << false;
    QTest::newRow("token redirect elsewhere") << QStringLiteral("https://auth.example/token") << Hop::TokenRedirect
                                              << QStringLiteral("https://third.example/token") << false << false;
    QTest::newRow("token redirect within the realm") << QStringLiteral("https://auth.example/token")
                                                     << Hop::TokenRedirect
                                                     << QStringLiteral("https://auth.example/v2/token") << true << true;
    QTest::newRow("file scheme") << https << Hop::Redirect << QStringLiteral("file:///etc/passwd") << false << false;
    QTest::newRow("ftp scheme") << https << Hop::Redirect << QStringLiteral("ftp://r.example:5000/x") << false << false;
}

void TestCredentialBoundary::rules()
{
    QFETCH(QString, origin);
    QFETCH(Hop, hop);
    QFETCH(QString, to);
    QFETCH(bool, follow);
    QFETCH(bool, withCredentials);
    const CredentialBoundary boundary{QUrl(origin)};
    const auto decision = boundary.judge(hop, QUrl(origin), QUrl(to));
    QCOMPARE(decision.follow, follow);
    QCOMPARE(decision.withCredentials, withCredentials);
    if (!follow) {
        // Both URLs named, without query strings (pre-signed grants live there).
        QVERIFY2(decision.refusal.contains(QUrl(origin).toString(QUrl::RemoveQuery)), qPrintable(decision.refusal));
        QVERIFY2(decision.refusal.contains(QUrl(to).toString(QUrl::RemoveQuery)), qPrintable(decision.refusal));
    }
}

void TestCredentialBoundary::authorizationOnlyForTheOrigin()
{
    const CredentialBoundary boundary{QUrl(QStringLiteral("https://r.example:5000/v2/"))};
    const QByteArray secret = "Basic c2VjcmV0";
    QCOMPARE(boundary.authorizationFor(QUrl(QStringLiteral("https://r.example:5000/v2/x")), secret), secret);
    QVERIFY(boundary.authorizationFor(QUrl(QStringLiteral("http://r.example:5000/v2/x")), secret).isEmpty());
    QVERIFY(boundary.authorizationFor(QUrl(QStringLiteral("https://r.example:5001/v2/x")), secret).isEmpty());
    QVERIFY(boundary.authorizationFor(QUrl(QStringLiteral("https://evil.example:5000/v2/x")), secret).isEmpty());
    QVERIFY(CredentialBoundary().authorizationFor(QUrl(QStringLiteral("https://r.example:5000/")), secret).isEmpty());
}

void TestCredentialBoundary::requestsAreBuiltWithinTheBoundary()
{
    // The one builder every request path uses drops credentials for any
    // other origin, whatever its caller passes.
    auto registry = client(m_source->hostAndPort(), alice());
    bool pinged = false;
    registry->ensureReady(this, [&](const Error &error) {
        QVERIFY2(!error.isError(), qPrintable(error.message));
        pinged = true;
    });
    QTRY_VERIFY(pinged);
    const QByteArray secret = basicFor(RegistrySet::User, RegistrySet::Password);
    QCOMPARE(registry->newRequest(registry->urlFor(QStringLiteral("/v2/")), secret).rawHeader("Authorization"), secret);
    QUrl elsewhere = registry->baseUrl();
    elsewhere.setPort(elsewhere.port() + 1);
    QVERIFY(!registry->newRequest(elsewhere, secret).hasRawHeader("Authorization"));
    QUrl upgraded = registry->baseUrl();
    upgraded.setScheme(QStringLiteral("https"));
    QVERIFY(!registry->newRequest(upgraded, secret).hasRawHeader("Authorization"));
}

void TestCredentialBoundary::blobRedirectDowngradeIsRefused_data()
{
    QTest::addColumn<bool>("intoLayout");
    QTest::newRow("registry to registry") << false;
    QTest::newRow("registry to layout") << true;
}

void TestCredentialBoundary::blobRedirectDowngradeIsRefused()
{
    // A TLS-terminating proxy that writes http:// Locations for blobs.
    QFETCH(bool, intoLayout);
    FaultProxy proxy(m_source->baseUrl(), {m_cert.certPath, m_cert.keyPath});
    const QString plainSelf = QStringLiteral("http://") + proxy.hostAndPort();
    proxy.setMutation([plainSelf](const Request &r, Response &response) {
        if (r.method == "GET" && r.url.path().contains(QLatin1String("/blobs/"))) {
            response.status = 307;
            response.body.clear();
            setHeader(response, "Location", (plainSelf + r.url.path()).toLatin1());
        }
    });
    auto source = client(proxy.hostAndPort(), alice());
    Error error;
    QTemporaryDir layout;
    if (intoLayout) {
        DockerImageReader reader(
            source.get(), ImageReference::parse(proxy.hostAndPort() + QLatin1Char('/') + Repository + QLatin1Char(':') + Tag));
        QString why;
        const auto writer = OciImageWriter::open(layout.path(), Tag, OciImageWriter::Manifests::OciOnly, &why);
        QVERIFY2(writer, qPrintable(why));
        error = copy(&reader, writer.get());
    } else {
        auto destination = client(m_destination->hostAndPort(), alice());
        error = copy(source.get(), destination.get());
        QVERIFY(!destinationHasTag());
    }
    QCOMPARE(error.code, Error::Code::BadResponse);
    QVERIFY2(error.message.contains(QStringLiteral("downgrade from https to plain http")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("https://") + proxy.hostAndPort() + QStringLiteral("/v2/")),
        qPrintable(error.message));
    QVERIFY2(error.message.contains(plainSelf + QStringLiteral("/v2/")), qPrintable(error.message));
    QVERIFY(!proxy.requests().isEmpty());
    QCOMPARE(inPlainText(proxy.requests()).size(), 0); // not one byte in the clear
}

void TestCredentialBoundary::uploadLocationDowngradeIsRefused_data()
{
    QTest::addColumn<bool>("fromLayout");
    QTest::newRow("registry to registry") << false;
    QTest::newRow("layout to registry") << true;
}

void TestCredentialBoundary::uploadLocationDowngradeIsRefused()
{
    QFETCH(bool, fromLayout);
    FaultProxy proxy(m_destination->baseUrl(), {m_cert.certPath, m_cert.keyPath});
    proxy.setMutation([](const Request &r, Response &response) {
        if (isUploadStart(r) && response.status == 202)
            setHeader(response, "Location", header(response, "Location").replace("https://", "http://"));
    });
    auto source = client(m_source->hostAndPort(), alice());
    auto destination = client(proxy.hostAndPort(), alice());
    const Error error = copy(source.get(), destination.get(), fromLayout);
    QCOMPARE(error.code, Error::Code::BadResponse);
    QVERIFY2(error.message.contains(QStringLiteral("downgrade from https to plain http")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("http://") + proxy.hostAndPort() + QStringLiteral("/v2/")),
        qPrintable(error.message));
    QCOMPARE(inPlainText(proxy.requests()).size(), 0);
    for (const Request &r : proxy.requests())
        QVERIFY2(r.method != "PUT" && r.method != "PATCH", r.url.toEncoded().constData()); // no blob data sent
    QVERIFY(!destinationHasTag());
}

void TestCredentialBoundary::uploadToAnotherHostOverHttpIsRefused()
{
    QFETCH(bool, fromLayout);
    MiniHttpServer collector([](const Request &) { return Response{201, {}, {}}; });
    FaultProxy proxy(m_destination->baseUrl());
    const QByteArray elsewhere = collector.baseUrl(QStringLiteral("localhost")).toLatin1() + "/collect";
    proxy.setMutation([elsewhere](const Request &r, Response &response) {
        if (isUploadStart(r) && response.status == 202)
            setHeader(response, "Location", elsewhere);
    });
    auto source = client(m_source->hostAndPort(), alice());
    auto destination = client(proxy.hostAndPort(), alice());
    const Error error = copy(source.get(), destination.get(), fromLayout);
    QCOMPARE(error.code, Error::Code::BadResponse);
    QVERIFY2(error.message.contains(QString::fromLatin1(elsewhere)), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("over plain http")), qPrintable(error.message));
    QCOMPARE(collector.requests().size(), 0); // neither credentials nor the image
    QVERIFY(!destinationHasTag());
}

void TestCredentialBoundary::uploadToAnotherHostOverHttpsGoesWithoutCredentials()
{
    // A storage backend on another host: the registry hands out an https
    // upload URL that carries its own grant. Modelled by a TLS proxy on
    // "localhost" that adds the grant itself before forwarding.
    QFETCH(bool, fromLayout);
    FaultProxy storage(m_destination->baseUrl(), {m_cert.certPath, m_cert.keyPath});
    const QByteArray grant = basicFor(RegistrySet::User, RegistrySet::Password);
    storage.setRequestRewrite([grant](Request &r) { r.headers.insert("authorization", grant); });
    FaultProxy proxy(m_destination->baseUrl());
    const QString storageBase = storage.baseUrl().replace(QStringLiteral("127.0.0.1"), QStringLiteral("localhost"));
    const QString registryBase = proxy.baseUrl();
    proxy.setMutation([storageBase, registryBase](const Request &r, Response &response) {
        if (isUploadStart(r) && response.status == 202)
            setHeader(response, "Location", header(response, "Location").replace(registryBase.toLatin1(), storageBase.toLatin1()));
    });
    auto source = client(m_source->hostAndPort(), alice());
    auto destination = client(proxy.hostAndPort(), alice());
    const Error error = copy(source.get(), destination.get(), fromLayout);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QVERIFY(destinationHasTag());

    const QList<Request> seen = storage.requests();
    qint64 bytes = 0;
    for (const Request &r : seen)
        bytes += r.body.size();
    QVERIFY2(bytes >= LayerSize, qPrintable(QString::number(bytes))); // the layer went to storage
    QCOMPARE(withAuthorization(seen).size(), 0);                       // without our credentials
    QCOMPARE(inPlainText(seen).size(), 0);
}

void TestCredentialBoundary::retriesAfterARedirectCarryNoCredentials()
{
    // A manifest GET redirected to another host that fails three times:
    // each retry goes there again, never with the registry's credentials.
    FaultProxy flaky(m_source->baseUrl());
    const QByteArray grant = basicFor(RegistrySet::User, RegistrySet::Password);
    auto failures = std::make_shared<QAtomicInt>(0);
    flaky.setInterceptor([failures](const Request &, Response &response) {
        if (failures->fetchAndAddOrdered(1) >= 3)
            return false;
        response.status = 503;
        return true;
    });
    flaky.setRequestRewrite([grant](Request &r) { r.headers.insert("authorization", grant); });
    FaultProxy proxy(m_source->baseUrl());
    const QString elsewhere = flaky.baseUrl(QStringLiteral("localhost"));
    proxy.setMutation([elsewhere](const Request &r, Response &response) {
        if (r.method == "GET" && r.url.path().contains(QLatin1String("/manifests/"))) {
            response.status = 307;
            response.body.clear();
            setHeader(response, "Location", (elsewhere + r.url.path()).toLatin1());
        }
    });
    auto source = client(proxy.hostAndPort(), alice());
    FetchManifestJob job(source.get(), Repository, Tag);
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QVERIFY2(flaky.requests().size() >= 4, qPrintable(QString::number(flaky.requests().size())));
    QCOMPARE(withAuthorization(flaky.requests()).size(), 0);
    QVERIFY(!withAuthorization(proxy.requests()).isEmpty()); // the registry itself did get them
}

void TestCredentialBoundary::tokenRedirectToAnotherHostIsRefused()
{
    RegistrySet set(RegistrySet::Token);
    QVERIFY2(set.ok(), qPrintable(set.error()));
    MiniHttpServer third([](const Request &) { return Response{200, {}, R"({"token":"stolen"})"}; });
    const QByteArray thirdUrl = third.baseUrl(QStringLiteral("localhost")).toLatin1() + "/token";
    MiniHttpServer realm([thirdUrl](const Request &r) {
        return Response{307, {{"Location", thirdUrl + '?' + r.url.query(QUrl::FullyEncoded).toLatin1()}}, {}};
    });
    FaultProxy proxy(set.token()->baseUrl());
    const QByteArray realmUrl = realm.baseUrl().toLatin1() + "/token";
    proxy.setMutation([realmUrl](const Request &, Response &response) {
        if (response.status == 401)
            setHeader(response, "WWW-Authenticate",
                "Bearer realm=\"" + realmUrl + "\",service=\"" + TokenServer::service().toLatin1() + '"');
    });
    auto registry = client(proxy.hostAndPort(), alice());
    FetchManifestJob job(registry.get(), Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::BadResponse);
    QVERIFY2(job.error().message.contains(QStringLiteral("redirected to another server")), qPrintable(job.error().message));
    QVERIFY2(job.error().message.contains(QString::fromLatin1(thirdUrl)), qPrintable(job.error().message));
    QVERIFY(!realm.requests().isEmpty());
    QCOMPARE(third.requests().size(), 0);
}

void TestCredentialBoundary::tokenRedirectWithinTheRealmIsFollowed()
{
    RegistrySet set(RegistrySet::Token);
    QVERIFY2(set.ok(), qPrintable(set.error()));
    // The realm answers /hop with a redirect to its own /token.
    const QUrl tokenRealm(set.tokenServer()->realm());
    FaultProxy realm(QStringLiteral("http://") + tokenRealm.authority());
    realm.setInterceptor([](const Request &r, Response &response) {
        if (r.url.path() != QLatin1String("/hop"))
            return false;
        response.status = 307;
        setHeader(response, "Location", "/token?" + r.url.query(QUrl::FullyEncoded).toLatin1());
        return true;
    });
    FaultProxy proxy(set.token()->baseUrl());
    const QByteArray realmUrl = realm.baseUrl().toLatin1() + "/hop";
    proxy.setMutation([realmUrl](const Request &, Response &response) {
        if (response.status == 401)
            setHeader(response, "WWW-Authenticate",
                "Bearer realm=\"" + realmUrl + "\",service=\"" + TokenServer::service().toLatin1() + '"');
    });
    auto registry = client(proxy.hostAndPort(), alice());
    FetchManifestJob job(registry.get(), Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&job));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    bool followedWithCredentials = false;
    for (const Request &r : realm.requests())
        followedWithCredentials |= r.url.path() == QLatin1String("/token") && r.headers.contains("authorization");
    QVERIFY(followedWithCredentials);
    QVERIFY(!set.tokenServer()->issued().isEmpty());
    QCOMPARE(set.tokenServer()->issued().last().account, RegistrySet::User);
}

void TestCredentialBoundary::cliNamesTheRefusedUrl()
{
    FaultProxy proxy(m_source->baseUrl(), {m_cert.certPath, m_cert.keyPath});
    const QString plainSelf = QStringLiteral("http://") + proxy.hostAndPort();
    proxy.setMutation([plainSelf](const Request &r, Response &response) {
        if (r.method == "GET" && r.url.path().contains(QLatin1String("/blobs/"))) {
            response.status = 307;
            response.body.clear();
            setHeader(response, "Location", (plainSelf + r.url.path()).toLatin1());
        }
    });
    QTemporaryDir scratch;
    QDir().mkpath(scratch.filePath(QStringLiteral("certs")));
    QFile::copy(m_cert.certPath, scratch.filePath(QStringLiteral("certs/ca.crt")));
    const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--src-cert-dir"),
                                       scratch.filePath(QStringLiteral("certs")), QStringLiteral("--src-username"),
                                       RegistrySet::User, QStringLiteral("--src-password-stdin"),
                                       QStringLiteral("docker://") + proxy.hostAndPort() + QLatin1Char('/') + Repository
                                           + QLatin1Char(':') + Tag,
                                       QStringLiteral("oci:") + scratch.filePath(QStringLiteral("layout")) + QStringLiteral(":x")},
        RegistrySet::Password.toUtf8() + '\n');
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("downgrade from https to plain http"), r.err.constData());
    QVERIFY2(r.err.contains(QByteArray(plainSelf.toUtf8() + "/v2/")), r.err.constData());
    QVERIFY2(!r.err.contains(RegistrySet::Password.toUtf8()), r.err.constData());
    QCOMPARE(inPlainText(proxy.requests()).size(), 0);
}

QTEST_GUILESS_MAIN(TestCredentialBoundary)
#include "test_credentialboundary.moc"
