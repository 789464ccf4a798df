// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/promotepreviewjob.h"

#include "core/trust/checkpolicyjob.h"

#include "core/browse/localstore.h"
#include "core/registry/registryclient.h"
#include "core/transfer/plancopyjob.h"
#include "core/transports/imagereader.h"
#include "core/transports/imagewriter.h"
#include "core/transports/putblobjob.h"
#include "core/transports/resolveimagedigestjob.h"
#include "core/transports/transports.h"

namespace crossdock {

int PromotePreview::count(Action action) const
{
    return static_cast<int>(
        std::count_if(blobs.begin(), blobs.end(), [action](const Blob &blob) { return blob.action == action; }));
}

qint64 PromotePreview::bytesToMove() const
{
    qint64 bytes = 0;
    for (const Blob &blob : blobs)
        if (blob.action == Action::Stream)
            bytes += blob.size;
    return bytes;
}

namespace {

// The transport reference an ImageSource's repository:tag stands for.
TransportReference referenceIn(const ImageSource &images, const QString &repository, const QString &tag)
{
    if (images.isLocal())
        return TransportReference::oci(images.store->directory(), repository + QLatin1Char(':') + tag);
    const QChar separator = tag.startsWith(QLatin1String("sha256:")) ? QLatin1Char('@') : QLatin1Char(':');
    return ImageReference::parse(images.client->host() + QLatin1Char('/') + repository + separator + tag);
}

} // namespace

PromotePreviewJob::PromotePreviewJob(const ImageSource &source, const QString &sourceRepository,
    const QString &sourceTag, const ImageSource &destination, const QString &destinationRepository,
    const QString &destinationTag, const CopyOptions &options, QObject *parent)
    : PromotePreviewJob(End{referenceIn(source, sourceRepository, sourceTag), source.client},
        End{referenceIn(destination, destinationRepository, destinationTag), destination.client}, destination.isLocal(),
        options, parent)
{
}

PromotePreviewJob::PromotePreviewJob(
    const End &source, const End &destination, bool keepManifests, const CopyOptions &options, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_destination(destination)
    , m_keepManifests(keepManifests)
    , m_options(options)
{
}

PromotePreviewJob::~PromotePreviewJob()
{
    cancelSubjobs(); // before the reader and writer they use go
}

Error PromotePreviewJob::named(const Error &error, const TransportReference &where) const
{
    return Error::make(error.code, QStringLiteral("%1: %2").arg(where.toString(), error.message), error.detail);
}

void PromotePreviewJob::doStart()
{
    QString error;
    m_reader = Transports::reader(m_source.reference, m_source.client, &error);
    Transports::WriterOptions options;
    options.keepManifests = m_keepManifests;
    options.defaultName = Transports::defaultName(m_source.reference);
    if (m_reader)
        m_writer = Transports::writer(m_destination.reference, m_destination.client, options, &error);
    if (!m_reader || !m_writer)
        return emitError(Error::Code::InvalidInput, error);

    // Two things side by side: the plan (then the blob checks), and the
    // digest the destination tag names now.
    m_pending = 2;
    auto *plan = addSubjob(new PlanCopyJob(m_reader.get(), m_options, this));
    connect(plan, &Job::finished, this, [this, plan] {
        if (isFinished())
            return;
        if (plan->error().isError())
            return emitError(named(plan->error(), m_source.reference));
        onPlanned(plan->plan());
    });
    plan->start();
    auto *resolve = addSubjob(new ResolveImageDigestJob(m_destination.reference, m_destination.client, this));
    connect(resolve, &Job::finished, this, [this, resolve] {
        if (isFinished())
            return;
        // A tag that is not there yet is the usual case, not a failure.
        const Error &failed = resolve->error();
        if (failed.isError() && failed.code != Error::Code::NotFound)
            return emitError(named(failed, m_destination.reference));
        if (!failed.isError())
            m_preview.destinationDigest = resolve->digest();
        partDone();
    });
    resolve->start();
}

void PromotePreviewJob::onPlanned(const CopyPlan &plan)
{
    m_preview.sourceDigest = plan.top->digest();
    m_pending += static_cast<int>(plan.blobs.size());
    for (const Descriptor &blob : plan.blobs) {
        const int index = static_cast<int>(m_preview.blobs.size());
        m_preview.blobs.append({blob.digest, std::max<qint64>(0, blob.size), PromotePreview::Action::Stream});
        CheckBlobJob *check = addSubjob(m_writer->checkBlob(blob, m_reader->registryOrigin(), this));
        connect(check, &Job::finished, this, [this, check, index] {
            if (isFinished())
                return;
            if (check->error().isError())
                return emitError(check->error());
            PromotePreview::Action &action = m_preview.blobs[index].action;
            switch (check->presence()) {
            case CheckBlobJob::Presence::Present:
                action = PromotePreview::Action::Skip;
                break;
            case CheckBlobJob::Presence::Mountable:
                action = PromotePreview::Action::Mount; // the registry links it; no bytes move
                break;
            case CheckBlobJob::Presence::Missing:
                action = PromotePreview::Action::Stream;
                break;
            }
            partDone();
        });
        check->start();
    }
    if (m_policy) {
        ++m_pending;
        auto *check = addSubjob(new CheckPolicyJob(m_policy, m_judged.isValid() ? m_judged : m_source.reference,
            m_reader->registryOrigin(), plan.sourceDigest, this));
        connect(check, &Job::finished, this, [this, check] {
            if (isFinished())
                return;
            if (check->error().code == Error::Code::Rejected) {
                m_preview.policyRefusal = check->error().message;
                m_preview.policyReason = check->error().detail;
            }
            else if (check->error().isError())
                return emitError(check->error());
            m_preview.signaturesVerified = check->verifiedSignatures();
            partDone();
        });
        check->start();
    }
    partDone(); // the plan's share
}

void PromotePreviewJob::partDone()
{
    if (--m_pending == 0 && !isFinished())
        emitSuccess();
}

} // namespace crossdock
