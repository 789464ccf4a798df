// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// OCI image layouts as either end of a copy, checked against skopeo (which
// reads and writes layouts too) and against real registries.
#include "core/transfer/transferengine.h"
#include "core/transports/transportreference.h"
#include "faultproxy.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace crossdock;
using namespace crossdock::test;

class TestLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void roundTripKeepsDigests_data();
    void roundTripKeepsDigests();
    void dockerImagesAreStoredAsOci_data();
    void dockerImagesAreStoredAsOci();
    void secondPullSkipsPresentBlobs();
    void skopeoLayoutsArePushed();
    void failedPullLeavesLayoutUntouched();
    void corruptLocalBlobIsRefused();
    void badLayouts();
    // The registry side of a layout push is the registry copy's own writer:
    // its fault handling holds for this path too.
    void layoutPushFallsBackToChunks();
    void layoutPushMountsWhatTheRegistryHas();
    void cancelledLayoutPushDeletesItsSessions();

private:
    CopyJob *pull(const QString &source, const QString &directory, const QString &name, bool keepManifests = false,
        bool preserveDigests = false);
    CopyJob *push(const QString &directory, const QString &name, const QString &destination);
    QByteArray raw(const QString &transportRef);

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<RegistryServer> m_destination;
    std::unique_ptr<TransferEngine> m_engine;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLayout::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
    TransferEngine::Limits limits;
    limits.blobLocationCache.clear();
    m_engine = std::make_unique<TransferEngine>(limits, nullptr);
}

void TestLayout::init()
{
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
    m_dir = std::make_unique<QTemporaryDir>();
}

CopyJob *TestLayout::pull(const QString &source, const QString &directory, const QString &name, bool keepManifests,
    bool preserveDigests)
{
    CopyRequest request;
    request.source = ImageReference::parse(source);
    request.destination = TransportReference::oci(directory, name);
    request.destinationKeepsManifests = keepManifests;
    request.options.preserveDigests = preserveDigests;
    return m_engine->copy(request);
}

CopyJob *TestLayout::push(const QString &directory, const QString &name, const QString &destination)
{
    CopyRequest request;
    request.source = TransportReference::oci(directory, name);
    request.destination = ImageReference::parse(destination);
    return m_engine->copy(request);
}

QByteArray TestLayout::raw(const QString &transportRef)
{
    QStringList args{QStringLiteral("inspect"), QStringLiteral("--raw")};
    if (transportRef.startsWith(QLatin1String("docker://")))
        args << QStringLiteral("--tls-verify=false");
    const ProcessResult r = runSkopeo(args << transportRef);
    return r.exitCode == 0 ? r.out : QByteArray();
}

void TestLayout::roundTripKeepsDigests_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<bool>("keepManifests");
    QTest::newRow("oci image") << Fixtures::OciImage + QStringLiteral(":1.0") << false;
    QTest::newRow("oci index") << Fixtures::OciIndex + QStringLiteral(":multi") << false;
    // The GUI's local folder keeps Docker manifests as they are.
    QTest::newRow("docker v2s2, local folder") << Fixtures::DockerImage + QStringLiteral(":2.1") << true;
    QTest::newRow("docker manifest list, local folder") << Fixtures::DockerList + QStringLiteral(":v1") << true;
}

void TestLayout::roundTripKeepsDigests()
{
    QFETCH(QString, image);
    QFETCH(bool, keepManifests);
    const QString source = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + image;
    const QString layout = m_dir->filePath(QStringLiteral("store"));
    std::unique_ptr<CopyJob> in(pull(source, layout, QStringLiteral("saved"), keepManifests));
    QVERIFY(runJob(in.get()));
    QVERIFY2(!in->error().isError(), qPrintable(in->error().message));
    const QByteArray original = raw(QStringLiteral("docker://") + source);
    QVERIFY(!original.isEmpty());
    // The layout holds the manifest unchanged, under its digest...
    QFile stored(layout + QStringLiteral("/blobs/sha256/") + Digest::sha256Of(original).hex());
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), original);
    // ...and skopeo (1.9 reads OCI media types only from layouts) agrees.
    if (!original.contains("application/vnd.docker."))
        QCOMPARE(raw(QStringLiteral("oci:") + layout + QStringLiteral(":saved")), original);

    const QString destination = m_destination->hostAndPort() + QStringLiteral("/restored/app:1");
    std::unique_ptr<CopyJob> out(push(layout, QStringLiteral("saved"), destination));
    QVERIFY(runJob(out.get()));
    QVERIFY2(!out->error().isError(), qPrintable(out->error().message));
    QCOMPARE(raw(QStringLiteral("docker://") + destination), original);
    QCOMPARE(out->result().digest, Digest::sha256Of(original));
}

