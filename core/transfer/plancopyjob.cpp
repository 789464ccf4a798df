// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/plancopyjob.h"

#include "core/transports/imagereader.h"

namespace crossdock {

PlanCopyJob::PlanCopyJob(ImageReader *source, const CopyOptions &options, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_options(options)
{
}

void PlanCopyJob::doStart()
{
    read(Digest(), 0, Role::Top);
}

void PlanCopyJob::read(const Digest &digest, int depth, Role role)
{
    ++m_pending;
    startSubjob(m_source->readManifest(digest, this),
        [this, depth, role](ReadManifestJob *job) { onManifest(job->manifest(), depth, role); });
}

void PlanCopyJob::onManifest(const Manifest &manifest, int depth, Role role)
{
    if (!m_sourceDigestKnown) {
        m_sourceDigestKnown = true;
        m_plan.sourceDigest = manifest.digest();
    }
    if (manifest.kind() == Manifest::Kind::Schema1)
        return emitError(Error::Code::Unsupported,
            QStringLiteral("%1 is a Docker schema 1 manifest, which registries no longer accept; "
                           "it can be inspected but not copied")
                .arg(m_source->describe()));
    if (manifest.isIndex())
        planIndex(manifest, depth, role);
    else {
        if (role == Role::Top)
            m_plan.top = manifest;
        else
            m_plan.children.prepend(manifest);
        addBlobs(manifest);
    }
    if (!isFinished())
        readDone();
}

void PlanCopyJob::planIndex(const Manifest &index, int depth, Role role)
{
    if (depth >= MaxIndexDepth)
        return emitError(Error::Code::BadResponse,
            QStringLiteral("%1: indexes nested deeper than %2 levels").arg(m_source->describe()).arg(MaxIndexDepth));
    const bool top = role == Role::Top;
    if (top && m_options.multiArch == CopyOptions::MultiArch::System) {
        const auto child = index.childFor(m_options.platform);
        if (!child)
            return emitError(Error::Code::InvalidInput, // the index is there: the platform asked for is not
                QStringLiteral("%1 has no image for platform %2 (it has: %3)")
                    .arg(m_source->describe(), m_options.platform.toString(),
                        index.platformNames().join(QStringLiteral(", "))));
        // The destination reference will name the platform image itself.
        return read(child->digest, depth + 1, Role::Top);
    }
    if (top && m_options.multiArch == CopyOptions::MultiArch::IndexOnly) {
        m_plan.top = index; // no children, no blobs: the index alone
        m_plan.indexOnly = true;
        return;
    }
    QList<Descriptor> children = index.manifests();
    Manifest kept = index;
    if (top && !m_options.platforms.isEmpty()) {
        // A subset: only the chosen platforms, under a new index.
        children.clear();
        for (const Platform &wanted : std::as_const(m_options.platforms)) {
            const auto child = index.childFor(wanted);
            if (!child)
                return emitError(Error::Code::InvalidInput, // the index is there: the platform asked for is not
                    QStringLiteral("%1 has no image for platform %2 (it has: %3)")
                        .arg(m_source->describe(), wanted.toString(), index.platformNames().join(QStringLiteral(", "))));
            if (!std::any_of(children.cbegin(), children.cend(),
                    [&](const Descriptor &d) { return d.digest == child->digest; }))
                children << *child;
        }
        QString error;
        const auto subset = index.withChildren(children, &error);
        if (!subset)
            return emitError(Error::Code::BadResponse, QStringLiteral("%1: %2").arg(m_source->describe(), error));
        kept = *subset;
        m_plan.newIndex = true;
    }
    if (children.size() > MaxIndexChildren)
        return emitError(Error::Code::TooLarge,
            QStringLiteral("%1: an index names %2 manifests, over the limit of %3")
                .arg(m_source->describe())
                .arg(children.size())
                .arg(MaxIndexChildren));
    if (top)
        m_plan.top = kept;
    else
        m_plan.children.prepend(kept); // deeper ones arrive later and go before it
    for (const Descriptor &child : std::as_const(children)) {
        // An index may name one child twice, and two indexes the same
        // child: it is read, and copied, once.
        if (m_readManifests.contains(child.digest.toString()))
            continue;
        m_readManifests.insert(child.digest.toString());
        if (m_readManifests.size() > MaxManifests)
            return emitError(Error::Code::TooLarge,
                QStringLiteral("%1: the image names more than %2 manifests in all")
                    .arg(m_source->describe())
                    .arg(MaxManifests));
        read(child.digest, depth + 1, Role::Child);
    }
}

void PlanCopyJob::addBlobs(const Manifest &image)
{
    QList<Descriptor> blobs{image.config()};
    blobs << image.layers();
    for (const Descriptor &blob : std::as_const(blobs)) {
        if (blob.isNonDistributable() || m_seenBlobs.contains(blob.digest.toString()))
            continue;
        m_seenBlobs.insert(blob.digest.toString());
        m_plan.blobs << blob;
    }
}

void PlanCopyJob::readDone()
{
    if (--m_pending == 0 && !isFinished())
        emitSuccess();
}

} // namespace crossdock
