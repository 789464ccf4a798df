// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The copy engine against real registries: every fixture kind, the cheapest
// path per blob, and a copy that fails or is cancelled never tags anything.
#include "core/transfer/transferengine.h"
#include "faultproxy.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "redirectingregistry.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QProcess>
#include <QThread>

#include <csignal>

using namespace crossdock;
using namespace crossdock::test;

class TestCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void everyKindKeepsItsDigest_data();
    void everyKindKeepsItsDigest();
    void sameRegistryMountsEverything();
    void presentBlobsAreSkipped();
    void systemPlatformOnly();
    void indexOnly();
    void platformSubsetWritesNewIndex();
    void platformSubsetMissingPlatform();
    void knownLocationsAreMountedAcrossRuns();
    void chunkedUploadWhenMonolithicIsRefused();
    void authenticatedDestination();
    void corruptedByteFailsWithoutTag();
    void cancelledCopyLeavesNoTagNorSession();
    void cancelWhileSessionsOpenDeletesThemToo();
    void redirectedBlobsCarryNoAuthorization();
    void progressIsCoalesced();
    void missingSourceIsNotFound();
    void cliCopy();
    void cliInterruptCancelsCleanly();
    void cliTerminalShowsLiveBars();
    void cliCopyBadInput_data();
    void cliCopyBadInput();

private:
    CopyJob *copy(const QString &source, const QString &destination, const CopyOptions &options = {},
                  const Credentials &destinationCredentials = {});
    QByteArray rawManifest(const QString &reference, const QStringList &flags = {QStringLiteral("--tls-verify=false")});
    bool hasTag(RegistryServer *server, const QString &repository, const QString &tag);

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<RegistryServer> m_destination; // fresh and writable for every test
    std::unique_ptr<TransferEngine> m_engine;
};

void TestCopy::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
    TransferEngine::Limits limits;
    limits.blobLocationCache.clear(); // memory only: tests never touch the user's cache
    m_engine = std::make_unique<TransferEngine>(limits, nullptr);
}

void TestCopy::init()
{
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
}

CopyJob *TestCopy::copy(const QString &source, const QString &destination, const CopyOptions &options,
                        const Credentials &destinationCredentials)
{
    CopyRequest request;
    request.source = ImageReference::parse(source);
    request.destination = ImageReference::parse(destination);
    request.destinationCredentials = destinationCredentials;
    request.options = options;
    return m_engine->copy(request);
}

QByteArray TestCopy::rawManifest(const QString &reference, const QStringList &flags)
{
    // skopeo as the oracle for what a registry holds.
    const ProcessResult r = runSkopeo(QStringList{QStringLiteral("inspect"), QStringLiteral("--raw")} + flags
                                      + QStringList{QStringLiteral("docker://") + reference});
    return r.exitCode == 0 ? r.out : QByteArray();
}

bool TestCopy::hasTag(RegistryServer *server, const QString &repository, const QString &tag)
{
    RawRegistry raw(server->baseUrl());
    return raw.request("HEAD", QStringLiteral("/v2/%1/manifests/%2").arg(repository, tag), {},
                       {{"Accept", "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
                                   "application/vnd.docker.distribution.manifest.v2+json, "
                                   "application/vnd.docker.distribution.manifest.list.v2+json"}})
               .status
        == 200;
}

void TestCopy::everyKindKeepsItsDigest_data()
{
    QTest::addColumn<QString>("image");
    QTest::newRow("oci image") << Fixtures::OciImage + QStringLiteral(":1.0");
    QTest::newRow("docker v2s2") << Fixtures::DockerImage + QStringLiteral(":2.1");
    QTest::newRow("oci index") << Fixtures::OciIndex + QStringLiteral(":multi");
    QTest::newRow("docker manifest list") << Fixtures::DockerList + QStringLiteral(":v1");
    QTest::newRow("nested namespace") << Fixtures::Nested + QStringLiteral(":nested");
}

