// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "clidocs.h"
#include "clioptions.h"

#include "commandlinesecrets.h"
#include "commandrunner.h"
#include "core/base/logging.h"
#include "core/base/processhardening.h"
#include "core/base/threadexitbarrier.h"
#include "core/image/blobsizelimit.h"
#include "core/net/tlsdetails.h"
#include "core/net/tlsenvironment.h"
#include "core/net/useragent.h"
#include "core/registry/registriesconf.h"
#include "core/trust/lookasideconfig.h"
#include "core/trust/trustpolicy.h"
#include "shortnamearguments.h"
#include "signingflags.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

#include <cstdio>

namespace {

bool g_debug = false;
QElapsedTimer g_clock;

// The CLI's stderr is its own: one line per error. Qt's internal warnings
// (e.g. a benign race when a reply is aborted at exit) appear only with --debug.
void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const bool ours = context.category && qstrncmp(context.category, "crossdock.", 10) == 0;
    if (!ours && !g_debug && type != QtFatalMsg)
        return;
    // Debug lines carry the time since start, to see where time goes.
    std::fprintf(stderr, "%s%s%s%s\n", g_debug ? qPrintable(QStringLiteral("[%1] ").arg(g_clock.elapsed() / 1000.0, 7, 'f', 3)) : "",
                 context.category && !ours ? context.category : "", context.category && !ours ? ": " : "",
                 qUtf8Printable(ours ? QStringLiteral("%1: %2").arg(QString::fromLatin1(context.category), message) : message));
}

