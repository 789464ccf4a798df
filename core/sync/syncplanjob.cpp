// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/sync/syncplanjob.h"

#include "core/registry/catalogjob.h"
#include "core/registry/listtagsjob.h"
#include "core/registry/pagedlistjob.h"
#include "core/registry/registryclient.h"
#include "core/sync/semver.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace crossdock {

namespace {

bool matchesGlob(const QString &text, const QStringList &globs)
{
    for (const QString &glob : globs) {
        const QRegularExpression re(
            QRegularExpression::wildcardToRegularExpression(glob, QRegularExpression::DefaultWildcardConversion));
        if (re.match(text).hasMatch())
            return true;
    }
    return false;
}

} // namespace

SyncPlanJob::SyncPlanJob(QNetworkAccessManager *network, const QList<SyncSource> &sources,
    const SyncDestination &destination, QObject *parent)
    : Job(parent)
    , m_network(network)
    , m_sources(sources)
    , m_destination(destination)
{
}

void SyncPlanJob::track(Job *job)
{
    ++m_pending;
    addSubjob(job);
    connect(job, &Job::finished, this, [this, job] {
        if (m_stopped)
            return; // cancelled with the rest: the first error stands
        if (job->error().isError() && !isFinished()) {
            m_stopped = true;
            cancelSubjobs();
            return emitError(job->error());
        }
        partDone();
    });
    job->start();
}

void SyncPlanJob::partDone()
{
    if (isFinished() || --m_pending > 0)
        return;
    std::sort(m_items.begin(), m_items.end(),
        [](const SyncItem &a, const SyncItem &b) { return a.sourceText() < b.sourceText(); });
    emitSuccess();
}

void SyncPlanJob::doStart()
{
    ++m_pending; // held until every list has been started
    for (const SyncSource &source : std::as_const(m_sources)) {
        QString error;
        if (!source.directory.isEmpty()) {
            addDirectoryItems(source);
            if (isFinished())
                return;
            continue;
        }
        const ImageReference registry = ImageReference::parseRegistry(source.spec.registry, &error);
        if (!registry.isValid())
            return emitError(Error::Code::InvalidInput, error);
        auto *client
            = new RegistryClient(registry.apiHost(), source.endpoint.tls, source.endpoint.credentials, m_network, this);
        client->pacer().setRate(source.endpoint.requestRate);
        for (const SyncImageSpec &image : source.spec.images) {
            if (image.selection == SyncImageSpec::Selection::Listed)
                addItems(source, image, image.tags);
            else
                listTags(client, source, image);
            if (isFinished())
                return;
        }
        if (source.wholeRegistry) {
            auto *catalog = new CatalogJob(client, this);
            connect(catalog, &Job::finished, this, [this, catalog, client, source] {
                if (catalog->error().isError())
                    return;
                for (const QString &repository : catalog->items()) {
                    if ((!source.repositoryAllow.isEmpty() && !matchesGlob(repository, source.repositoryAllow))
                        || matchesGlob(repository, source.repositoryDeny))
                        continue;
                    listTags(client, source, SyncImageSpec {repository, SyncImageSpec::Selection::AllTags, {}, {}});
                }
            });
            track(catalog);
        }
    }
    partDone();
}

void SyncPlanJob::addDirectoryItems(const SyncSource &source)
{
    const QFileInfo root(source.directory);
    if (!root.isDir())
        return emitError(Error::Code::InvalidInput, QStringLiteral("--src dir: %1 is not a folder").arg(source.directory));
    // Every folder holding a manifest.json is an image; what is below it is not searched.
    QStringList images;
    QStringList folders{root.absoluteFilePath()};
    while (!folders.isEmpty()) {
        const QString folder = folders.takeFirst();
        if (QFileInfo::exists(folder + QStringLiteral("/manifest.json"))) {
            images << folder;
            continue;
        }
        const QDir dir(folder);
        for (const QString &child : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name))
            folders << dir.filePath(child);
    }
    for (const QString &folder : std::as_const(images)) {
        // Named as skopeo names them: the folder's path below the source
        // (its last part unless scoped), e.g. "app:v1" for SRC/team/app:v1.
        QString relative = QDir(root.absoluteFilePath()).relativeFilePath(folder);
        if (relative.isEmpty() || relative == QLatin1String("."))
            relative = root.fileName();
        SyncItem item;
        item.source = TransportReference::parse(QStringLiteral("dir:") + folder);
        if (!inShard(item.sourceText(), m_shardIndex, m_shardCount))
            continue;
        item.platforms = source.spec.platforms;
        item.destinationEndpoint = m_destination.endpoint;
        const QString name = SyncNaming::destinationRepository(m_destination, relative) + m_destination.appendSuffix;
        QString error;
        switch (m_destination.kind) {
        case SyncDestination::Kind::Registry:
            item.destination = TransportReference::parse(
                QStringLiteral("docker://%1/%2").arg(m_destination.base.section(QLatin1Char('/'), 0, 0), name), &error);
            break;
        case SyncDestination::Kind::OciLayout:
            item.destination = TransportReference::parse(QStringLiteral("oci:%1:%2").arg(m_destination.base, name), &error);
            break;
        case SyncDestination::Kind::Dirs:
            return emitError(Error::Code::InvalidInput, QStringLiteral("sync from dir: to dir: is not supported (as in skopeo); copy the folder"));
        }
        if (!item.destination.isValid())
            return emitError(Error::Code::InvalidInput, QStringLiteral("destination for %1: %2").arg(item.sourceText(), error));
        m_items << item;
    }
}

