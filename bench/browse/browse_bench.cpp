// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// GUI responsiveness while a 20,000-tag repository loads in a registry pane.
//
// A real docker-registry on loopback holds one image under 20,000 tags
// (one pushed, the rest written as tag links in its storage, which is what a
// push leaves there). The pane opens the repository; a 10 ms timer
// timestamps the event loop the whole time. Reported: time to the first rows
// in the table, time until every tag's details are loaded, the worst gap
// between timer ticks (a stall the user would feel), and the same again with
// a warm content cache (a repository opened before). For reference, the time
// `skopeo list-tags` takes for the same repository in the same run.
#include "benchsupport.h"
#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/credentials/sessioncredentials.h"
#include "core/registry/registrysettings.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "testenv.h"
#include "ui/browse/registrypane.h"
#include "ui/browse/tagtablemodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>

using namespace crossdock;
using namespace crossdock::test;
using crossdock::bench::StallMeter;

namespace {

constexpr int TagCount = 20000;
const QString Repository = QStringLiteral("bench/many");

struct Run {
    qint64 firstRowsMs = -1;
    qint64 allLoadedMs = -1;
    qint64 worstStallMs = -1;
};

Run measure(const AppServices &services, ContentCache *cache, const QString &host)
{
    Run run;
    RegistryPane pane(services, cache);
    pane.resize(1200, 800);
    pane.show();
    pane.openRegistry(host);
    QTest::qWait(300); // connected; the catalog listed
    StallMeter meter;
    meter.start();
    QElapsedTimer since;
    since.start();
    pane.openRepository(Repository);
    auto *table = pane.findChild<QTableView *>(QStringLiteral("tagTable"));
    QEventLoop loop;
    QTimer poll; // cheap check, every 5 ms, of what the user sees
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (run.firstRowsMs < 0 && table->model()->rowCount() > 0)
            run.firstRowsMs = since.elapsed();
        TagTableModel *model = pane.tagModel();
        if (model && !model->isListing() && model->rowCount() == TagCount && model->loadedCount() == TagCount) {
            run.allLoadedMs = since.elapsed();
            loop.quit();
        }
    });
    poll.start();
    QTimer::singleShot(600000, &loop, &QEventLoop::quit);
    loop.exec();
    run.worstStallMs = meter.worst;
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    RegistryServer server {RegistryServer::Options()};
    if (!server.isRunning()) {
        qCritical("registry: %s", qPrintable(server.errorText()));
        return 1;
    }
    RawRegistry raw(server.baseUrl());
    if (raw.pushSingleLayerImage(Repository, QStringLiteral("v00000"), 4096).isEmpty()) {
        qCritical("push: %s", qPrintable(raw.error()));
        return 1;
    }
    const QString seed = bench::taggedDigest(server.storageDirectory(), Repository, QStringLiteral("v00000"));
    if (seed.isEmpty()
        || !bench::writeTags(server.storageDirectory(), Repository, seed, TagCount, QStringLiteral("v"))) {
        qCritical("could not write the tags");
        return 1;
    }

    QElapsedTimer skopeoClock;
    skopeoClock.start();
    const ProcessResult listed = runSkopeo({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
        QStringLiteral("docker://") + server.hostAndPort() + QLatin1Char('/') + Repository});
    const qint64 skopeoMs = skopeoClock.elapsed();
    if (listed.exitCode != 0 || !listed.out.contains("v19999")) {
        qCritical("skopeo list-tags failed: %s", listed.err.constData());
        return 1;
    }

    QTemporaryDir dir;
    QNetworkAccessManager network;
    RegistrySettings settings;
    RegistryEntry entry;
    entry.host = server.hostAndPort();
    QString error;
    settings.upsert(entry, &error);
    SessionCredentials session;
    ContentCache cache(dir.filePath(QStringLiteral("cache")));
    LocalStore local(dir.filePath(QStringLiteral("local")));
    const AppServices services {
        &network, &settings, dir.filePath(QStringLiteral("registries.json")), &session, &cache, &local};

    const Run cold = measure(services, &cache, server.hostAndPort());
    const Run warm = measure(services, &cache, server.hostAndPort());
    printf("tags: %d\n", TagCount);
    printf("skopeo list-tags (reference): %lld ms\n", skopeoMs);
    printf("cold cache: first rows %lld ms, all details %lld ms, worst event-loop stall %lld ms\n", cold.firstRowsMs,
        cold.allLoadedMs, cold.worstStallMs);
    printf("warm cache: first rows %lld ms, all details %lld ms, worst event-loop stall %lld ms\n", warm.firstRowsMs,
        warm.allLoadedMs, warm.worstStallMs);
    const bool ok = cold.firstRowsMs >= 0 && cold.firstRowsMs <= 1000 && cold.worstStallMs <= 50
        && warm.worstStallMs <= 50 && cold.allLoadedMs >= 0 && warm.allLoadedMs >= 0;
    rusage self {};
    getrusage(RUSAGE_SELF, &self);
    printf("crossdock process CPU (both runs): %.1f s user, %.1f s system; peak RSS %ld MiB\n",
        self.ru_utime.tv_sec + self.ru_utime.tv_usec / 1e6, self.ru_stime.tv_sec + self.ru_stime.tv_usec / 1e6,
        self.ru_maxrss / 1024);
    printf("targets (first rows <= 1000 ms, stalls <= 50 ms): %s\n", ok ? "met" : "NOT met");
    return ok ? 0 : 1;
}