// Runs the command and returns its exit code once every network object and
// thread it used is gone: no network object outlives the application, and
// main() does not return while one of Qt's threads is still exiting.
int runCommand(QCoreApplication &app, const crossdock::cli::CliOptions &options)
{
    int exitCode = 0;
    crossdock::ThreadExitBarrier stopping;
    {
        QNetworkAccessManager network;
        crossdock::cli::CommandRunner runner(options, &network);
        QObject::connect(&runner, &crossdock::cli::CommandRunner::finished, &app, &QCoreApplication::exit);
        runner.start();
        exitCode = app.exec();
        // What the loop scheduled for deletion (replies, finished jobs) goes
        // now, while the application exists.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        stopping = crossdock::ThreadExitBarrier::capture();
    } // the runner (clients, jobs, any engine), then the access manager: their threads stop here
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    if (!stopping.waitForExit())
        qCDebug(lcHttp) << stopping.alive() << "network thread(s) still exiting after 5 s";
    return exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything holds a secret: a crash must not write one to disk.
    crossdock::disableCoreDumps();
    g_clock.start();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crossdock-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CROSSDOCK_VERSION));

    QString error;
    auto options = crossdock::cli::parseCommandLine(QCoreApplication::arguments(), &error);
    // Parsed: the passwords in argv have served; hide them from ps.
    crossdock::cli::hidePasswordsInArgv(argc, argv);
    if (!options) {
        std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(error));
        return 1;
    }
    for (const QString &warning : crossdock::cli::commandLinePasswordWarnings(*options))
        std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(warning));
    if (options->showHelp) {
        std::printf("%s", qUtf8Printable(options->command.isEmpty() ? crossdock::cli::usageText()
                                                                     : crossdock::cli::commandHelpText(options->command)));
        return 0;
    }
    if (options->showVersion) {
        std::printf("crossdock-cli %s\n", CROSSDOCK_VERSION);
        return 0;
    }
    if (options->command == QLatin1String("completion")) {
        const QString script = crossdock::cli::completionScript(options->arguments.value(0));
        if (options->arguments.size() != 1 || script.isEmpty()) {
            std::fprintf(stderr, "crossdock-cli: completion takes one shell: bash, zsh or fish\n");
            return 1;
        }
        std::printf("%s", qUtf8Printable(script));
        return 0;
    }
    const bool offline = options->command == QLatin1String("manifest-digest")
        || options->command == QLatin1String("completion") || options->command == QLatin1String("generate-sigstore-key")
        || options->command.startsWith(QLatin1String("standalone-"));
    if (!offline) {
        // registries.conf, as skopeo reads it: blocked, insecure, mirrors, rewrites.
        const auto registries = options->registriesConfPath.isEmpty()
            ? crossdock::RegistriesConf::loadDefault(&error)
            : crossdock::RegistriesConf::loadFiles({options->registriesConfPath}, &error);
        if (!registries) {
            std::fprintf(stderr, "crossdock-cli: registries.conf: %s\n", qUtf8Printable(error));
            return 1;
        }
        QStringList resolved;
        if (!crossdock::cli::resolveShortNameArguments(&*options, *registries, &resolved, &error)) {
            std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(error));
            return 1;
        }
        for (const QString &note : std::as_const(resolved))
            std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(note));
        const auto shared = std::make_shared<const crossdock::RegistriesConf>(*registries);
        for (crossdock::cli::EndpointOptions *side : {&options->endpoint, &options->source, &options->destination})
            side->registriesConf = shared;
    }
    if (options->command == QLatin1String("copy") || options->command == QLatin1String("sync")) {
        // The signature policy, as skopeo reads it; none when no file exists
        // (skopeo refuses to run then; see README "Signature policy").
        const QString path = options->policyPath.isEmpty() ? crossdock::TrustPolicy::defaultPath() : options->policyPath;
        if (!options->insecurePolicy && !path.isEmpty()) {
            const auto policy = crossdock::TrustPolicy::load(path, &error);
            if (!policy) {
                std::fprintf(stderr, "crossdock-cli: signature policy: %s\n", qUtf8Printable(error));
                return 1;
            }
            options->trustPolicy = std::make_shared<const crossdock::TrustPolicy>(*policy);
        }
        // registries.d: where GPG signatures are read (signedBy) and written.
        const QString dir = options->registriesDPath.isEmpty() ? crossdock::LookasideConfig::defaultDir()
                                                               : options->registriesDPath;
        if (!options->registriesDPath.isEmpty() && !QFileInfo(dir).isDir()) {
            std::fprintf(stderr, "crossdock-cli: --registries.d %s: no such directory\n", qUtf8Printable(dir));
            return 1;
        }
        const auto lookaside = crossdock::LookasideConfig::load(dir, &error);
        if (!lookaside) {
            std::fprintf(stderr, "crossdock-cli: registries.d: %s\n", qUtf8Printable(error));
            return 1;
        }
        options->lookaside = std::make_shared<const crossdock::LookasideConfig>(*lookaside);
        if (options->trustPolicy) {
            auto policy = std::make_shared<crossdock::TrustPolicy>(*options->trustPolicy);
            policy->setLookaside(options->lookaside);
            options->trustPolicy = policy;
        }
        if (!crossdock::cli::loadSigningKey(&*options, &error)) {
            std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(error));
            return 1;
        }
    }
    if (options->command != QLatin1String("manifest-digest")) // the one command that reads only a file
        for (const QString &warning : crossdock::trustCaEnvironment())
            std::fprintf(stderr, "crossdock-cli: warning: %s\n", qUtf8Printable(warning));
    if (!options->tlsDetailsPath.isEmpty()) {
        const auto details = crossdock::TlsDetails::load(options->tlsDetailsPath, &error);
        if (!details) {
            std::fprintf(stderr, "crossdock-cli: --tls-details: %s\n", qUtf8Printable(error));
            return 1;
        }
        details->applyToProcess();
    }
    if (!options->userAgentPrefix.isEmpty() && !crossdock::UserAgent::setPrefix(options->userAgentPrefix, &error)) {
        std::fprintf(stderr, "crossdock-cli: --user-agent-prefix: %s\n", qUtf8Printable(error));
        return 1;
    }
    if (!options->tmpDir.isEmpty()) {
        // Where QTemporaryFile and QDir::tempPath() put files from here on.
        if (!QFileInfo(options->tmpDir).isDir()) {
            std::fprintf(stderr, "crossdock-cli: --tmpdir: %s is not a directory\n", qUtf8Printable(options->tmpDir));
            return 1;
        }
        qputenv("TMPDIR", QFile::encodeName(options->tmpDir));
    }
    // The blob cap: the flag, else CROSSDOCK_MAX_BLOB_SIZE, else 1 TiB.
    if (!crossdock::BlobSizeLimit::applyEnvironment(&error)) {
        std::fprintf(stderr, "crossdock-cli: %s\n", qUtf8Printable(error));
        return 1;
    }
    if (options->maxBlobSize > 0)
        crossdock::BlobSizeLimit::set(options->maxBlobSize);
    g_debug = options->debug;
    qInstallMessageHandler(messageHandler);
    QLoggingCategory::setFilterRules(options->debug ? QStringLiteral("crossdock.*.debug=true")
                                                    : QStringLiteral("crossdock.*.debug=false"));

    qCDebug(lcCredentials).noquote() << crossdock::coreDumpState();
    for (const QString &note : options->notes)
        qCDebug(lcHttp).noquote() << note;

    return runCommand(app, *options);
}