void TestCopy::everyKindKeepsItsDigest()
{
    QFETCH(QString, image);
    const QString source = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + image;
    const QString destination = m_destination->hostAndPort() + QStringLiteral("/copied/") + image;
    std::unique_ptr<CopyJob> job(copy(source, destination));
    QVERIFY(runJob(job.get()));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    const QByteArray original = rawManifest(source);
    QVERIFY(!original.isEmpty());
    QCOMPARE(rawManifest(destination), original); // bytes, hence digest, unchanged
    QCOMPARE(job->result().digest, Digest::sha256Of(original));
    QVERIFY(job->result().blobsStreamed > 0);
    QCOMPARE(job->result().blobsMounted + job->result().blobsSkipped, 0);
}

void TestCopy::sameRegistryMountsEverything()
{
    const QString first = m_destination->hostAndPort() + QStringLiteral("/team/app:1");
    std::unique_ptr<CopyJob> seed(copy(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi"), first));
    QVERIFY(runJob(seed.get()));
    QVERIFY(!seed->error().isError());
    std::unique_ptr<CopyJob> promote(copy(first, m_destination->hostAndPort() + QStringLiteral("/prod/app:1")));
    QVERIFY(runJob(promote.get()));
    QVERIFY2(!promote->error().isError(), qPrintable(promote->error().message));
    QCOMPARE(promote->result().bytesStreamed, 0);
    QCOMPARE(promote->result().blobsStreamed, 0);
    QCOMPARE(promote->result().blobsMounted, seed->result().blobsStreamed);
    QCOMPARE(rawManifest(m_destination->hostAndPort() + QStringLiteral("/prod/app:1")), rawManifest(first));
}

void TestCopy::presentBlobsAreSkipped()
{
    const QString source = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::DockerList + QStringLiteral(":v1");
    const QString destination = m_destination->hostAndPort() + QStringLiteral("/mirror/list:v1");
    std::unique_ptr<CopyJob> first(copy(source, destination));
    QVERIFY(runJob(first.get()));
    std::unique_ptr<CopyJob> again(copy(source, m_destination->hostAndPort() + QStringLiteral("/mirror/list:again")));
    QVERIFY(runJob(again.get()));
    QVERIFY2(!again->error().isError(), qPrintable(again->error().message));
    QCOMPARE(again->result().bytesStreamed, 0);
    QCOMPARE(again->result().blobsSkipped, first->result().blobsStreamed);
}

void TestCopy::systemPlatformOnly()
{
    CopyOptions options;
    options.multiArch = CopyOptions::MultiArch::System;
    options.platform = Platform{QStringLiteral("linux"), QStringLiteral("arm"), QStringLiteral("v7"), {}};
    const QString destination = m_destination->hostAndPort() + QStringLiteral("/single/arm:v7");
    std::unique_ptr<CopyJob> job(copy(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi"),
                                      destination, options));
    QVERIFY(runJob(job.get()));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    const QByteArray copied = rawManifest(destination);
    QVERIFY(copied.contains("application/vnd.oci.image.manifest.v1+json"));
    QVERIFY(!copied.contains("\"manifests\""));
    QCOMPARE(job->result().blobsStreamed, 4); // config + 3 layers of one platform
}

void TestCopy::indexOnly()
{
    const QString source = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi");
    std::unique_ptr<CopyJob> full(copy(source, m_destination->hostAndPort() + QStringLiteral("/idx/app:1")));
    QVERIFY(runJob(full.get()));
    CopyOptions options;
    options.multiArch = CopyOptions::MultiArch::IndexOnly;
    std::unique_ptr<CopyJob> job(copy(source, m_destination->hostAndPort() + QStringLiteral("/idx/app:2"), options));
    QVERIFY(runJob(job.get()));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    QCOMPARE(job->result().manifestsPushed, 1);
    QCOMPARE(job->result().blobsStreamed + job->result().blobsSkipped + job->result().blobsMounted, 0);
    QCOMPARE(rawManifest(m_destination->hostAndPort() + QStringLiteral("/idx/app:2")), rawManifest(source));
    std::unique_ptr<CopyJob> lonely(copy(source, m_destination->hostAndPort() + QStringLiteral("/idx/empty:1"), options));
    QVERIFY(runJob(lonely.get()));
    QVERIFY(lonely->error().isError());
    QVERIFY2(lonely->error().message.contains(QStringLiteral("must already be at the destination")), qPrintable(lonely->error().message));
}

void TestCopy::platformSubsetWritesNewIndex()
{
    CopyOptions options;
    QString error;
    QVERIFY(CopyOptions::parsePlatforms(QStringLiteral("linux/arm64/v8, linux/arm/v7"), &options.platforms, &error));
    const QString source = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi");
    const QString destination = m_destination->hostAndPort() + QStringLiteral("/subset/app:arm");
    std::unique_ptr<CopyJob> job(copy(source, destination, options));
    QVERIFY(runJob(job.get()));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    const QByteArray copied = rawManifest(destination);
    const QByteArray original = rawManifest(source);
    QVERIFY(copied != original);
    QCOMPARE(job->result().digest, Digest::sha256Of(copied));
    const QJsonArray kept = QJsonDocument::fromJson(copied).object().value(QLatin1String("manifests")).toArray();
    QCOMPARE(kept.size(), 2);
    // The platform images themselves are unchanged.
    const QJsonArray all = QJsonDocument::fromJson(original).object().value(QLatin1String("manifests")).toArray();
    QCOMPARE(kept.at(0).toObject(), all.at(1).toObject());
    QCOMPARE(kept.at(1).toObject(), all.at(2).toObject());
    QCOMPARE(job->result().blobsStreamed, 8);
}

void TestCopy::platformSubsetMissingPlatform()
{
    CopyOptions options;
    QString error;
    QVERIFY(CopyOptions::parsePlatforms(QStringLiteral("linux/amd64,windows/amd64"), &options.platforms, &error));
    std::unique_ptr<CopyJob> job(copy(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi"),
                                      m_destination->hostAndPort() + QStringLiteral("/subset/app:win"), options));
    QVERIFY(runJob(job.get()));
    QCOMPARE(job->error().code, Error::Code::InvalidInput); // exit 1 as skopeo, not "not found"
    QVERIFY2(job->error().message.contains(QStringLiteral("no image for platform windows/amd64")), qPrintable(job->error().message));
    QVERIFY(!hasTag(m_destination.get(), QStringLiteral("subset/app"), QStringLiteral("win")));
    QVERIFY(!CopyOptions::parsePlatforms(QStringLiteral("linux"), &options.platforms, &error));
    QVERIFY(error.contains(QStringLiteral("expected os/arch[/variant]")));
}

void TestCopy::knownLocationsAreMountedAcrossRuns()
{
    QTemporaryDir dir;
    TransferEngine::Limits limits;
    limits.blobLocationCache = dir.filePath(QStringLiteral("cache/blob-locations.json"));
    const QString source = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::DockerImage + QStringLiteral(":2.1");
    int streamed = 0;
    {
        TransferEngine first(limits, nullptr);
        CopyRequest request;
        request.source = ImageReference::parse(source);
        request.destination = ImageReference::parse(m_destination->hostAndPort() + QStringLiteral("/team-a/app:1"));
        std::unique_ptr<CopyJob> job(first.copy(request));
        QVERIFY(runJob(job.get()));
        QVERIFY(!job->error().isError());
        streamed = job->result().blobsStreamed;
        QCOMPARE(streamed, 4);
    }
    QVERIFY(QFile::exists(limits.blobLocationCache)); // persisted, written atomically
    {
        // A later run (another process, as far as the engine knows) copying
        // from the source registry into another repository of the same
        // destination mounts what it knows is there instead of streaming.
        TransferEngine second(limits, nullptr);
        CopyRequest request;
        request.source = ImageReference::parse(source);
        request.destination = ImageReference::parse(m_destination->hostAndPort() + QStringLiteral("/team-b/app:1"));
        std::unique_ptr<CopyJob> job(second.copy(request));
        QVERIFY(runJob(job.get()));
        QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
        QCOMPARE(job->result().blobsMounted, streamed);
        QCOMPARE(job->result().bytesStreamed, 0);
    }
    {
        // A stale entry (the blobs are gone from team-a and team-b) is
        // HEAD-checked, dropped, and the blob streamed.
        RawRegistry raw(m_destination->baseUrl());
        const QJsonObject manifest = QJsonDocument::fromJson(rawManifest(source)).object();
        QStringList digests{manifest.value(QLatin1String("config")).toObject().value(QLatin1String("digest")).toString()};
        for (const QJsonValue &layer : manifest.value(QLatin1String("layers")).toArray())
            digests << layer.toObject().value(QLatin1String("digest")).toString();
        for (const QString &repo : {QStringLiteral("team-a/app"), QStringLiteral("team-b/app")})
            for (const QString &digest : std::as_const(digests))
                QCOMPARE(raw.request("DELETE", QStringLiteral("/v2/%1/blobs/%2").arg(repo, digest)).status, 202);
        TransferEngine third(limits, nullptr);
        CopyRequest request;
        request.source = ImageReference::parse(source);
        request.destination = ImageReference::parse(m_destination->hostAndPort() + QStringLiteral("/team-c/app:1"));
        std::unique_ptr<CopyJob> job(third.copy(request));
        QVERIFY(runJob(job.get()));
        QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
        QCOMPARE(job->result().blobsStreamed, streamed);
        QCOMPARE(job->result().blobsMounted, 0);
    }
}

void TestCopy::chunkedUploadWhenMonolithicIsRefused()
{
    // A registry behind a proxy that refuses request bodies over 1 MiB (413,
    // as an nginx with a small client_max_body_size does) and asks for
    // chunks of at least 700,000 bytes.
    RegistryServer source{RegistryServer::Options()};
    QVERIFY(source.isRunning());
    RawRegistry raw(source.baseUrl());
    const QString layerDigest = raw.pushSingleLayerImage(QStringLiteral("big/app"), QStringLiteral("1"), 3 * 1024 * 1024 + 17);
    QVERIFY2(!layerDigest.isEmpty(), qPrintable(raw.error()));
    FaultProxy front(m_destination->baseUrl());
    front.setInterceptor([](const MiniHttpServer::Request &r, MiniHttpServer::Response &response) {
        if (r.url.path().contains(QLatin1String("/blobs/uploads/")) && r.body.size() > 1024 * 1024) {
            response.status = 413;
            response.body = "request entity too large";
            return true;
        }
        return false;
    });
    front.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &response) {
        if (r.method == "POST" && r.url.path().endsWith(QLatin1String("/blobs/uploads/")))
            response.headers << qMakePair(QByteArray("OCI-Chunk-Min-Length"), QByteArray("700000"));
    });
    const QString destination = front.hostAndPort() + QStringLiteral("/chunked/app:1");
    std::unique_ptr<CopyJob> job(copy(source.hostAndPort() + QStringLiteral("/big/app:1"), destination));
    QVERIFY(runJob(job.get(), 60000));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    QCOMPARE(rawManifest(m_destination->hostAndPort() + QStringLiteral("/chunked/app:1")), rawManifest(source.hostAndPort() + QStringLiteral("/big/app:1")));
    // Per upload session, every chunk but the last honours the minimum.
    QMap<QString, QList<qsizetype>> chunks;
    for (const auto &r : front.requests())
        if (r.method == "PATCH")
            chunks[r.url.path()] << r.body.size();
    qsizetype largest = 0;
    for (const auto &session : std::as_const(chunks)) {
        largest = std::max(largest, session.size());
        for (qsizetype i = 0; i + 1 < session.size(); ++i)
            QVERIFY2(session[i] >= 700000, qPrintable(QString::number(session[i])));
    }
    QVERIFY2(largest >= 4, qPrintable(QString::number(largest))); // the 3 MiB layer went in chunks
}