void TestLayout::dockerImagesAreStoredAsOci_data()
{
    QTest::addColumn<QString>("image");
    QTest::newRow("docker v2s2") << Fixtures::DockerImage + QStringLiteral(":2.1");
    QTest::newRow("docker manifest list") << Fixtures::DockerList + QStringLiteral(":v1");
}

void TestLayout::dockerImagesAreStoredAsOci()
{
    // As skopeo does: an OCI layout holds OCI manifests, so other tools can
    // read it; the blobs stay, the manifests' digests change, and the copy
    // says so. --preserve-digests refuses instead.
    QFETCH(QString, image);
    const QString source = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + image;
    const QString layout = m_dir->filePath(QStringLiteral("store"));
    std::unique_ptr<CopyJob> refused(pull(source, layout, QStringLiteral("saved"), false, true));
    QVERIFY(runJob(refused.get()));
    QCOMPARE(refused->error().code, Error::Code::Unsupported);
    QVERIFY2(refused->error().message.contains(QStringLiteral("--preserve-digests")), qPrintable(refused->error().message));

    std::unique_ptr<CopyJob> in(pull(source, layout, QStringLiteral("saved")));
    QVERIFY(runJob(in.get()));
    QVERIFY2(!in->error().isError(), qPrintable(in->error().message));
    QVERIFY2(in->result().conversion.contains(QStringLiteral("digest changed")), qPrintable(in->result().conversion));
    const QByteArray original = raw(QStringLiteral("docker://") + source);
    const QByteArray stored = raw(QStringLiteral("oci:") + layout + QStringLiteral(":saved")); // skopeo reads it
    QVERIFY2(!stored.isEmpty(), "skopeo cannot read the layout");
    QCOMPARE(in->result().digest, Digest::sha256Of(stored));
    const QJsonObject was = QJsonDocument::fromJson(original).object();
    const QJsonObject now = QJsonDocument::fromJson(stored).object();
    QVERIFY(now.value(QLatin1String("mediaType")).toString().startsWith(QLatin1String("application/vnd.oci.image.")));
    // Same blobs (an image) or same platforms (a list, each child converted).
    const auto digestsOf = [](const QJsonArray &descriptors) {
        QStringList digests;
        for (const QJsonValue &d : descriptors)
            digests << d.toObject().value(QLatin1String("digest")).toString();
        return digests;
    };
    if (was.contains(QLatin1String("layers"))) {
        QCOMPARE(now.value(QLatin1String("config")).toObject().value(QLatin1String("digest")),
            was.value(QLatin1String("config")).toObject().value(QLatin1String("digest")));
        QCOMPARE(digestsOf(now.value(QLatin1String("layers")).toArray()), digestsOf(was.value(QLatin1String("layers")).toArray()));
    } else {
        const QJsonArray before = was.value(QLatin1String("manifests")).toArray();
        const QJsonArray after = now.value(QLatin1String("manifests")).toArray();
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < after.size(); ++i)
            QCOMPARE(after.at(i).toObject().value(QLatin1String("platform")), before.at(i).toObject().value(QLatin1String("platform")));
    }
    // Out again: the registry gets the layout's (converted) manifest.
    const QString destination = m_destination->hostAndPort() + QStringLiteral("/restored/app:1");
    std::unique_ptr<CopyJob> out(push(layout, QStringLiteral("saved"), destination));
    QVERIFY(runJob(out.get()));
    QVERIFY2(!out->error().isError(), qPrintable(out->error().message));
    QCOMPARE(raw(QStringLiteral("docker://") + destination), stored);
}

