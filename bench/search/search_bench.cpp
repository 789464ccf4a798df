// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The search across registries (Ctrl+K) over 10,000 repositories in each of
// three registries.
//
// Three real docker-registry servers on loopback. Each gets one pushed
// image; 9,999 more repositories are made in its storage the way a push
// leaves them for the catalog (a <name>/_layers folder, which is what distribution lists), so each catalog
// really lists 10,000 names, ten pages of 1,000. The main window opens the
// search dialog, which lists the three catalogs with the app's own code
// (SearchFeeder, CatalogJob) while a 10 ms timer timestamps the event loop.
// Then queries are typed a key at a time, as a user does. Reported: how
// long the catalogs took to list, the time from each keystroke to its hits
// being on screen (median and worst), and the worst event-loop stall during
// the listing and during the typing.
#include "benchsupport.h"
#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/browse/searchindex.h"
#include "core/credentials/sessioncredentials.h"
#include "core/registry/registrysettings.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "ui/mainwindow.h"
#include "ui/search/searchdialog.h"
#include "ui/search/searchresultsmodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace crossdock;
using namespace crossdock::test;
using crossdock::bench::StallMeter;

namespace {

constexpr int Registries = 3;
constexpr int RepositoriesEach = 10000;

// team07/service-01234: teams of 100 services, as a big company's registry.
QString repositoryName(int i)
{
    return QStringLiteral("team%1/service-%2").arg(i / 100, 2, 10, QLatin1Char('0')).arg(i, 5, 10, QLatin1Char('0'));
}

bool fillCatalog(const RegistryServer &server)
{
    RawRegistry raw(server.baseUrl());
    if (raw.pushSingleLayerImage(repositoryName(0), QStringLiteral("1.0"), 4096).isEmpty())
        return false;
    const QString root = server.storageDirectory() + QStringLiteral("/docker/registry/v2/repositories/");
    for (int i = 1; i < RepositoriesEach; ++i)
        if (!QDir().mkpath(root + repositoryName(i) + QStringLiteral("/_layers")))
            return false;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    std::vector<std::unique_ptr<RegistryServer>> servers;
    QTemporaryDir dir;
    RegistrySettings settings;
    QString error;
    for (int r = 0; r < Registries; ++r) {
        servers.push_back(std::make_unique<RegistryServer>(RegistryServer::Options()));
        if (!servers.back()->isRunning() || !fillCatalog(*servers.back())) {
            std::fprintf(stderr, "registry %d: %s\n", r, qPrintable(servers.back()->errorText()));
            return 1;
        }
        RegistryEntry entry;
        entry.host = servers.back()->hostAndPort();
        settings.upsert(entry, &error);
    }
    QNetworkAccessManager network;
    SessionCredentials session;
    ContentCache cache(dir.filePath(QStringLiteral("cache")));
    LocalStore local(dir.filePath(QStringLiteral("local")));
    MainWindow window(AppServices {
        &network, &settings, dir.filePath(QStringLiteral("registries.json")), &session, &cache, &local});
    window.resize(1280, 800);
    window.show();
    QTest::qWait(500); // the panes connected

    StallMeter meter;
    meter.start();
    QElapsedTimer listing;
    listing.start();
    SearchDialog *search = window.openSearch();
    auto *field = search->findChild<QLineEdit *>(QStringLiteral("searchField"));
    // The catalogs list in the background: wait for all 30,000 names.
    // Wait until the index holds every repository (the status line counts them).
    const bool complete = QTest::qWaitFor(
        [&] {
            field->setText(QStringLiteral("service-09999"));
            return search->results()->rowCount() == Registries; // the last repository, on each registry
        },
        120000);
    const qint64 listingMs = listing.elapsed();
    const qint64 listingStall = meter.worst;
    if (!complete) {
        std::fprintf(stderr, "the catalogs were not listed within 2 minutes\n");
        return 1;
    }
    field->clear();
    QTest::qWait(200);

    // Typing, a key at a time; each keystroke's hits are on screen when
    // keyClick returns (the field searches on every change).
    meter.start();
    QList<qint64> perKey;
    const QStringList queries {QStringLiteral("service-04321"), QStringLiteral("team42 service"), QStringLiteral("07/serv"),
        QStringLiteral("vice-1"), QStringLiteral("team99/service-09999")};
    int hits = 0;
    for (const QString &query : queries) {
        field->clear();
        for (const QChar c : query) {
            QElapsedTimer key;
            key.start();
            QTest::keyClick(field, c.toLatin1());
            perKey << key.elapsed();
            QTest::qWait(60); // a fast typist
        }
        hits += search->results()->rowCount();
    }
    const qint64 typingStall = meter.worst;
    std::sort(perKey.begin(), perKey.end());
    std::printf("| %d registries x %d repositories | catalogs listed in %.2f s | keystroke to hits: median %lld ms, "
                "worst %lld ms (%lld keys) | worst stall: %lld ms listing, %lld ms typing |\n",
        Registries, RepositoriesEach, listingMs / 1000.0, perKey.at(perKey.size() / 2), perKey.last(),
        static_cast<long long>(perKey.size()), listingStall, typingStall);
    std::printf("(%d hits for the last characters of %lld queries)\n", hits, static_cast<long long>(queries.size()));
    return 0;
}
