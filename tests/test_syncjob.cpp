// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// SyncJob's scheduling, in process against real registries: at most the
// command's number of images at once overall, and at most a registry's own
// `concurrency` from that registry, while another registry goes faster.
#include "core/sync/syncjob.h"
#include "core/transfer/transferengine.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "registrytestutil.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace crossdock;
using namespace crossdock::test;

class TestSyncJob : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void perRegistryConcurrency();
};

void TestSyncJob::perRegistryConcurrency()
{
    RegistryServer limited {RegistryServer::Options()};
    RegistryServer open {RegistryServer::Options()};
    RegistryServer destination {RegistryServer::Options()};
    QVERIFY(limited.isRunning() && open.isRunning() && destination.isRunning());
    QList<SyncItem> items;
    for (RegistryServer *source : {&limited, &open}) {
        RawRegistry raw(source->baseUrl());
        for (int i = 0; i < 4; ++i) {
            const QString tag = QStringLiteral("v%1").arg(i);
            QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("app"), tag, 4096 + i).isEmpty());
            SyncItem item;
            item.source = ImageReference::parse(source->hostAndPort() + QStringLiteral("/app:") + tag);
            item.destination = ImageReference::parse(destination.hostAndPort() + QStringLiteral("/")
                + source->hostAndPort().section(QLatin1Char(':'), 1) + QStringLiteral("/app:") + tag);
            item.registryConcurrency = source == &limited ? 1 : 0;
            items << item;
        }
    }
    TransferEngine engine;
    QNetworkAccessManager network;
    SyncOptions options;
    options.concurrency = 4;
    SyncJob job(&engine, &network, items, options);
    QHash<QString, int> running, most;
    int overall = 0, mostOverall = 0;
    connect(&job, &SyncJob::itemStarted, this, [&](int index) {
        const QString registry = items.at(index).sourceRegistry();
        most[registry] = std::max(most[registry], ++running[registry]);
        mostOverall = std::max(mostOverall, ++overall);
    });
    connect(&job, &SyncJob::itemFinished, this, [&](int index) {
        --running[items.at(index).sourceRegistry()];
        --overall;
    });
    QVERIFY(runJob(&job, 60000));
    QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
    QCOMPARE(job.count(SyncOutcome::Kind::Copied), 8);
    QCOMPARE(most.value(limited.hostAndPort()), 1);
    QVERIFY(most.value(open.hostAndPort()) > 1);
    QCOMPARE(mostOverall, 4);
}

QTEST_GUILESS_MAIN(TestSyncJob)
#include "test_syncjob.moc"