void TestLayout::secondPullSkipsPresentBlobs()
{
    const QString layout = m_dir->filePath(QStringLiteral("store"));
    const QString source = m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi");
    std::unique_ptr<CopyJob> first(pull(source, layout, QStringLiteral("a")));
    QVERIFY(runJob(first.get()));
    std::unique_ptr<CopyJob> second(pull(source, layout, QStringLiteral("b")));
    QVERIFY(runJob(second.get()));
    QVERIFY(!second->error().isError());
    QCOMPARE(second->result().bytesStreamed, 0);
    QCOMPARE(second->result().blobsSkipped, first->result().blobsStreamed);
    QFile index(layout + QStringLiteral("/index.json"));
    QVERIFY(index.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(index.readAll()).object().value(QLatin1String("manifests")).toArray().size(), 2);
}

void TestLayout::skopeoLayoutsArePushed()
{
    const QString layout = m_dir->filePath(QStringLiteral("by-skopeo"));
    const QString source = QStringLiteral("docker://") + m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi");
    const ProcessResult made = runSkopeo({QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--preserve-digests"),
                                          QStringLiteral("--src-tls-verify=false"), source, QStringLiteral("oci:") + layout + QStringLiteral(":v1")});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const QString destination = m_destination->hostAndPort() + QStringLiteral("/from-skopeo/app:v1");
    std::unique_ptr<CopyJob> job(push(layout, QStringLiteral("v1"), destination));
    QVERIFY(runJob(job.get()));
    QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
    QCOMPARE(raw(QStringLiteral("docker://") + destination), raw(source));
}

void TestLayout::failedPullLeavesLayoutUntouched()
{
    const QString layout = m_dir->filePath(QStringLiteral("store"));
    std::unique_ptr<CopyJob> good(pull(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                       layout, QStringLiteral("kept")));
    QVERIFY(runJob(good.get()));
    QFile index(layout + QStringLiteral("/index.json"));
    QVERIFY(index.open(QIODevice::ReadOnly));
    const QByteArray before = index.readAll();
    index.close();

    FaultProxy proxy(m_set->anonymous()->baseUrl());
    proxy.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &response) {
        if (r.url.path().contains(QLatin1String("/blobs/")) && response.body.size() > 100000)
            response.body[1000] = static_cast<char>(response.body[1000] ^ 1);
    });
    std::unique_ptr<CopyJob> bad(pull(proxy.hostAndPort() + QLatin1Char('/') + Fixtures::DockerImage + QStringLiteral(":2.1"),
                                      layout, QStringLiteral("broken")));
    QVERIFY(runJob(bad.get()));
    QCOMPARE(bad->error().code, Error::Code::BadResponse);
    QVERIFY(index.open(QIODevice::ReadOnly));
    QCOMPARE(index.readAll(), before); // no entry for the failed image
    QDirIterator it(layout, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(!path.endsWith(QLatin1String(".partial")), qPrintable(path));
        // Nothing half-written left behind: blobs are named by their digest.
        if (path.contains(QLatin1String("/blobs/")))
            QVERIFY2(it.fileName().size() == 64, qPrintable(path));
    }
    QCOMPARE(raw(QStringLiteral("oci:") + layout + QStringLiteral(":kept")).isEmpty(), false);
}

