// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Blob uploads given up midway - cancelled by the engine's caller, by the
// GUI's queue, by Ctrl-C in the CLI, or failed because the source's bytes
// did not match their digest - leave nothing in the destination registry's
// `_uploads`: distribution 2.8 keeps `data` and `startedat` for exactly the
// sessions still open (a session deleted properly leaves only a small hash
// state of its own making). The source is a HostileServer serving one image
// whose large layer trickles out at a set pace, so the test can act while
// bytes stream into a real destination registry. Also: a registry that
// refuses upload segments gets each blob in one request, and history
// records the bytes a cancelled transfer sent.
#include "core/transfer/transferengine.h"
#include "core/transfer/transferhistory.h"
#include "core/transfer/transferqueue.h"
#include "core/transports/docker/blobtransferjob.h"
#include "faultproxy.h"
#include "hostileserver.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "registrytestutil.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace crossdock;
using namespace crossdock::test;

namespace {

constexpr qint64 MiB = 1024 * 1024;
const QByteArray OciManifest = "application/vnd.oci.image.manifest.v1+json";

QByteArray sha256(const QByteArray &bytes)
{
    return "sha256:" + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// Bytes that do not repeat in any way a registry could notice.
QByteArray pseudoRandom(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint64 x = 0x9e3779b97f4a7c15ULL;
    for (qint64 i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes[i] = static_cast<char>(x);
    }
    return bytes;
}

// One OCI image on a HostileServer: its layer goes out at `pace` bytes a
// second (0: at once), and may be served with one byte flipped.
struct PacedImage {
    QByteArray config = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
    QByteArray layer;
    QByteArray manifest;
    qint64 pace = 0;
    bool corrupt = false;

    explicit PacedImage(qint64 layerSize)
        : layer(pseudoRandom(layerSize))
    {
        manifest = QJsonDocument(QJsonObject {{QStringLiteral("schemaVersion"), 2},
                                     {QStringLiteral("mediaType"), QString::fromLatin1(OciManifest)},
                                     {QStringLiteral("config"), descriptor("application/vnd.oci.image.config.v1+json", config)},
                                     {QStringLiteral("layers"), QJsonArray {descriptor("application/vnd.oci.image.layer.v1.tar", layer)}}})
                       .toJson(QJsonDocument::Compact);
    }
    static QJsonObject descriptor(const QByteArray &mediaType, const QByteArray &bytes)
    {
        return {{QStringLiteral("mediaType"), QString::fromLatin1(mediaType)},
            {QStringLiteral("digest"), QString::fromLatin1(sha256(bytes))}, {QStringLiteral("size"), bytes.size()}};
    }

    HostileServer::Answer answer(const HostileServer::Request &request) const
    {
        HostileServer::Answer a;
        a.headers = {{"Docker-Distribution-Api-Version", "registry/2.0"}};
        const QString path = request.url.path();
        if (path == QLatin1String("/v2/")) {
            a.body = "{}";
        } else if (path.contains(QLatin1String("/manifests/"))) {
            a.headers += {{"Content-Type", OciManifest}, {"Docker-Content-Digest", sha256(manifest)}};
            a.body = manifest;
        } else if (path.endsWith(QString::fromLatin1(sha256(config)))) {
            a.body = config;
        } else if (path.endsWith(QString::fromLatin1(sha256(layer)))) {
            a.body = layer;
            if (corrupt)
                a.body[a.body.size() / 2] = static_cast<char>(a.body.at(a.body.size() / 2) ^ 0x01);
            a.bytesPerSecond = pace;
        } else {
            a.status = 404;
            a.body = R"({"errors":[{"code":"BLOB_UNKNOWN","message":"unknown"}]})";
        }
        return a;
    }
};

} // namespace

class TestUploadCleanup : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cancelledMidStreamLeavesNoUpload_data();
    void cancelledMidStreamLeavesNoUpload();
    void queueCancelRecordsBytesSentAndLeavesNoUpload();
    void cliInterruptMidStreamLeavesNoUpload();
    void corruptSourceLeavesNoUpload();
    void registryRefusingSegmentsGetsOneRequest();

private:
    CopyJob *copyFrom(HostileServer &source, const QString &repository, const QString &destinationHost = {});
    // Files of upload sessions still open in a destination repository.
    QStringList openUploads(const QString &repository) const;
    // Bytes in the repository's upload sessions right now.
    qint64 uploadedBytes(const QString &repository) const;
    void waitForEngineIdle();

    std::unique_ptr<RegistryServer> m_destination;
    std::unique_ptr<TransferEngine> m_engine;
    int m_next = 0;
};