void TestCopy::authenticatedDestination()
{
    RegistryServer::Options o;
    o.auth = RegistryServer::Auth::Htpasswd;
    o.users = {{RegistrySet::User, RegistrySet::Password}};
    RegistryServer secured(o);
    QVERIFY2(secured.isRunning(), qPrintable(secured.errorText()));
    const QString destination = secured.hostAndPort() + QStringLiteral("/private/app:1.0");
    std::unique_ptr<CopyJob> denied(copy(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"), destination));
    QVERIFY(runJob(denied.get()));
    QCOMPARE(denied->error().code, Error::Code::Unauthorized);
    std::unique_ptr<CopyJob> job(copy(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                      destination, {}, {RegistrySet::User, RegistrySet::Password, {}}));
    QVERIFY(runJob(job.get()));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
}

void TestCopy::corruptedByteFailsWithoutTag()
{
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    proxy.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &response) {
        if (r.url.path().contains(QLatin1String("/blobs/")) && response.body.size() > 100000)
            response.body[70000] = static_cast<char>(response.body[70000] ^ 0x20);
    });
    std::unique_ptr<CopyJob> job(copy(proxy.hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                      m_destination->hostAndPort() + QStringLiteral("/broken/app:1.0")));
    QVERIFY(runJob(job.get()));
    QCOMPARE(job->error().code, Error::Code::BadResponse);
    QVERIFY2(job->error().message.contains(QStringLiteral("hash to")), qPrintable(job->error().message));
    QVERIFY(!hasTag(m_destination.get(), QStringLiteral("broken/app"), QStringLiteral("1.0")));
}

