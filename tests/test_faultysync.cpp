// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// `crossdock-cli sync --dest oci` through a fault proxy that fails 5% of the
// requests to a real registry - 503 answers and bodies broken off midway,
// the ping included - with three random seeds at once: every one of 301
// images lands in the layout, each tag naming the source's digest and every
// blob it needs present and digest-checked. Blob downloads into files retry
// and resume as registry-to-registry copies do.
#include "core/transports/oci/ocilayout.h"
#include "faultproxy.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

using namespace crossdock;
using namespace crossdock::test;
using Request = MiniHttpServer::Request;
using Response = MiniHttpServer::Response;

namespace {

constexpr int Images = 301;
constexpr int FaultPercent = 5;

QString tagFor(int i)
{
    return QStringLiteral("i%1").arg(i, 3, 10, QLatin1Char('0'));
}

// Fails FaultPercent of what passes through, chosen by a seeded generator.
struct Faults
{
    explicit Faults(quint32 seed)
        : random(seed)
    {
    }
    void apply(Response &response)
    {
        QMutexLocker lock(&mutex);
        if (random.bounded(100) >= FaultPercent)
            return;
        ++injected;
        if (random.bounded(2) == 0 && response.body.size() > 1) {
            response.announcedLength = response.body.size(); // the connection drops mid-body
            response.body.truncate(response.body.size() / 2);
        } else {
            response.status = 503;
            response.body = R"({"errors":[{"code":"UNAVAILABLE","message":"injected fault"}]})";
        }
    }
    QMutex mutex;
    QRandomGenerator random;
    int injected = 0;
};

} // namespace

class TestFaultySync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyImageLandsDespiteFaults();

private:
    // Every named image resolves to the source's digest, and every blob it
    // references is there with the right bytes. Returns the problems found.
    QStringList verifyLayout(const QString &directory);

    std::unique_ptr<RegistryServer> m_source;
    QHash<QString, QString> m_digests; // tag -> manifest digest at the source
};

void TestFaultySync::initTestCase()
{
    m_source = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_source->isRunning(), qPrintable(m_source->errorText()));
    RawRegistry raw(m_source->baseUrl());
    for (int i = 0; i < Images; ++i) {
        // A layer of its own per image (sizes differ), one shared config.
        QVERIFY2(!raw.pushSingleLayerImage(QStringLiteral("fleet/app"), tagFor(i), 1000 + 7 * i).isEmpty(),
            qPrintable(raw.error()));
        const RawRegistry::Reply manifest = raw.request("GET", QStringLiteral("/v2/fleet/app/manifests/") + tagFor(i),
            {}, {{"Accept", "application/vnd.oci.image.manifest.v1+json"}});
        QCOMPARE(manifest.status, 200);
        m_digests.insert(tagFor(i),
            QStringLiteral("sha256:")
                + QString::fromLatin1(QCryptographicHash::hash(manifest.body, QCryptographicHash::Sha256).toHex()));
    }
}

QStringList TestFaultySync::verifyLayout(const QString &directory)
{
    QStringList problems;
    QString error;
    const auto layout = OciLayout::open(directory, false, &error);
    if (!layout)
        return {error};
    const auto named = layout->namedManifests(&error);
    if (!named)
        return {error};
    if (named->size() != Images)
        problems << QStringLiteral("%1 images in %2, expected %3").arg(named->size()).arg(directory).arg(Images);
    for (const auto &[name, descriptor] : *named) {
        const QString tag = name.section(QLatin1Char(':'), 1);
        if (descriptor.digest.toString() != m_digests.value(tag)) {
            problems << QStringLiteral("%1 names %2, the source %3").arg(name, descriptor.digest.toString(), m_digests.value(tag));
            continue;
        }
        const auto bytes = layout->readBlob(descriptor.digest, Manifest::MaxSize, &error); // digest-checked
        if (!bytes) {
            problems << error;
            continue;
        }
        const auto manifest = Manifest::parse(*bytes, descriptor.mediaType, &error);
        if (!manifest) {
            problems << error;
            continue;
        }
        QList<Descriptor> blobs{manifest->config()};
        blobs << manifest->layers();
        for (const Descriptor &blob : std::as_const(blobs)) {
            if (!layout->readBlob(blob.digest, 1024 * 1024, &error))
                problems << QStringLiteral("%1: %2").arg(name, error);
        }
    }
    return problems;
}

void TestFaultySync::everyImageLandsDespiteFaults()
{
    const QList<quint32> seeds{11, 22, 33};
    QTemporaryDir scratch;
    std::vector<std::unique_ptr<Faults>> faults;
    std::vector<std::unique_ptr<FaultProxy>> proxies;
    std::vector<std::unique_ptr<QProcess>> syncs;
    for (const quint32 seed : seeds) {
        faults.push_back(std::make_unique<Faults>(seed));
        proxies.push_back(std::make_unique<FaultProxy>(m_source->baseUrl()));
        Faults *f = faults.back().get();
        proxies.back()->setMutation([f](const Request &, Response &response) { f->apply(response); });
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(isolatedEnvironment(scratch.filePath(QStringLiteral("env%1").arg(seed))));
        process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        process->start(cliPath(),
            {QStringLiteral("sync"), QStringLiteral("--tls-verify=false"), QStringLiteral("--src"), QStringLiteral("docker"),
                QStringLiteral("--dest"), QStringLiteral("oci"), proxies.back()->hostAndPort() + QStringLiteral("/fleet/app"),
                scratch.filePath(QStringLiteral("layout%1").arg(seed))});
        QVERIFY(process->waitForStarted());
        syncs.push_back(std::move(process));
    }
    for (size_t i = 0; i < syncs.size(); ++i) {
        QProcess &sync = *syncs[i];
        QVERIFY2(sync.waitForFinished(300000), "sync did not finish in 5 minutes");
        const QByteArray err = sync.readAllStandardError();
        QVERIFY2(sync.exitStatus() == QProcess::NormalExit && sync.exitCode() == 0,
            qPrintable(QStringLiteral("seed %1: exit %2\n%3").arg(seeds[i]).arg(sync.exitCode()).arg(QString::fromUtf8(err.right(3000)))));
        const QStringList problems = verifyLayout(scratch.filePath(QStringLiteral("layout%1").arg(seeds[i])));
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("seed %1:\n").arg(seeds[i]) + problems.mid(0, 20).join(QLatin1Char('\n'))));
        // The faults happened: about 5% of well over a thousand requests.
        QVERIFY2(faults[i]->injected >= 20, qPrintable(QString::number(faults[i]->injected)));
        qInfo("seed %u: %d faults injected into %lld requests; %d/%d images complete", seeds[i], faults[i]->injected,
            static_cast<long long>(proxies[i]->requests().size()), Images, Images);
    }
}

QTEST_GUILESS_MAIN(TestFaultySync)
#include "test_faultysync.moc"
