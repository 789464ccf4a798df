// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Transient faults, injected by a proxy in front of a real registry, are
// retried with backoff (Retry-After honoured); permanent ones are not.
#include "core/net/retrypolicy.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/transfer/transferengine.h"
#include "faultproxy.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace crossdock;
using namespace crossdock::test;
using Request = MiniHttpServer::Request;
using Response = MiniHttpServer::Response;

namespace {

bool isManifestGet(const Request &r) { return r.method == "GET" && r.url.path().contains(QLatin1String("/manifests/")); }

RetryPolicy fastPolicy(int attempts = 5)
{
    RetryPolicy p;
    p.maxAttempts = attempts;
    p.baseDelayMs = 100;
    p.idleTimeoutMs = 500;
    return p;
}

} // namespace

class TestRetries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void retryAfterParsing();
    void backoffGrowsWithJitterAndCap();
    void unavailableTwiceThenSuccess();
    void retryAfterSecondsIsHonoured();
    void retryAfterHttpDateIsHonoured();
    void attemptsAreBounded();
    void notFoundIsNotRetried();
    void stalledAnswerTimesOutAndRetries();
    void resetMidBlobResumesWithRange();
    void readOnlyRegistryFailsFast();
    void cliCopyOutlastsAWarmingUpRegistry_data();
    void cliCopyOutlastsAWarmingUpRegistry();

private:
    Error fetch();

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<RegistryClient> m_client;
    QNetworkAccessManager m_network;
};

void TestRetries::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestRetries::init()
{
    m_proxy = std::make_unique<FaultProxy>(m_set->anonymous()->baseUrl());
    m_client = std::make_unique<RegistryClient>(m_proxy->hostAndPort(), TlsSettings(), Credentials(), &m_network);
    m_client->setRetryPolicy(fastPolicy());
}

void TestRetries::cleanup()
{
    m_client.reset();
    m_proxy.reset();
}

Error TestRetries::fetch()
{
    FetchManifestJob job(m_client.get(), Fixtures::OciImage, QStringLiteral("1.0"));
    if (!runJob(&job, 60000))
        return Error::make(Error::Code::Server, QStringLiteral("test: did not finish"));
    return job.error();
}

static int manifestGets(const FaultProxy &proxy)
{
    int n = 0;
    for (const Request &r : proxy.requests())
        n += isManifestGet(r) ? 1 : 0;
    return n;
}

void TestRetries::retryAfterParsing()
{
    const QDateTime now = QDateTime::fromString(QStringLiteral("2026-11-24T10:00:00Z"), Qt::ISODate);
    QCOMPARE(RetryPolicy::parseRetryAfter("3", now), 3000);
    QCOMPARE(RetryPolicy::parseRetryAfter(" 0 ", now), 0);
    QCOMPARE(RetryPolicy::parseRetryAfter("Tue, 24 Nov 2026 10:00:07 GMT", now), 7000);
    QCOMPARE(RetryPolicy::parseRetryAfter("Tue, 24 Nov 2026 09:00:00 GMT", now), 0); // in the past: at once
    QCOMPARE(RetryPolicy::parseRetryAfter("soon", now), -1);
    QCOMPARE(RetryPolicy::parseRetryAfter("", now), -1);
    QCOMPARE(RetryPolicy::parseRetryAfter("-4", now), -1);
    RetryPolicy policy;
    QCOMPARE(policy.delayMs(1, "999999", now), policy.maxRetryAfterMs); // a server cannot park us forever
}

void TestRetries::backoffGrowsWithJitterAndCap()
{
    RetryPolicy policy;
    policy.baseDelayMs = 1000;
    policy.maxDelayMs = 10000;
    for (int i = 0; i < 50; ++i) {
        const int first = policy.delayMs(1, {});
        const int third = policy.delayMs(3, {});
        QVERIFY(first >= 1000 && first <= 1300);
        QVERIFY(third >= 4000 && third <= 5200);
        QVERIFY(policy.delayMs(10, {}) <= 10000);
    }
}