void TestCopy::cancelledCopyLeavesNoTagNorSession()
{
    // A source that answers blob GETs slowly, so the copy is mid-flight.
    FaultProxy proxy(m_set->anonymous()->baseUrl());
    proxy.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &) {
        if (r.url.path().contains(QLatin1String("/blobs/")))
            QThread::msleep(1500);
    });
    std::unique_ptr<CopyJob> job(copy(proxy.hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                      m_destination->hostAndPort() + QStringLiteral("/cancelled/app:1.0")));
    job->setAutoDelete(false);
    QSignalSpy finished(job.get(), &Job::finished);
    QSignalSpy blobs(job.get(), &CopyJob::blobProgress);
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(blobs.count() > 0, 10000);
    QTest::qWait(300);
    job->cancel();
    // Finished once the engine's copy has stopped (with what it sent).
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(job->error().code, Error::Code::Cancelled);
    bool idle = false;
    m_engine->whenIdle(this, [&idle] { idle = true; });
    QTRY_VERIFY_WITH_TIMEOUT(idle, 5000);
    QVERIFY(!hasTag(m_destination.get(), QStringLiteral("cancelled/app"), QStringLiteral("1.0")));
    // Upload sessions that were opened are gone from the registry's storage.
    QStringList sessions;
    QDirIterator it(m_destination->storageDirectory(), {QStringLiteral("data"), QStringLiteral("startedat")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/_uploads/")))
            sessions << path;
    }
    QVERIFY2(sessions.isEmpty(), qPrintable(sessions.join(QLatin1Char('\n'))));
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);

    // Running it again, undisturbed, completes the copy.
    std::unique_ptr<CopyJob> again(copy(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                        m_destination->hostAndPort() + QStringLiteral("/cancelled/app:1.0")));
    QVERIFY(runJob(again.get()));
    QVERIFY2(!again->error().isError(), qPrintable(again->error().message));
    QVERIFY(hasTag(m_destination.get(), QStringLiteral("cancelled/app"), QStringLiteral("1.0")));
}

