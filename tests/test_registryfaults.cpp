// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Bad answers a healthy registry never gives, injected by a proxy in front
// of the real docker-registry: each must fail with a clear, bounded error.
#include "core/browse/inspectjob.h"
#include "core/image/mediatypes.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/listtagsjob.h"
#include "core/registry/pagedlistjob.h"
#include "core/registry/registryclient.h"
#include "faultproxy.h"
#include "fixtures.h"
#include "registryset.h"
#include "registrytestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace crossdock;
using namespace crossdock::test;
using Request = MiniHttpServer::Request;
using Response = MiniHttpServer::Response;

namespace {

bool isManifest(const Request &r) { return r.url.path().contains(QLatin1String("/manifests/")); }

void setHeader(Response &response, const QByteArray &name, const QByteArray &value)
{
    response.headers.removeIf([&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    if (!value.isNull())
        response.headers << qMakePair(name, value);
}

} // namespace

class TestRegistryFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void manifestNotMatchingItsDigestHeader();
    void manifestNotMatchingTheDigestAskedFor();
    void contentTypeContradictsMediaType();
    void manifestOverTheSizeCap();
    void hugeErrorBodyIsBounded();
    void ambiguousDocument();
    void unknownMediaTypeNamesWhere();
    void malformedTagList();
    void linkToAnotherHost();
    void linkLoop();
    void corruptConfigBlob();
    void truncatedBody();
    void missingConfigBlobNamesWhere();
    void realmWithOtherScheme();
    void serverErrorIsReadable();

private:
    Error fetchManifest(const QString &repository, const QString &reference);

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<FaultProxy> m_proxy;
    QNetworkAccessManager m_network;
    std::unique_ptr<RegistryClient> m_client;
};

void TestRegistryFaults::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestRegistryFaults::init()
{
    m_proxy = std::make_unique<FaultProxy>(m_set->anonymous()->baseUrl());
    m_client = std::make_unique<RegistryClient>(m_proxy->hostAndPort(), TlsSettings(), Credentials(), &m_network);
    // Faults here are permanent: retry them, but quickly.
    RetryPolicy quick;
    quick.baseDelayMs = 10;
    quick.maxDelayMs = 50;
    m_client->setRetryPolicy(quick);
}

void TestRegistryFaults::cleanup()
{
    m_client.reset();
    m_proxy.reset();
}

Error TestRegistryFaults::fetchManifest(const QString &repository, const QString &reference)
{
    FetchManifestJob job(m_client.get(), repository, reference);
    if (!runJob(&job))
        return Error::make(Error::Code::Server, QStringLiteral("test: job did not finish"));
    return job.error();
}

void TestRegistryFaults::manifestNotMatchingItsDigestHeader()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifest(r))
            response.body.replace("\"size\": 4096", "\"size\": 4097"); // still valid JSON
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QCOMPARE(e.code, Error::Code::BadResponse);
    QVERIFY2(e.message.contains(QStringLiteral("does not match Docker-Content-Digest")), qPrintable(e.message));
    QVERIFY(e.message.contains(m_proxy->hostAndPort() + QStringLiteral("/fixtures/oci-image:1.0")));
}

void TestRegistryFaults::manifestNotMatchingTheDigestAskedFor()
{
    FetchManifestJob good(m_client.get(), Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(runJob(&good));
    const QString digest = good.manifest().digest().toString();
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (!isManifest(r))
            return;
        response.body.replace("\"size\": 4096", "\"size\": 4097");
        setHeader(response, "Docker-Content-Digest", QByteArray());
    });
    const Error e = fetchManifest(Fixtures::OciImage, digest);
    QCOMPARE(e.code, Error::Code::BadResponse);
    QVERIFY2(e.message.contains(QStringLiteral("not the digest asked for")), qPrintable(e.message));
}

void TestRegistryFaults::contentTypeContradictsMediaType()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifest(r))
            setHeader(response, "Content-Type", MediaType::DockerManifest.toLatin1());
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QCOMPARE(e.code, Error::Code::BadResponse);
    QVERIFY2(e.message.contains(QStringLiteral("but was served as \"application/vnd.docker.distribution.manifest.v2+json\"")),
             qPrintable(e.message));
}

void TestRegistryFaults::manifestOverTheSizeCap()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifest(r))
            response.body = QByteArray(5 * 1024 * 1024, ' ') + response.body;
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QCOMPARE(e.code, Error::Code::TooLarge);
    QVERIFY2(e.message.contains(QStringLiteral("larger than the 4194304-byte manifest limit")), qPrintable(e.message));
}

void TestRegistryFaults::hugeErrorBodyIsBounded()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifest(r)) {
            response.status = 500;
            response.body = QByteArray(R"({"errors":[{"code":"UNKNOWN","message":")") + QByteArray(10 * 1024 * 1024, 'x') + "\"}]}";
        }
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QCOMPARE(e.code, Error::Code::Server);
    QVERIFY2(e.message.contains(QStringLiteral("HTTP status 500")), qPrintable(e.message));
    QVERIFY(e.message.size() < 1000);
    QVERIFY(e.detail.size() < 1000);
}

void TestRegistryFaults::ambiguousDocument()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifest(r) && r.method == "GET") {
            QJsonObject o = QJsonDocument::fromJson(response.body).object();
            o.insert(QStringLiteral("manifests"), QJsonArray());
            response.body = QJsonDocument(o).toJson();
            setHeader(response, "Docker-Content-Digest", QByteArray());
        }
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QCOMPARE(e.code, Error::Code::BadResponse);
    QVERIFY2(e.message.contains(QStringLiteral("both \"manifests\" and \"layers\"/\"config\"")), qPrintable(e.message));
}