void TestRetries::unavailableTwiceThenSuccess()
{
    auto failures = std::make_shared<std::atomic<int>>(0);
    m_proxy->setMutation([failures](const Request &r, Response &response) {
        if (isManifestGet(r) && failures->fetch_add(1) < 2) {
            response.status = 503;
            response.body = R"({"errors":[{"code":"UNAVAILABLE","message":"try later"}]})";
        }
    });
    const Error e = fetch();
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QCOMPARE(manifestGets(*m_proxy), 3);
}

void TestRetries::retryAfterSecondsIsHonoured()
{
    auto failures = std::make_shared<std::atomic<int>>(0);
    m_proxy->setMutation([failures](const Request &r, Response &response) {
        if (isManifestGet(r) && failures->fetch_add(1) < 1) {
            response.status = 429;
            response.headers << qMakePair(QByteArray("Retry-After"), QByteArray("2"));
        }
    });
    QElapsedTimer timer;
    timer.start();
    const Error e = fetch();
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QVERIFY2(timer.elapsed() >= 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(manifestGets(*m_proxy), 2);
}

void TestRetries::retryAfterHttpDateIsHonoured()
{
    auto failures = std::make_shared<std::atomic<int>>(0);
    m_proxy->setMutation([failures](const Request &r, Response &response) {
        if (isManifestGet(r) && failures->fetch_add(1) < 1) {
            response.status = 503;
            const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(3);
            response.headers << qMakePair(QByteArray("Retry-After"),
                                          QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1());
        }
    });
    QElapsedTimer timer;
    timer.start();
    const Error e = fetch();
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QVERIFY2(timer.elapsed() >= 2000, qPrintable(QString::number(timer.elapsed()))); // whole seconds in the date
}

void TestRetries::attemptsAreBounded()
{
    m_client->setRetryPolicy(fastPolicy(3));
    m_proxy->setMutation([](const Request &r, Response &response) {
        if (isManifestGet(r))
            response.status = 502;
    });
    const Error e = fetch();
    QCOMPARE(e.code, Error::Code::Server);
    QVERIFY2(e.message.contains(QStringLiteral("502")), qPrintable(e.message));
    QCOMPARE(manifestGets(*m_proxy), 3);
}

void TestRetries::notFoundIsNotRetried()
{
    FetchManifestJob job(m_client.get(), Fixtures::OciImage, QStringLiteral("missing"));
    QVERIFY(runJob(&job));
    QCOMPARE(job.error().code, Error::Code::NotFound);
    QCOMPARE(manifestGets(*m_proxy), 1);
}

void TestRetries::stalledAnswerTimesOutAndRetries()
{
    auto calls = std::make_shared<std::atomic<int>>(0);
    m_proxy->setMutation([calls](const Request &r, Response &) {
        if (isManifestGet(r) && calls->fetch_add(1) == 0)
            QThread::msleep(1500); // silence far past the 500 ms idle timeout
    });
    QElapsedTimer timer;
    timer.start();
    const Error e = fetch();
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QVERIFY(timer.elapsed() >= 500);
    QVERIFY(calls->load() >= 2); // the single-threaded proxy may stall the first retry too
}

void TestRetries::resetMidBlobResumesWithRange()
{
    // An image with a 3 MiB layer, so it takes the streaming path.
    RegistryServer source{RegistryServer::Options()};
    QVERIFY2(source.isRunning(), qPrintable(source.errorText()));
    RawRegistry raw(source.baseUrl());
    const QString layerDigest = raw.pushSingleLayerImage(QStringLiteral("big/app"), QStringLiteral("1"), 3 * 1024 * 1024);
    QVERIFY2(!layerDigest.isEmpty(), qPrintable(raw.error()));

    FaultProxy proxy(source.baseUrl());
    auto broken = std::make_shared<std::atomic<int>>(0);
    proxy.setMutation([broken, layerDigest](const Request &r, Response &response) {
        if (r.method == "GET" && r.url.path().endsWith(layerDigest) && broken->fetch_add(1) == 0) {
            response.announcedLength = response.body.size();
            response.body.truncate(response.body.size() / 3); // connection drops mid-blob
        }
    });
    RegistryServer destination{RegistryServer::Options()};
    QVERIFY(destination.isRunning());
    TransferEngine::Limits limits;
    limits.blobLocationCache.clear();
    TransferEngine engine(limits, nullptr);
    CopyRequest request;
    request.source = ImageReference::parse(proxy.hostAndPort() + QStringLiteral("/big/app:1"));
    request.destination = ImageReference::parse(destination.hostAndPort() + QStringLiteral("/big/copy:1"));
    request.retry = fastPolicy();
    std::unique_ptr<CopyJob> job(engine.copy(request));
    QVERIFY(runJob(job.get(), 60000));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    QCOMPARE(broken->load(), 2); // one more GET after the reset...
    QCOMPARE(job->result().blobsStreamed, 2);
    QByteArray range;
    for (const Request &r : proxy.requests())
        if (r.url.path().endsWith(layerDigest))
            range = r.headers.value("range");
    QVERIFY2(range.startsWith("bytes=") && range != "bytes=0-", range.constData()); // ...for the rest only: resumed
    RawRegistry check(destination.baseUrl());
    QCOMPARE(check.request("HEAD", QStringLiteral("/v2/big/copy/blobs/") + layerDigest).status, 200);
}

void TestRetries::readOnlyRegistryFailsFast()
{
    RegistryServer::Options o;
    o.readOnly = true;
    RegistryServer readOnly(o);
    QVERIFY2(readOnly.isRunning(), qPrintable(readOnly.errorText()));
    TransferEngine::Limits limits;
    limits.blobLocationCache.clear();
    TransferEngine engine(limits, nullptr);
    CopyRequest request;
    request.source = ImageReference::parse(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"));
    request.destination = ImageReference::parse(readOnly.hostAndPort() + QStringLiteral("/ro/app:1.0"));
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<CopyJob> job(engine.copy(request));
    QVERIFY(runJob(job.get()));
    QVERIFY(job->error().isError());
    QVERIFY2(job->error().message.contains(QStringLiteral("does not allow this operation (405; is it read-only")),
        qPrintable(job->error().message));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed()))); // no retry storm
}