void TestUploadCleanup::initTestCase()
{
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
    TransferEngine::Limits limits;
    limits.blobLocationCache.clear();
    m_engine = std::make_unique<TransferEngine>(limits, nullptr);
}

CopyJob *TestUploadCleanup::copyFrom(HostileServer &source, const QString &repository, const QString &destinationHost)
{
    CopyRequest request;
    request.source = ImageReference::parse(source.hostAndPort() + QStringLiteral("/paced/app:1"));
    request.destination = ImageReference::parse(
        (destinationHost.isEmpty() ? m_destination->hostAndPort() : destinationHost) + QLatin1Char('/') + repository + QStringLiteral(":1"));
    return m_engine->copy(request);
}

QStringList TestUploadCleanup::openUploads(const QString &repository) const
{
    QStringList open;
    const QString uploads = m_destination->storageDirectory() + QStringLiteral("/docker/registry/v2/repositories/")
        + repository + QStringLiteral("/_uploads");
    QDirIterator it(uploads, {QStringLiteral("data"), QStringLiteral("startedat")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        open << it.next();
    return open;
}

qint64 TestUploadCleanup::uploadedBytes(const QString &repository) const
{
    qint64 bytes = 0;
    for (const QString &path : openUploads(repository))
        if (path.endsWith(QLatin1String("/data")))
            bytes += QFileInfo(path).size();
    return bytes;
}

void TestUploadCleanup::waitForEngineIdle()
{
    bool idle = false;
    m_engine->whenIdle(this, [&idle] { idle = true; });
    QTRY_VERIFY_WITH_TIMEOUT(idle, 20000);
}

void TestUploadCleanup::cancelledMidStreamLeavesNoUpload_data()
{
    QTest::addColumn<qint64>("cancelAt");
    // Segments are 64 MiB: cancelled inside the first, and inside the second
    // (the first already accepted, its state moved on).
    QTest::newRow("first segment") << 20 * MiB;
    QTest::newRow("second segment") << 72 * MiB;
}

void TestUploadCleanup::cancelledMidStreamLeavesNoUpload()
{
    QFETCH(qint64, cancelAt);
    PacedImage image(100 * MiB);
    image.pace = 40 * MiB;
    HostileServer source([&image](const HostileServer::Request &r) { return image.answer(r); });
    const QString repository = QStringLiteral("cancelled/mid%1").arg(++m_next);
    std::unique_ptr<CopyJob> job(copyFrom(source, repository));
    job->setAutoDelete(false);
    QSignalSpy finished(job.get(), &Job::finished);
    job->start();
    // Cancelled once the destination really holds bytes of the layer.
    QTRY_VERIFY_WITH_TIMEOUT(uploadedBytes(repository) >= cancelAt, 20000);
    QVERIFY(finished.isEmpty());
    job->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(job->error().code, Error::Code::Cancelled);
    // What went over the wire is counted, not "0 bytes".
    QVERIFY2(job->result().bytesStreamed >= cancelAt, qPrintable(QString::number(job->result().bytesStreamed)));
    waitForEngineIdle();
    const QStringList open = openUploads(repository);
    QVERIFY2(open.isEmpty(), qPrintable(open.join(QLatin1Char('\n'))));
    const RawRegistry::Reply tag = RawRegistry(m_destination->baseUrl()).request("HEAD", QStringLiteral("/v2/%1/manifests/1").arg(repository));
    QCOMPARE(tag.status, 404);
}

void TestUploadCleanup::queueCancelRecordsBytesSentAndLeavesNoUpload()
{
    // The GUI's Cancel: the transfer queue, with its history log.
    PacedImage image(100 * MiB);
    image.pace = 40 * MiB;
    HostileServer source([&image](const HostileServer::Request &r) { return image.answer(r); });
    QTemporaryDir dir;
    TransferHistory history(dir.filePath(QStringLiteral("transfers.jsonl")));
    QNetworkAccessManager network;
    TransferQueue queue(m_engine.get(), &network, &history);
    TransferOrder order;
    order.request.source = ImageReference::parse(source.hostAndPort() + QStringLiteral("/paced/app:1"));
    order.request.destination = ImageReference::parse(m_destination->hostAndPort() + QStringLiteral("/queued/app:1"));
    order.sourceName = source.hostAndPort() + QStringLiteral("/paced/app:1");
    order.destinationName = m_destination->hostAndPort() + QStringLiteral("/queued/app:1");
    order.existing = ExistingTagPolicy::Overwrite;
    QSignalSpy finished(&queue, &TransferQueue::transferFinished);
    queue.enqueue({order});
    QTRY_VERIFY_WITH_TIMEOUT(uploadedBytes(QStringLiteral("queued/app")) >= 20 * MiB, 20000);
    queue.cancel(queue.at(0).id);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(queue.at(0).state, Transfer::State::Cancelled);
    int skipped = 0;
    QString error;
    const QList<TransferRecord> records = history.read(10, &skipped, &error);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().outcome, QStringLiteral("cancelled"));
    QVERIFY2(records.first().bytes >= 20 * MiB, qPrintable(QString::number(records.first().bytes)));
    waitForEngineIdle();
    const QStringList open = openUploads(QStringLiteral("queued/app"));
    QVERIFY2(open.isEmpty(), qPrintable(open.join(QLatin1Char('\n'))));
}

void TestUploadCleanup::cliInterruptMidStreamLeavesNoUpload()
{
    PacedImage image(100 * MiB);
    image.pace = 40 * MiB;
    HostileServer source([&image](const HostileServer::Request &r) { return image.answer(r); });
    QTemporaryDir scratch;
    QProcess cli;
    cli.setProcessEnvironment(isolatedEnvironment(scratch.path()));
    cli.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("docker://%1/paced/app:1").arg(source.hostAndPort()),
                             QStringLiteral("docker://%1/interrupted/app:1").arg(m_destination->hostAndPort())});
    QVERIFY(cli.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(uploadedBytes(QStringLiteral("interrupted/app")) >= 30 * MiB, 20000);
    ::kill(static_cast<pid_t>(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(20000));
    const QByteArray err = cli.readAllStandardError();
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(err.contains("interrupted") && err.contains("nothing was tagged"), err.constData());
    const QStringList open = openUploads(QStringLiteral("interrupted/app"));
    QVERIFY2(open.isEmpty(), qPrintable(open.join(QLatin1Char('\n'))));
}

void TestUploadCleanup::corruptSourceLeavesNoUpload()
{
    // The flipped byte is found when the last byte has passed: every
    // segment is at the registry by then, and the session must still go.
    PacedImage image(70 * MiB);
    image.corrupt = true;
    HostileServer source([&image](const HostileServer::Request &r) { return image.answer(r); });
    std::unique_ptr<CopyJob> job(copyFrom(source, QStringLiteral("corrupt/app")));
    QVERIFY(runJob(job.get(), 60000));
    QCOMPARE(job->error().code, Error::Code::BadResponse);
    QVERIFY2(job->error().message.contains(QStringLiteral("hash to")), qPrintable(job->error().message));
    waitForEngineIdle();
    const QStringList open = openUploads(QStringLiteral("corrupt/app"));
    QVERIFY2(open.isEmpty(), qPrintable(open.join(QLatin1Char('\n'))));
}

void TestUploadCleanup::registryRefusingSegmentsGetsOneRequest()
{
    // Some registries cap ranged PATCHes far below a segment (GHCR: 4 MiB,
    // answered 416) yet take a whole blob in one unranged PATCH, as docker
    // sends it.
    PacedImage image(70 * MiB);
    HostileServer source([&image](const HostileServer::Request &r) { return image.answer(r); });
    FaultProxy proxy(m_destination->baseUrl());
    proxy.setInterceptor([](const MiniHttpServer::Request &r, MiniHttpServer::Response &response) {
        if (r.method != "PATCH" || !r.headers.contains("content-range"))
            return false;
        response.status = 416;
        response.headers = {{"Content-Type", "application/json"}};
        response.body = R"({"errors":[{"code":"RANGE_INVALID","message":"the request body is too large"}]})";
        return true;
    });
    std::unique_ptr<CopyJob> job(copyFrom(source, QStringLiteral("onerequest/app"), proxy.hostAndPort()));
    QVERIFY(runJob(job.get(), 60000));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    QList<qint64> patchSizes;
    int ranged = 0;
    for (const auto &r : proxy.requests()) {
        if (r.method != "PATCH")
            continue;
        patchSizes << r.body.size();
        ranged += r.headers.contains("content-range") ? 1 : 0;
    }
    // First segment, the refused ranged one, then the whole layer at once.
    QCOMPARE(ranged, 1);
    QVERIFY2(patchSizes.size() == 3 && patchSizes.first() == BlobTransferJob::SegmentSize && patchSizes.last() == image.layer.size(),
        qPrintable(QStringLiteral("%1 PATCHes").arg(patchSizes.size())));
    waitForEngineIdle();
    const QStringList open = openUploads(QStringLiteral("onerequest/app"));
    QVERIFY2(open.isEmpty(), qPrintable(open.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestUploadCleanup)
#include "test_uploadcleanup.moc"