void TestCopy::cancelWhileSessionsOpenDeletesThemToo()
{
    // The registry opens the sessions at once but answers slowly, so the
    // cancel comes while every POST is in flight.
    FaultProxy slowDestination(m_destination->baseUrl());
    slowDestination.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &) {
        if (r.method == "POST" && r.url.path().endsWith(QLatin1String("/blobs/uploads/")))
            QThread::msleep(700);
    });
    std::unique_ptr<CopyJob> job(copy(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                      slowDestination.hostAndPort() + QStringLiteral("/opening/app:1.0")));
    job->setAutoDelete(false);
    QSignalSpy finished(job.get(), &Job::finished);
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(!slowDestination.requests().isEmpty() && slowDestination.requests().last().method == "POST", 10000);
    job->cancel();
    // Finished once the engine's copy has stopped (with what it sent).
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    bool idle = false;
    m_engine->whenIdle(this, [&idle] { idle = true; }, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(idle, 20000);
    int deletes = 0;
    for (const auto &r : slowDestination.requests())
        deletes += r.method == "DELETE" ? 1 : 0;
    QVERIFY(deletes >= 1);
    QDirIterator it(m_destination->storageDirectory(), {QStringLiteral("startedat")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        QVERIFY2(!it.next().contains(QLatin1String("/_uploads/")), qPrintable(it.filePath()));
}

void TestCopy::redirectedBlobsCarryNoAuthorization()
{
    RedirectingRegistry redirecting;
    QVERIFY2(redirecting.isRunning(), qPrintable(redirecting.errorText()));
    RegistryServer &source = *redirecting.registry();
    MiniHttpServer &storageHost = *redirecting.storageHost();

    CopyRequest request;
    request.source = ImageReference::parse(source.hostAndPort() + QLatin1Char('/') + Fixtures::DockerImage + QStringLiteral(":2.1"));
    request.sourceCredentials = {RegistrySet::User, RegistrySet::Password, {}};
    request.destination = ImageReference::parse(m_destination->hostAndPort() + QStringLiteral("/redirected/app:2.1"));
    std::unique_ptr<CopyJob> job(m_engine->copy(request));
    QVERIFY(runJob(job.get()));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    QCOMPARE(job->result().blobsStreamed, 4);
    const auto requests = storageHost.requests();
    QCOMPARE(requests.size(), 4); // every blob came from the storage host
    for (const auto &r : requests)
        QVERIFY(!r.headers.contains("authorization"));
}

void TestCopy::progressIsCoalesced()
{
    // Many small updates in the engine thread arrive at most ~10 times a second.
    std::unique_ptr<CopyJob> job(copy(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::DockerList + QStringLiteral(":v1"),
                                      m_destination->hostAndPort() + QStringLiteral("/progress/list:v1")));
    QSignalSpy progress(job.get(), &Job::progress);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(runJob(job.get()));
    QVERIFY(!job->error().isError());
    QVERIFY(progress.count() >= 1);
    QVERIFY2(progress.count() <= timer.elapsed() / TransferEngine::ProgressIntervalMs + 2,
             qPrintable(QStringLiteral("%1 updates in %2 ms").arg(progress.count()).arg(timer.elapsed())));
    const auto last = progress.last();
    QCOMPARE(last.at(0).toLongLong(), last.at(1).toLongLong()); // ends at 100%
}

void TestCopy::missingSourceIsNotFound()
{
    std::unique_ptr<CopyJob> job(copy(m_set->anonymous()->hostAndPort() + QStringLiteral("/no/such:tag"),
                                      m_destination->hostAndPort() + QStringLiteral("/x/y:1")));
    QVERIFY(runJob(job.get()));
    QCOMPARE(job->error().code, Error::Code::NotFound);
}

void TestCopy::cliCopy()
{
    QTemporaryDir dir;
    const QString digestFile = dir.filePath(QStringLiteral("digest"));
    const QString source = QStringLiteral("docker://") + m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi");
    const QString destination = QStringLiteral("docker://") + m_destination->hostAndPort() + QStringLiteral("/cli/app:multi");
    const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--digestfile"), digestFile, source, destination});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.err.contains("Copied "));
    QVERIFY(r.err.contains("blob ")); // one line per finished blob in a log
    QFile file(digestFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), Digest::sha256Of(rawManifest(source.mid(9))).toString().toUtf8());
    const ProcessResult quiet = runCli({QStringLiteral("copy"), QStringLiteral("-q"), source, destination});
    QCOMPARE(quiet.exitCode, 0);
    QVERIFY(quiet.err.isEmpty());
}

void TestCopy::cliInterruptCancelsCleanly()
{
    FaultProxy slow(m_set->anonymous()->baseUrl());
    slow.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &) {
        if (r.url.path().contains(QLatin1String("/blobs/")))
            QThread::msleep(800);
    });
    QProcess cli;
    QTemporaryDir scratch;
    cli.setProcessEnvironment(isolatedEnvironment(scratch.path()));
    cli.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("--debug"), QStringLiteral("docker://") + slow.hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                          QStringLiteral("docker://") + m_destination->hostAndPort() + QStringLiteral("/interrupted/app:1.0")});
    QVERIFY(cli.waitForStarted());
    QTest::qWait(1000); // blobs are on their way
    ::kill(static_cast<pid_t>(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(15000));
    const QByteArray err = cli.readAllStandardError();
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit); // not killed by the signal: it cancelled
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(err.contains("interrupted") && err.contains("nothing was tagged"), err.constData());
    QVERIFY(err.count("DELETE ") >= 1); // open upload sessions were deleted...
    QVERIFY(!hasTag(m_destination.get(), QStringLiteral("interrupted/app"), QStringLiteral("1.0")));
    // ...and none is left open: distribution keeps `startedat` and `data`
    // for exactly the sessions still open.
    QDirIterator it(m_destination->storageDirectory(), {QStringLiteral("data"), QStringLiteral("startedat")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        QVERIFY2(!it.next().contains(QLatin1String("/_uploads/")), qPrintable(it.filePath()));
}

void TestCopy::cliTerminalShowsLiveBars()
{
    // `script` gives the CLI a pseudo-terminal, as a user's shell would.
    const QString command = QStringLiteral("%1 copy docker://%2/%3:multi docker://%4/tty/app:multi")
                                .arg(cliPath(), m_set->anonymous()->hostAndPort(), Fixtures::OciIndex, m_destination->hostAndPort());
    const ProcessResult r = runProcess(QStringLiteral("script"), {QStringLiteral("-qfec"), command, QStringLiteral("/dev/null")});
    QVERIFY2(r.exitCode == 0, r.out.constData());
    QVERIFY2(r.out.contains("] ") && r.out.contains("[....."), r.out.left(2000).constData()); // a bar per blob
    QVERIFY(r.out.contains("\033[1A\033[2K"));                                             // redrawn in place
    QVERIFY(r.out.contains("Copied "));
}

void TestCopy::cliCopyBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("one reference") << QStringList{QStringLiteral("copy"), QStringLiteral("a")} << 1 << "needs a source and a destination";
    QTest::newRow("bad destination") << QStringList{QStringLiteral("copy"), QStringLiteral("a"), QStringLiteral("r.io/B")} << 1 << "must be lower-case";
    QTest::newRow("bad multi-arch") << QStringList{QStringLiteral("copy"), QStringLiteral("--multi-arch"), QStringLiteral("some"), QStringLiteral("a"), QStringLiteral("b")} << 1 << "--multi-arch takes all, system or index-only";
    QTest::newRow("all and system") << QStringList{QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--multi-arch"), QStringLiteral("system"), QStringLiteral("a"), QStringLiteral("b")} << 1 << "contradicts";
    QTest::newRow("two stdin passwords") << QStringList{QStringLiteral("copy"), QStringLiteral("--src-username"), QStringLiteral("a"), QStringLiteral("--src-password-stdin"),
                                                        QStringLiteral("--dest-username"), QStringLiteral("b"), QStringLiteral("--dest-password-stdin"), QStringLiteral("a"), QStringLiteral("b")}
                                         << 1 << "only one password";
}

void TestCopy::cliCopyBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, errorPart);
    const ProcessResult r = runCli(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(errorPart), r.err.constData());
}

QTEST_GUILESS_MAIN(TestCopy)
#include "test_copy.moc"