void TestRetries::cliCopyOutlastsAWarmingUpRegistry_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::newRow("503 twice, the ping included") << 2 << 503 << QByteArray();
    QTest::newRow("429 with Retry-After: 2 on the ping") << 1 << 429 << QByteArray("2");
}

// As a user sees it (the CLI, default retry policy): a registry behind a
// load balancer that is still warming up, or rate-limiting, answers the
// very first requests - the /v2/ ping among them - with 503 or 429; the
// copy waits as asked and completes.
void TestRetries::cliCopyOutlastsAWarmingUpRegistry()
{
    QFETCH(int, failures);
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    auto seen = std::make_shared<std::atomic<int>>(0);
    m_proxy->setInterceptor([=](const Request &, Response &response) {
        if (seen->fetch_add(1) >= failures)
            return false;
        response.status = status;
        if (!retryAfter.isEmpty())
            response.headers << qMakePair(QByteArray("Retry-After"), retryAfter);
        response.body = R"({"errors":[{"code":"UNAVAILABLE","message":"warming up"}]})";
        return true;
    });
    RegistryServer destination{RegistryServer::Options()};
    QVERIFY2(destination.isRunning(), qPrintable(destination.errorText()));
    QElapsedTimer timer;
    timer.start();
    const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("-q"),
        QStringLiteral("docker://%1/%2:1.0").arg(m_proxy->hostAndPort(), Fixtures::OciImage),
        QStringLiteral("docker://%1/warm/app:%2").arg(destination.hostAndPort()).arg(status)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(m_proxy->requests().first().url.path() == QLatin1String("/v2/"));
    if (!retryAfter.isEmpty())
        QVERIFY2(timer.elapsed() >= 2000, qPrintable(QString::number(timer.elapsed())));
    const ProcessResult copied = runSkopeo({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--raw"),
        QStringLiteral("docker://%1/warm/app:%2").arg(destination.hostAndPort()).arg(status)});
    QVERIFY2(copied.exitCode == 0, copied.err.constData());
}

QTEST_GUILESS_MAIN(TestRetries)
#include "test_retries.moc"