void SyncPlanJob::doCancel()
{
    m_stopped = true; // the base class cancels the lists still running
}

void SyncPlanJob::listTags(RegistryClient *client, const SyncSource &source, const SyncImageSpec &image)
{
    auto *list = new ListTagsJob(client, image.repository, this);
    connect(list, &Job::finished, this, [this, list, source, image] {
        if (!list->error().isError())
            addItems(source, image, list->items());
    });
    track(list);
}

bool SyncPlanJob::selects(const SyncSource &source, const SyncImageSpec &image, const QString &tag) const
{
    for (const QString &deny : source.spec.tagsDeny)
        if (QRegularExpression(deny).match(tag).hasMatch())
            return false;
    switch (image.selection) {
    case SyncImageSpec::Selection::AllTags:
    case SyncImageSpec::Selection::Listed:
        return true;
    case SyncImageSpec::Selection::TagRegex:
        return QRegularExpression(image.pattern).match(tag).hasMatch();
    case SyncImageSpec::Selection::Semver: {
        QString error;
        const auto constraint = SemverConstraint::parse(image.pattern, &error);
        return constraint && constraint->matches(tag);
    }
    }
    return false;
}

void SyncPlanJob::addItems(const SyncSource &source, const SyncImageSpec &image, const QStringList &tags)
{
    for (const QString &tag : tags) {
        if (!selects(source, image, tag))
            continue;
        // A list entry may name a digest (skopeo's "sha256:..."): it is copied by
        // digest, kept as it is, under no tag.
        const bool byDigest = tag.contains(QLatin1Char(':'));
        if (byDigest && (!m_destination.isRegistry() || !source.spec.platforms.isEmpty())) {
            return emitError(Error::Code::InvalidInput,
                QStringLiteral(
                    "%1/%2: \"%3\": a digest can only be synced whole into a registry (not into a folder, "
                    "nor with platforms)")
                    .arg(source.spec.registry, image.repository, tag));
        }
        const QChar separator = byDigest ? QLatin1Char('@') : QLatin1Char(':');
        QString error;
        SyncItem item;
        const ImageReference sourceImage = ImageReference::parse(
            QStringLiteral("%1/%2%3%4").arg(source.spec.registry, image.repository, separator, tag), &error);
        if (!sourceImage.isValid())
            return emitError(Error::Code::InvalidInput, error);
        item.source = sourceImage;
        if (!inShard(item.sourceText(), m_shardIndex, m_shardCount))
            continue;
        item.sourceEndpoint = source.endpoint;
        item.platforms = source.spec.platforms;
        item.referrers = source.spec.referrers;
        item.registryConcurrency = source.spec.concurrency;
        item.destinationEndpoint = m_destination.endpoint;
        const QString repository = SyncNaming::destinationRepository(m_destination, sourceImage);
        const QString destinationTag = byDigest ? tag : SyncNaming::destinationTag(m_destination, tag);
        switch (m_destination.kind) {
        case SyncDestination::Kind::OciLayout:
            item.destination = TransportReference::oci(m_destination.base, repository + QLatin1Char(':') + destinationTag);
            break;
        case SyncDestination::Kind::Dirs:
            // skopeo's naming: BASE/repository:tag, one dir: image each.
            item.destination = TransportReference::parse(
                QStringLiteral("dir:%1/%2:%3").arg(m_destination.base, repository, destinationTag), &error);
            break;
        case SyncDestination::Kind::Registry: {
            const QString host = m_destination.base.section(QLatin1Char('/'), 0, 0);
            item.destination = ImageReference::parse(
                QStringLiteral("%1/%2%3%4").arg(host, repository, separator, destinationTag), &error);
            break;
        }
        }
        if (!item.destination.isValid())
            return emitError(
                Error::Code::InvalidInput, QStringLiteral("destination for %1: %2").arg(item.sourceText(), error));
        m_items << item;
    }
}

} // namespace crossdock
