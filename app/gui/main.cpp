// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/appservices.h"

#include "core/net/tlsenvironment.h"
#include "core/registry/registriesconf.h"
#include "core/base/processhardening.h"
#include "core/base/threadexitbarrier.h"
#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/image/blobsizelimit.h"
#include "core/credentials/sessioncredentials.h"
#include "core/registry/registrysettings.h"
#include "core/transfer/transferengine.h"
#include "core/transfer/transferhistory.h"
#include "core/transfer/transferqueue.h"
#include "core/trust/signingkeys.h"
#include "core/trust/trustpolicy.h"
#include "ui/mainwindow.h"
#include "ui/singleinstance.h"
#include "ui/workspace.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QNetworkAccessManager>
#include <QStatusBar>

#include <cstdio>
#include <optional>

namespace {

// --version and --help answer before QApplication exists, so they work
// without a display (over ssh, in a package test). Nullopt: start the GUI.
std::optional<int> answerWithoutGui(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--version" || arg == "-v") {
            std::printf("crossdock %s\n", CROSSDOCK_VERSION);
            return 0;
        }
        if (arg == "--help" || arg == "-h") {
            std::printf("Usage: crossdock [REFERENCE]\n\n"
                        "Browse container registries side by side and promote images between them.\n"
                        "REFERENCE ([docker://]host/repository[:tag]) opens that image in the first pane;\n"
                        "with Crossdock already running, it opens there.\n\n"
                        "  -h, --help     Show this help.\n"
                        "  -v, --version  Show the version.\n\n"
                        "The command-line tool is crossdock-cli; see crossdock-cli --help.\n");
            return 0;
        }
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything holds a secret: a crash must not write one to disk.
    crossdock::disableCoreDumps();
    if (const auto answered = answerWithoutGui(argc, argv))
        return *answered;
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Crossdock"));
    QApplication::setOrganizationName(QStringLiteral("Crossdock"));
    QApplication::setApplicationVersion(QStringLiteral(CROSSDOCK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.crossdock.Crossdock"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/crossdock.svg")));

    QString limitError;
    if (!crossdock::BlobSizeLimit::applyEnvironment(&limitError)) {
        std::fprintf(stderr, "crossdock: %s\n", qUtf8Printable(limitError));
        return 1;
    }
    // A corporate CA a runner or the desktop session names in SSL_CERT_FILE/DIR.
    for (const QString &warning : crossdock::trustCaEnvironment())
        std::fprintf(stderr, "crossdock: warning: %s\n", qUtf8Printable(warning));
    // registries.conf, as skopeo and podman here read it: blocked registries.
    QString confError;
    const std::optional<crossdock::RegistriesConf> registriesConf = crossdock::RegistriesConf::loadDefault(&confError);
    if (!registriesConf)
        std::fprintf(stderr, "crossdock: registries.conf: %s (not applied)\n", qUtf8Printable(confError));
    crossdock::RegistrySettings registries;
    crossdock::SessionCredentials sessionCredentials;
    const QString registriesPath = crossdock::RegistrySettings::defaultPath();
    QString settingsError;
    const bool settingsLoaded = registries.load(registriesPath, &settingsError);
    if (!settingsLoaded) {
        // Keep the unreadable file for the user (never overwritten by the next
        // save) and start with an empty list.
        const QString keptAs = registriesPath + QStringLiteral(".unreadable-")
            + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
        if (QFile::rename(registriesPath, keptAs))
            settingsError += QStringLiteral("; kept as %1, starting with no registries").arg(keptAs);
    }
    crossdock::ContentCache contentCache(crossdock::ContentCache::defaultDirectory());
    crossdock::LocalStore localStore(crossdock::LocalStore::defaultDirectory());

    const QStringList args = QApplication::arguments();
    const QString reference = args.size() > 1 ? args.at(1) : QString();

    int exitCode = 0;
    crossdock::ThreadExitBarrier stopping;
    {
        // Everything with a network thread lives in this scope and is gone,
        // threads stopped, before main() returns (see ThreadExitBarrier).
        QNetworkAccessManager network;
        // The copy engine runs in its own thread; the queue feeds it promotions.
        crossdock::TransferEngine engine;
        crossdock::TransferHistory history(crossdock::TransferHistory::defaultPath());
        // The signature policy every promotion's source must satisfy (containers-policy.json).
        crossdock::EnforcedTrustPolicy trust = crossdock::EnforcedTrustPolicy::loadDefault();
        if (!trust.error.isEmpty())
            std::fprintf(stderr, "crossdock: signature policy: %s (promotions are refused)\n", qUtf8Printable(trust.error));
        crossdock::TransferQueue transfers(&engine, &network, &history, trust);
        crossdock::SigningKeys signingKeys; // unlocked in memory for this session only
        // One window per user: a second start hands its reference to the
        // first and quits; the first opens the window.
        crossdock::SingleInstance instance(crossdock::SingleInstance::defaultSocketPath());
        std::optional<crossdock::MainWindow> window;
        QObject::connect(&instance, &crossdock::SingleInstance::handedOver, &app, [&app] { app.exit(0); });
        QObject::connect(&instance, &crossdock::SingleInstance::becamePrimary, &app, [&] {
            window.emplace(crossdock::AppServices {&network, &registries, registriesPath, &sessionCredentials,
                &contentCache, &localStore, &transfers, crossdock::WorkspaceState::defaultPath(),
                registriesConf ? &*registriesConf : nullptr, trust, &signingKeys});
            window->show();
            if (!settingsLoaded)
                window->statusBar()->showMessage(settingsError);
            if (!reference.isEmpty())
                window->openReference(reference);
        });
        QObject::connect(&instance, &crossdock::SingleInstance::openRequested, &app, [&window](const QString &asked) {
            if (!window)
                return;
            window->showNormal();
            window->raise();
            window->activateWindow();
            if (!asked.isEmpty())
                window->openReference(asked);
        });
        instance.start(reference);
        exitCode = app.exec();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        stopping = crossdock::ThreadExitBarrier::capture();
    } // window, instance, queue, engine (joins its thread), access manager: in that order
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    stopping.waitForExit();
    return exitCode;
}