void TestRegistryFaults::unknownMediaTypeNamesWhere()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifest(r)) {
            response.body.replace("application/vnd.oci.image.manifest.v1+json", "application/vnd.example.thing+json");
            setHeader(response, "Content-Type", "application/vnd.example.thing+json");
            setHeader(response, "Docker-Content-Digest", QByteArray());
        }
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QCOMPARE(e.code, Error::Code::BadResponse);
    QVERIFY2(e.message.contains(QStringLiteral("unknown manifest media type \"application/vnd.example.thing+json\"")), qPrintable(e.message));
    QVERIFY(e.message.contains(QStringLiteral("fixtures/oci-image:1.0")));
}

void TestRegistryFaults::malformedTagList()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (r.url.path().endsWith(QLatin1String("/tags/list")))
            response.body = R"({"name":"x","tags":"not-a-list"})";
    });
    ListTagsJob job(m_client.get(), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::BadResponse);
    QVERIFY2(job.error().message.contains(QStringLiteral("malformed tags list")), qPrintable(job.error().message));
    QVERIFY(job.error().message.contains(m_proxy->hostAndPort()));
}

void TestRegistryFaults::linkToAnotherHost()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (r.url.path().endsWith(QLatin1String("/tags/list")))
            setHeader(response, "Link", R"(<http://evil.example.com/v2/x/tags/list?last=a>; rel="next")");
    });
    ListTagsJob job(m_client.get(), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::BadResponse);
    QVERIFY2(job.error().message.contains(QStringLiteral("pointed to another server")), qPrintable(job.error().message));
    for (const Request &r : m_proxy->requests())
        QVERIFY(!r.url.toString().contains(QLatin1String("evil")));
}

void TestRegistryFaults::linkLoop()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (r.url.path().endsWith(QLatin1String("/tags/list")))
            setHeader(response, "Link", QByteArray("<") + r.url.path().toLatin1() + R"(?n=5&last=a>; rel="next")");
    });
    ListTagsJob job(m_client.get(), Fixtures::OciImage);
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::BadResponse);
    QVERIFY2(job.error().message.contains(QStringLiteral("pagination loop")), qPrintable(job.error().message));
}

void TestRegistryFaults::corruptConfigBlob()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (r.url.path().contains(QLatin1String("/blobs/")) && !response.body.isEmpty())
            response.body[response.body.size() / 2] = static_cast<char>(response.body[response.body.size() / 2] ^ 0x01);
    });
    const ImageReference ref = ImageReference::parse(m_proxy->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"));
    InspectJob job(m_client.get(), ref, InspectJob::Options());
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::BadResponse);
    QVERIFY2(job.error().message.contains(QStringLiteral("hash to")), qPrintable(job.error().message));
    QVERIFY(job.error().message.contains(QStringLiteral("blob ")));
}

void TestRegistryFaults::missingConfigBlobNamesWhere()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (r.url.path().contains(QLatin1String("/blobs/"))) {
            response.status = 404;
            response.body = R"({"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]})";
        }
    });
    const ImageReference ref = ImageReference::parse(m_proxy->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"));
    InspectJob job(m_client.get(), ref, InspectJob::Options());
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::NotFound);
    // Registry, repository and digest, so the user knows what is missing where.
    QVERIFY2(job.error().message.contains(QStringLiteral("blob sha256:")) && job.error().message.contains(m_proxy->hostAndPort() + QStringLiteral("/fixtures/oci-image")), qPrintable(job.error().message));
    QVERIFY(job.error().detail.contains(QStringLiteral("BLOB_UNKNOWN")));
}

void TestRegistryFaults::truncatedBody()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifest(r)) {
            response.announcedLength = response.body.size();
            response.body.truncate(response.body.size() / 2);
        }
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QVERIFY(e.isError()); // never a half manifest taken as whole
    QVERIFY2(e.code == Error::Code::Unreachable || e.code == Error::Code::BadResponse, qPrintable(e.message));
}

void TestRegistryFaults::realmWithOtherScheme()
{
    m_proxy->setMutation([](const Request &, Response &response) {
        response.status = 401;
        response.body = R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})";
        setHeader(response, "WWW-Authenticate", R"(Bearer realm="file:///etc/passwd",service="x")");
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QCOMPARE(e.code, Error::Code::BadResponse);
    QVERIFY2(e.message.contains(QStringLiteral("not an https URL")), qPrintable(e.message));
}

void TestRegistryFaults::serverErrorIsReadable()
{
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifest(r)) {
            response.status = 503;
            response.body = R"({"errors":[{"code":"UNAVAILABLE","message":"maintenance until noon"}]})";
        }
    });
    const Error e = fetchManifest(Fixtures::OciImage, QStringLiteral("1.0"));
    QCOMPARE(e.code, Error::Code::Server);
    QVERIFY2(e.message.contains(QStringLiteral("UNAVAILABLE: maintenance until noon")), qPrintable(e.message));
    int tries = 0;
    for (const auto &r : m_proxy->requests())
        tries += r.url.path().contains(QLatin1String("/manifests/")) ? 1 : 0;
    QCOMPARE(tries, RetryPolicy().maxAttempts); // retried, boundedly
}

QTEST_GUILESS_MAIN(TestRegistryFaults)
#include "test_registryfaults.moc"