void TestLayout::corruptLocalBlobIsRefused()
{
    const QString layout = m_dir->filePath(QStringLiteral("store"));
    std::unique_ptr<CopyJob> in(pull(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                     layout, QStringLiteral("x")));
    QVERIFY(runJob(in.get()));
    // Flip one byte of the 256 KiB layer.
    QDirIterator it(layout + QStringLiteral("/blobs/sha256"), QDir::Files);
    QString victim;
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).size() == 262144)
            victim = path;
    }
    QVERIFY(!victim.isEmpty());
    QFile file(victim);
    QVERIFY(file.open(QIODevice::ReadWrite));
    file.seek(100);
    file.write("X");
    file.close();
    const QString destination = m_destination->hostAndPort() + QStringLiteral("/from-corrupt/app:1");
    std::unique_ptr<CopyJob> out(push(layout, QStringLiteral("x"), destination));
    QVERIFY(runJob(out.get()));
    QVERIFY(out->error().isError());
    // Refused by the registry (DIGEST_INVALID), or before it, by the stream's own check.
    QVERIFY2(out->error().detail.contains(QStringLiteral("DIGEST_INVALID")) || out->error().message.contains(QStringLiteral("DIGEST"))
            || out->error().message.contains(QStringLiteral("hash to")),
             qPrintable(out->error().message + QLatin1Char(' ') + out->error().detail));
    QVERIFY(raw(QStringLiteral("docker://") + destination).isEmpty()); // no tag
}

void TestLayout::badLayouts()
{
    const QString notLayout = m_dir->filePath(QStringLiteral("plain"));
    QVERIFY(QDir().mkpath(notLayout));
    QFile(notLayout + QStringLiteral("/file.txt")).open(QIODevice::WriteOnly);
    std::unique_ptr<CopyJob> job(pull(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                      notLayout, QStringLiteral("x")));
    QVERIFY(runJob(job.get()));
    QCOMPARE(job->error().code, Error::Code::Io);
    QVERIFY2(job->error().message.contains(QStringLiteral("is not an OCI image layout")), qPrintable(job->error().message));

    std::unique_ptr<CopyJob> missing(push(m_dir->filePath(QStringLiteral("nowhere")), QStringLiteral("x"),
                                          m_destination->hostAndPort() + QStringLiteral("/a/b:1")));
    QVERIFY(runJob(missing.get()));
    QVERIFY2(missing->error().message.contains(QStringLiteral("does not exist")), qPrintable(missing->error().message));

    const QString layout = m_dir->filePath(QStringLiteral("store"));
    std::unique_ptr<CopyJob> in(pull(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":1.0"),
                                     layout, QStringLiteral("x")));
    QVERIFY(runJob(in.get()));
    std::unique_ptr<CopyJob> unknownName(push(layout, QStringLiteral("nope"), m_destination->hostAndPort() + QStringLiteral("/a/b:1")));
    QVERIFY(runJob(unknownName.get()));
    QCOMPARE(unknownName->error().code, Error::Code::NotFound);
    QVERIFY2(unknownName->error().message.contains(QStringLiteral("no image \"nope\"")), qPrintable(unknownName->error().message));

    // Layout to layout, as any transport to any other.
    const QString other = m_dir->filePath(QStringLiteral("other"));
    const ProcessResult both = runCli({QStringLiteral("copy"), QStringLiteral("oci:") + layout + QStringLiteral(":x"), QStringLiteral("oci:") + other + QStringLiteral(":y")});
    QVERIFY2(both.exitCode == 0, both.err.constData());
    QCOMPARE(raw(QStringLiteral("oci:") + other + QStringLiteral(":y")), raw(QStringLiteral("oci:") + layout + QStringLiteral(":x")));
    const ProcessResult cli = runCli({QStringLiteral("copy"), QStringLiteral("oci:") + layout + QStringLiteral(":x"),
                                      QStringLiteral("docker://") + m_destination->hostAndPort() + QStringLiteral("/cli/layout:1")});
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
}

void TestLayout::layoutPushFallsBackToChunks()
{
    // A 3 MiB layer in a layout, pushed through a proxy that refuses bodies
    // over 1 MiB (413) and asks for chunks of at least 700,000 bytes.
    RegistryServer source{RegistryServer::Options()};
    QVERIFY(source.isRunning());
    RawRegistry registry(source.baseUrl());
    QVERIFY2(!registry.pushSingleLayerImage(QStringLiteral("big/app"), QStringLiteral("1"), 3 * 1024 * 1024 + 17).isEmpty(),
        qPrintable(registry.error()));
    const QString layout = m_dir->filePath(QStringLiteral("big"));
    std::unique_ptr<CopyJob> in(pull(source.hostAndPort() + QStringLiteral("/big/app:1"), layout, QStringLiteral("big")));
    QVERIFY(runJob(in.get(), 60000));
    QVERIFY2(!in->error().isError(), qPrintable(in->error().message));

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
    std::unique_ptr<CopyJob> out(push(layout, QStringLiteral("big"), front.hostAndPort() + QStringLiteral("/chunked/app:1")));
    QVERIFY(runJob(out.get(), 60000));
    QVERIFY2(!out->error().isError(), qPrintable(out->error().message));
    QCOMPARE(raw(QStringLiteral("docker://") + m_destination->hostAndPort() + QStringLiteral("/chunked/app:1")),
        raw(QStringLiteral("docker://") + source.hostAndPort() + QStringLiteral("/big/app:1")));
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
    QVERIFY2(largest >= 4, qPrintable(QString::number(largest)));
}

