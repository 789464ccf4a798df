// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "synccommand.h"

#include "core/base/durablefile.h"
#include "core/registry/registriesconf.h"
#include "core/sync/syncconfig.h"
#include "core/sync/syncjob.h"
#include "core/sync/syncplanjob.h"
#include "core/transfer/transferengine.h"
#include "interruptwatcher.h"
#include "resolveendpointjob.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace crossdock::cli {

namespace {

QString withoutPrefix(QString text, const QString &prefix)
{
    return text.startsWith(prefix) ? text.mid(prefix.size()) : text;
}

QString size(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

const char *kindName(SyncOutcome::Kind kind)
{
    switch (kind) {
    case SyncOutcome::Kind::Copied:
        return "copied";
    case SyncOutcome::Kind::Skipped:
        return "skipped";
    case SyncOutcome::Kind::WouldCopy:
        return "would copy";
    case SyncOutcome::Kind::Failed:
        return "failed";
    case SyncOutcome::Kind::NotRun:
        return "not run";
    case SyncOutcome::Kind::Pending:
        break;
    }
    return "pending";
}

} // namespace

SyncCommand::SyncCommand(CliOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

void SyncCommand::start()
{
    QString error;
    if (!buildSources(&error))
        return done(Error::make(Error::Code::InvalidInput, error));
    resolveEndpoints();
}

bool SyncCommand::buildSources(QString *error)
{
    if (m_options.arguments.size() != 2) {
        *error = QStringLiteral(
            "sync needs a source and a destination: sync --src docker|dir|yaml --dest docker|dir|oci SRC DST");
        return false;
    }
    const QStringList sources{QStringLiteral("docker"), QStringLiteral("dir"), QStringLiteral("yaml")};
    const QStringList destinations{QStringLiteral("docker"), QStringLiteral("dir"), QStringLiteral("oci")};
    if (!sources.contains(m_options.syncSource)) {
        *error = m_options.syncSource.isEmpty()
            ? QStringLiteral("sync needs --src docker, --src dir or --src yaml")
            : QStringLiteral("--src takes docker, dir or yaml, not \"%1\"").arg(printable(m_options.syncSource, 40));
        return false;
    }
    if (!destinations.contains(m_options.syncDestination)) {
        *error = m_options.syncDestination.isEmpty()
            ? QStringLiteral("sync needs --dest docker, --dest dir or --dest oci")
            : QStringLiteral("--dest takes docker, dir or oci, not \"%1\"").arg(printable(m_options.syncDestination, 40));
        return false;
    }
    if (m_options.syncSource == QLatin1String("dir") && m_options.syncDestination == QLatin1String("dir")) {
        *error = QStringLiteral("sync --src dir --dest dir is not supported (as in skopeo): copy the folder instead");
        return false;
    }
    const QString source = m_options.arguments.at(0);
    const QString destination = m_options.arguments.at(1);
    if (m_options.syncSource == QLatin1String("yaml")) {
        const auto specs = SyncConfig::load(source, error);
        if (!specs)
            return false;
        for (const SyncRegistrySpec &spec : *specs) {
            SyncSource s;
            s.spec = spec;
            m_sources << s;
        }
    } else if (m_options.syncSource == QLatin1String("dir")) {
        SyncSource s;
        s.directory = withoutPrefix(source, QStringLiteral("dir:"));
        if (!QFileInfo(s.directory).isDir()) {
            *error = QStringLiteral("--src dir: %1 is not a folder").arg(s.directory);
            return false;
        }
        m_sources << s;
    } else {
        const QString text = withoutPrefix(source, QStringLiteral("docker://"));
        SyncSource s;
        if (!text.contains(QLatin1Char('/'))) {
            // A registry alone: every repository its catalog lists.
            const ImageReference registry = ImageReference::parseRegistry(text, error);
            if (!registry.isValid())
                return false;
            s.spec.registry = registry.registry();
            s.wholeRegistry = true;
            s.repositoryAllow = m_options.repoAllow;
            s.repositoryDeny = m_options.repoDeny;
        } else {
            const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
            const bool hasTag = colon > text.lastIndexOf(QLatin1Char('/'));
            const ImageReference repository
                = ImageReference::parse(hasTag ? text.left(colon) : text, error, ImageReference::TagPolicy::NameOnly);
            if (!repository.isValid())
                return false;
            s.spec.registry = repository.registry();
            SyncImageSpec image;
            image.repository = repository.repository();
            image.selection = hasTag ? SyncImageSpec::Selection::Listed : SyncImageSpec::Selection::AllTags;
            if (hasTag)
                image.tags = QStringList {text.mid(colon + 1)};
            s.spec.images << image;
        }
        m_sources << s;
    }
    m_destination.scoped = m_options.scoped;
    m_destination.appendSuffix = m_options.appendSuffix;
    if (m_options.syncDestination == QLatin1String("oci")) {
        m_destination.kind = SyncDestination::Kind::OciLayout;
        m_destination.base = withoutPrefix(destination, QStringLiteral("oci:"));
    } else if (m_options.syncDestination == QLatin1String("dir")) {
        m_destination.kind = SyncDestination::Kind::Dirs;
        m_destination.base = withoutPrefix(destination, QStringLiteral("dir:"));
        while (m_destination.base.size() > 1 && m_destination.base.endsWith(QLatin1Char('/')))
            m_destination.base.chop(1);
    } else {
        m_destination.base = withoutPrefix(destination, QStringLiteral("docker://"));
        while (m_destination.base.endsWith(QLatin1Char('/')))
            m_destination.base.chop(1);
        if (!ImageReference::parseRegistry(m_destination.base.section(QLatin1Char('/'), 0, 0), error).isValid())
            return false;
        const QString prefix = m_destination.base.section(QLatin1Char('/'), 1);
        if (!prefix.isEmpty()
            && !ImageReference::parse(m_destination.base, error, ImageReference::TagPolicy::NameOnly).isValid()) {
            *error = QStringLiteral("destination \"%1\": %2").arg(destination, *error);
            return false;
        }
    }
    return true;
}

void SyncCommand::resolveEndpoints()
{
    const EndpointOptions sourceOptions = m_options.source.overriding(m_options.endpoint);
    m_pending = 1 + (m_destination.isRegistry() ? 1 : 0); // 1: held until all are started
    auto resolved = [this] {
        if (--m_pending == 0)
            plan();
    };
    for (int i = 0; i < m_sources.size(); ++i) {
        const SyncRegistrySpec &spec = m_sources[i].spec;
        if (!m_sources[i].directory.isEmpty())
            continue; // dir: images need no endpoint
        ++m_pending;
        // The file's settings for a registry come before the command's.
        EndpointOptions options = sourceOptions;
        if (spec.tlsVerify)
            options.tlsVerify = spec.tlsVerify;
        if (!spec.certDir.isEmpty())
            options.certDir = spec.certDir;
        if (!spec.credentials.isEmpty()) {
            options.creds = spec.credentials.username + QLatin1Char(':') + spec.credentials.password;
            options.username.clear();
            options.passwordStdin = false;
            options.noCreds = false;
        }
        const QString repository = spec.images.isEmpty() ? QString() : spec.images.first().repository;
        auto *job = new ResolveEndpointJob(options, spec.registry, repository, this);
        connect(job, &Job::finished, this, [this, job, i, resolved] {
            if (job->error().isError())
                return done(job->error());
            // The file's pace for this registry, else the command's.
            const double rate
                = m_sources[i].spec.requestsPerSecond > 0 ? m_sources[i].spec.requestsPerSecond : m_options.requestRate;
            m_sources[i].endpoint = SyncEndpoint {job->tls(), job->credentials(), rate};
            resolved();
        });
        job->start();
    }
    if (m_destination.isRegistry()) {
        const QString host = m_destination.base.section(QLatin1Char('/'), 0, 0);
        auto *job = new ResolveEndpointJob(m_options.destination.overriding(m_options.endpoint), host,
            m_destination.base.section(QLatin1Char('/'), 1), this);
        connect(job, &Job::finished, this, [this, job, resolved] {
            if (job->error().isError())
                return done(job->error());
            m_destination.endpoint = SyncEndpoint {job->tls(), job->credentials(), m_options.requestRate};
            resolved();
        });
        job->start();
    }
    resolved(); // the hold taken above: every resolution has been started
}

void SyncCommand::plan()
{
    if (m_done)
        return;
    auto *network = new QNetworkAccessManager(this);
    auto *planner = new SyncPlanJob(network, m_sources, m_destination, this);
    planner->setShard(m_options.shardIndex, m_options.shardCount);
    connect(planner, &Job::finished, this, [this, planner] {
        if (planner->error().isError())
            return done(planner->error());
        if (!m_options.quiet)
            std::fprintf(stderr, "sync: %lld images%s\n", static_cast<long long>(planner->items().size()),
                m_options.shardCount > 1
                    ? qPrintable(QStringLiteral(" in shard %1/%2").arg(m_options.shardIndex).arg(m_options.shardCount))
                    : "");
        attachPullSources(planner->items());
    });
    planner->start();
}

void SyncCommand::attachPullSources(QList<SyncItem> items)
{
    const RegistriesConf *conf = m_options.endpoint.registriesConf.get();
    if (!conf)
        return run(items);
    // The candidates of each registry source, and one endpoint resolution
    // per place they name (host, and whether registries.conf says insecure).
    QList<QList<RegistriesConf::PullSource>> candidates(items.size());
    auto endpoints = std::make_shared<QHash<QString, SyncEndpoint>>();
    QHash<QString, QPair<QString, bool>> toResolve; // key -> (reference, insecure)
    const auto keyOf = [](const QString &host, bool insecure) { return host + (insecure ? QStringLiteral(" insecure") : QString()); };
    for (int i = 0; i < items.size(); ++i) {
        if (!items[i].source.isRegistry())
            continue;
        const QString own = items[i].source.image().toString();
        const QList<RegistriesConf::PullSource> sources = conf->pullSources(own);
        if (sources.size() == 1 && sources.first().reference == own && !sources.first().insecure)
            continue; // no mirror, no rewrite
        candidates[i] = sources;
        for (const RegistriesConf::PullSource &source : sources) {
            const QString host = source.reference.section(QLatin1Char('/'), 0, 0);
            if (host != items[i].sourceRegistry()) // the registry itself keeps its endpoint (and the YAML's settings)
                toResolve.insert(keyOf(host, source.insecure), {source.reference, source.insecure});
        }
    }
    auto pending = std::make_shared<int>(1); // 1: held until all are started
    auto resolved = [this, items, candidates, endpoints, pending, keyOf]() mutable {
        if (--*pending > 0 || m_done)
            return;
        for (int i = 0; i < items.size(); ++i) {
            for (const RegistriesConf::PullSource &source : std::as_const(candidates[i])) {
                const QString host = source.reference.section(QLatin1Char('/'), 0, 0);
                SyncEndpoint endpoint = host == items[i].sourceRegistry() ? items[i].sourceEndpoint
                                                                          : endpoints->value(keyOf(host, source.insecure));
                endpoint.requestRate = items[i].sourceEndpoint.requestRate;
                items[i].pullSources.append({TransportReference::parse(QStringLiteral("docker://") + source.reference), endpoint, source.mirror});
            }
        }
        run(items);
    };
    const EndpointOptions sourceOptions = m_options.source.overriding(m_options.endpoint);
    for (auto it = toResolve.cbegin(); it != toResolve.cend(); ++it) {
        const ImageReference reference = ImageReference::parse(it.value().first);
        if (!reference.isValid())
            return done(Error::make(Error::Code::InvalidInput,
                QStringLiteral("registries.conf rewrites an image to \"%1\", which is not a reference").arg(it.value().first)));
        EndpointOptions options = sourceOptions;
        if (it.value().second && !options.tlsVerify.has_value())
            options.tlsVerify = false;
        ++*pending;
        auto *job = new ResolveEndpointJob(options, reference.registry(), reference.repository(), this);
        connect(job, &Job::finished, this, [this, job, key = it.key(), endpoints, resolved]() mutable {
            if (job->error().isError())
                return done(job->error());
            endpoints->insert(key, SyncEndpoint {job->tls(), job->credentials(), 0});
            resolved();
        });
        job->start();
    }
    resolved();
}

void SyncCommand::run(const QList<SyncItem> &items)
{
    m_engine = m_options.imageParallelCopies > 0
        ? new TransferEngine(parallelCopies(m_options.imageParallelCopies), this)
        : new TransferEngine(this);
    SyncOptions options;
    options.concurrency = m_options.images;
    options.dryRun = m_options.dryRun;
    options.keepGoing = m_options.keepGoing;
    options.retry = m_options.retryPolicy();
    options.copy.preserveDigests = m_options.preserveDigests;
    applyCopyFlags(m_options, &options.copy);
    options.policy = m_options.trustPolicy;
    if (m_options.multiArch == QLatin1String("system"))
        options.copy.multiArch = CopyOptions::MultiArch::System;
    else if (m_options.multiArch == QLatin1String("index-only"))
        options.copy.multiArch = CopyOptions::MultiArch::IndexOnly;
    QString error;
    if (!m_options.platforms.isEmpty()
        && !CopyOptions::parsePlatforms(m_options.platforms, &options.copy.platforms, &error))
        return done(Error::make(Error::Code::InvalidInput, error));
    auto *network = new QNetworkAccessManager(this);
    m_job = new SyncJob(m_engine, network, items, options, this);
    m_job->setAutoDelete(false); // its outcomes are read after it finished
    m_clock.start();
    connect(m_job, &SyncJob::itemFinished, this, &SyncCommand::printItem);
    if (!m_options.quiet) {
        // In a CI log, a summary every few seconds shows it is alive.
        auto *summary = new QTimer(this);
        connect(summary, &QTimer::timeout, this, [this] { printSummary(false); });
        summary->start(5000);
    }
    m_interrupts = new InterruptWatcher(this);
    connect(m_interrupts, &InterruptWatcher::interrupted, this, [this] {
        if (m_job) {
            std::fprintf(
                stderr, "\ncrossdock-cli: interrupted; cancelling the sync (images in progress are not tagged; Ctrl-C again quits at once)\n");
            cancel();
        }
    });
    connect(m_job, &Job::finished, this, [this] {
        const Error outcome = m_job->error();
        m_engine->whenIdle(this, [this, outcome] {
            QString writeError;
            if (!writeOutputs(&writeError))
                return done(Error::make(Error::Code::Io, writeError));
            printSummary(true);
            done(outcome);
        });
    });
    m_job->start();
}

void SyncCommand::printItem(int index)
{
    if (m_options.quiet)
        return;
    const SyncItem &item = m_job->items().at(index);
    const SyncOutcome &outcome = m_job->outcomes().at(index);
    QString detail;
    switch (outcome.kind) {
    case SyncOutcome::Kind::Copied:
        detail = QStringLiteral("%1, %2 streamed").arg(outcome.digest.shortHex(), size(outcome.bytesStreamed));
        break;
    case SyncOutcome::Kind::Skipped:
        detail = QStringLiteral("%1, %2").arg(outcome.reason, outcome.digest.shortHex());
        break;
    case SyncOutcome::Kind::WouldCopy:
        detail = QStringLiteral("%1, %2 to stream").arg(outcome.reason, size(outcome.bytesToStream));
        break;
    default:
        detail = outcome.reason;
    }
    std::fprintf(stderr, "%s %s -> %s (%s)\n", kindName(outcome.kind), qPrintable(item.sourceText()),
        qPrintable(item.destinationText()), qPrintable(detail));
}

void SyncCommand::printSummary(bool final)
{
    if (m_options.quiet || !m_job)
        return;
    qint64 toStream = 0;
    for (const SyncOutcome &o : m_job->outcomes())
        toStream += o.bytesToStream;
    qint64 bytes = 0;
    for (const SyncOutcome &o : m_job->outcomes())
        bytes += o.bytesStreamed;
    const int total = static_cast<int>(m_job->items().size());
    const int finished = total - m_job->count(SyncOutcome::Kind::Pending);
    const double seconds = std::max<qint64>(1, m_clock.elapsed()) / 1000.0;
    std::fprintf(stderr, "%s %d/%d images: %d copied, %d unchanged, %d failed%s; %s streamed, %s/s\n",
        final ? "sync done:" : "sync:", finished, total, m_job->count(SyncOutcome::Kind::Copied),
        m_job->count(SyncOutcome::Kind::Skipped), m_job->count(SyncOutcome::Kind::Failed),
        m_options.dryRun ? qPrintable(QStringLiteral(", %1 would be copied (%2 to stream)")
                                          .arg(m_job->count(SyncOutcome::Kind::WouldCopy))
                                          .arg(size(toStream)))
                         : "",
        qPrintable(size(bytes)), qPrintable(size(static_cast<qint64>(bytes / seconds))));
    if (!final)
        return;
    for (int i = 0; i < total; ++i) {
        const SyncOutcome &o = m_job->outcomes().at(i);
        if (o.kind == SyncOutcome::Kind::Failed)
            std::fprintf(
                stderr, "  failed: %s: %s\n", qPrintable(m_job->items().at(i).sourceText()), qPrintable(o.reason));
    }
}

bool SyncCommand::writeOutputs(QString *error)
{
    if (!m_options.reportFile.isEmpty()) {
        QJsonArray images;
        for (int i = 0; i < m_job->items().size(); ++i) {
            const SyncOutcome &o = m_job->outcomes().at(i);
            QJsonObject entry {{QStringLiteral("source"), m_job->items().at(i).sourceText()},
                {QStringLiteral("destination"), m_job->items().at(i).destinationText()},
                {QStringLiteral("outcome"), QString::fromLatin1(kindName(o.kind))},
                {QStringLiteral("bytesStreamed"), o.bytesStreamed}};
            if (o.kind == SyncOutcome::Kind::WouldCopy)
                entry.insert(QStringLiteral("bytesToStream"), o.bytesToStream);
            if (o.digest.isValid())
                entry.insert(QStringLiteral("digest"), o.digest.toString());
            if (!o.reason.isEmpty())
                entry.insert(QStringLiteral("reason"), o.reason);
            images.append(entry);
        }
        const QJsonObject report {{QStringLiteral("images"), images},
            {QStringLiteral("copied"), m_job->count(SyncOutcome::Kind::Copied)},
            {QStringLiteral("skipped"), m_job->count(SyncOutcome::Kind::Skipped)},
            {QStringLiteral("wouldCopy"), m_job->count(SyncOutcome::Kind::WouldCopy)},
            {QStringLiteral("failed"), m_job->count(SyncOutcome::Kind::Failed)},
            {QStringLiteral("notRun"), m_job->count(SyncOutcome::Kind::NotRun)},
            {QStringLiteral("dryRun"), m_options.dryRun}};
        QString why;
        if (!DurableFile::writeWhole(m_options.reportFile, QJsonDocument(report).toJson(), &why)) {
            *error = QStringLiteral("cannot write the report: %1").arg(why);
            return false;
        }
    }
    if (!m_options.digestFile.isEmpty()) {
        // "DIGEST DESTINATION" for every image now in step at the destination.
        QByteArray lines;
        for (int i = 0; i < m_job->items().size(); ++i) {
            const SyncOutcome &o = m_job->outcomes().at(i);
            if (o.kind == SyncOutcome::Kind::Copied || o.kind == SyncOutcome::Kind::Skipped)
                lines += (o.digest.toString() + QLatin1Char(' ') + m_job->items().at(i).destinationText()
                    + QLatin1Char('\n'))
                             .toUtf8();
        }
        QString why;
        if (!DurableFile::writeWhole(m_options.digestFile, lines, &why)) {
            *error = QStringLiteral("cannot write the digest file: %1").arg(why);
            return false;
        }
    }
    return true;
}

void SyncCommand::cancel()
{
    if (m_done)
        return;
    if (m_job)
        m_job->cancel();
    else
        done(Error::make(Error::Code::Cancelled, QStringLiteral("cancelled before the sync started")));
}

void SyncCommand::done(const Error &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(error);
}

} // namespace crossdock::cli