void TestLayout::layoutPushMountsWhatTheRegistryHas()
{
    const QString layout = m_dir->filePath(QStringLiteral("store"));
    std::unique_ptr<CopyJob> in(pull(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage
            + QStringLiteral(":1.0"),
        layout, QStringLiteral("app")));
    QVERIFY(runJob(in.get()));
    QVERIFY2(!in->error().isError(), qPrintable(in->error().message));
    std::unique_ptr<CopyJob> first(push(layout, QStringLiteral("app"), m_destination->hostAndPort() + QStringLiteral("/team-a/app:1")));
    QVERIFY(runJob(first.get()));
    QVERIFY2(!first->error().isError(), qPrintable(first->error().message));
    QCOMPARE(first->result().blobsStreamed, 4);
    // Into another repository of that registry: the engine knows where the
    // blobs are, so they are mounted, not sent again.
    std::unique_ptr<CopyJob> second(push(layout, QStringLiteral("app"), m_destination->hostAndPort() + QStringLiteral("/team-b/app:1")));
    QVERIFY(runJob(second.get()));
    QVERIFY2(!second->error().isError(), qPrintable(second->error().message));
    QCOMPARE(second->result().blobsMounted, 4);
    QCOMPARE(second->result().bytesStreamed, 0);
}

void TestLayout::cancelledLayoutPushDeletesItsSessions()
{
    const QString layout = m_dir->filePath(QStringLiteral("store"));
    std::unique_ptr<CopyJob> in(pull(m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage
            + QStringLiteral(":1.0"),
        layout, QStringLiteral("app")));
    QVERIFY(runJob(in.get()));
    // A destination that opens upload sessions at once but is slow to take
    // their bytes, so the cancel comes with sessions open.
    FaultProxy slow(m_destination->baseUrl());
    slow.setMutation([](const MiniHttpServer::Request &r, MiniHttpServer::Response &) {
        if (r.method == "PUT" || r.method == "PATCH")
            QThread::msleep(700);
    });
    std::unique_ptr<CopyJob> job(push(layout, QStringLiteral("app"), slow.hostAndPort() + QStringLiteral("/cancelled/app:1")));
    job->setAutoDelete(false);
    QSignalSpy finished(job.get(), &Job::finished);
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(slow.requests().cbegin(), slow.requests().cend(), [](const auto &r) { return r.method == "POST"; }), 10000);
    QTest::qWait(200);
    job->cancel();
    // Finished once the engine's copy has stopped (with what it sent).
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(job->error().code, Error::Code::Cancelled);
    bool idle = false;
    m_engine->whenIdle(this, [&idle] { idle = true; }, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(idle, 20000);
    // Every session the push opened was ended: its small blob's PUT let
    // finish, or deleted.
    int opened = 0;
    int ended = 0;
    for (const auto &r : slow.requests()) {
        opened += r.method == "POST" ? 1 : 0;
        ended += r.method == "PUT" || r.method == "DELETE" ? 1 : 0;
    }
    QVERIFY(opened >= 1);
    QCOMPARE(ended, opened);
    QDirIterator it(m_destination->storageDirectory(), {QStringLiteral("startedat")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        QVERIFY2(!it.next().contains(QLatin1String("/_uploads/")), qPrintable(it.filePath()));
}

QTEST_GUILESS_MAIN(TestLayout)
#include "test_layout.moc"
