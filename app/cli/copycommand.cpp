// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "copycommand.h"

#include "core/base/durablefile.h"
#include "core/transports/transportreference.h"

#include "choosepullsourcejob.h"
#include "copyprogress.h"
#include "interruptwatcher.h"
#include "resolveendpointjob.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QLocale>

#include <cstdio>
#include <unistd.h>

namespace crossdock::cli {

CopyCommand::CopyCommand(CliOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

CopyCommand::~CopyCommand() = default;

void CopyCommand::start()
{
    if (m_options.arguments.size() != 2)
        return done(Error::make(Error::Code::InvalidInput, QStringLiteral("copy needs a source and a destination reference")));
    QString error;
    TransportReference refs[2];
    for (int i = 0; i < 2; ++i) {
        refs[i] = TransportReference::parse(m_options.arguments.at(i), &error);
        if (!refs[i].isValid())
            return done(Error::make(Error::Code::InvalidInput, error));
    }
    m_request.source = refs[0];
    m_request.destination = refs[1];
    if (refs[1].isRegistry() && refs[1].image().hasDigest() && refs[1].image().tag().isEmpty())
        return done(Error::make(Error::Code::InvalidInput,
                                QStringLiteral("the destination needs a tag: a copy cannot choose its digest")));
    m_request.retry = m_options.retryPolicy();
    m_request.policy = m_options.trustPolicy;
    m_request.policyReference = refs[0]; // judged as named, even when a mirror serves it
    m_request.options.preserveDigests = m_options.preserveDigests;
    applyCopyFlags(m_options, &m_request.options);
    // As skopeo: an OCI layout then keeps a Docker manifest as it is rather
    // than converting it (which would change its digest).
    if (m_options.preserveDigests && refs[1].transport() == TransportReference::Transport::Oci)
        m_request.destinationKeepsManifests = true;
    if (!m_options.additionalTags.isEmpty()) {
        if (refs[1].transport() != TransportReference::Transport::DockerArchive)
            return done(Error::make(Error::Code::InvalidInput,
                QStringLiteral("--additional-tag names images in docker-archive: files only, not in %1").arg(refs[1].toString())));
        for (const QString &tag : m_options.additionalTags) {
            const ImageReference named = ImageReference::parse(tag, &error);
            if (!named.isValid() || named.hasDigest() || !tag.contains(QLatin1Char(':')))
                return done(Error::make(Error::Code::InvalidInput,
                    QStringLiteral("--additional-tag \"%1\" is not a name:tag reference%2")
                        .arg(tag, error.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(error))));
            // Spelled out as the archive's own name is (docker.io/library/app:1).
            m_request.additionalTags << named.name() + QLatin1Char(':') + named.tag();
        }
    }
    // --override-os/-arch/-variant choose the image --multi-arch system takes.
    if (!m_options.overrideOs.isEmpty())
        m_request.options.platform.os = m_options.overrideOs;
    if (!m_options.overrideArch.isEmpty()) {
        m_request.options.platform.architecture = m_options.overrideArch;
        m_request.options.platform.variant.clear();
    }
    if (!m_options.overrideVariant.isEmpty())
        m_request.options.platform.variant = m_options.overrideVariant;
    if (m_options.multiArch == QLatin1String("system"))
        m_request.options.multiArch = CopyOptions::MultiArch::System;
    else if (m_options.multiArch == QLatin1String("index-only"))
        m_request.options.multiArch = CopyOptions::MultiArch::IndexOnly;
    if (!m_options.platforms.isEmpty()) {
        if (!CopyOptions::parsePlatforms(m_options.platforms, &m_request.options.platforms, &error))
            return done(Error::make(Error::Code::InvalidInput, error));
        if (!m_options.quiet)
            std::fprintf(stderr, "note: copying a subset of platforms writes a new index; its digest differs from the source's\n");
    }
    m_sourceEndpoint = m_options.source.overriding(m_options.endpoint);
    choosePullSource();
}

void CopyCommand::choosePullSource()
{
    const RegistriesConf *conf = m_sourceEndpoint.registriesConf.get();
    if (!conf || !m_request.source.isRegistry())
        return resolveEndpoints();
    const QString original = m_request.source.image().toString();
    const QList<RegistriesConf::PullSource> candidates
        = conf->pullSources(m_options.sourceCandidates.isEmpty() ? QStringList {original} : m_options.sourceCandidates);
    if (candidates.size() == 1 && candidates.first().reference == original && !candidates.first().insecure)
        return resolveEndpoints();
    m_network = new QNetworkAccessManager(this);
    auto *choose = new ChoosePullSourceJob(candidates, m_sourceEndpoint, m_network, this);
    connect(choose, &Job::finished, this, [this, choose] {
        if (choose->error().isError())
            return done(choose->error());
        QString error;
        m_request.source = TransportReference::parse(QStringLiteral("docker://") + choose->chosen().toString(), &error);
        if (!m_request.source.isValid())
            return done(Error::make(Error::Code::InvalidInput, error));
        m_sourceEndpoint = choose->endpoint();
        resolveEndpoints();
    });
    choose->start();
}

void CopyCommand::resolveEndpoints()
{
    const struct
    {
        EndpointOptions options;
        TransportReference ref;
        bool isSource;
    } sides[] = {{m_sourceEndpoint, m_request.source, true},
                 {m_options.destination.overriding(m_options.endpoint), m_request.destination, false}};
    m_endpointsPending = int(m_request.source.isRegistry()) + int(m_request.destination.isRegistry());
    if (m_endpointsPending == 0)
        return startCopy();
    for (const auto &side : sides) {
        if (!side.ref.isRegistry())
            continue; // a local file or folder: nothing to resolve
        auto *job = new ResolveEndpointJob(side.options, side.ref.image().registry(), side.ref.image().repository(), this);
        connect(job, &Job::finished, this, [this, job, isSource = side.isSource] {
            if (job->error().isError())
                return done(job->error());
            (isSource ? m_request.sourceCredentials : m_request.destinationCredentials) = job->credentials();
            (isSource ? m_request.sourceTls : m_request.destinationTls) = job->tls();
            if (--m_endpointsPending == 0)
                startCopy();
        });
        job->start();
    }
}

void CopyCommand::startCopy()
{
    if (m_done)
        return;
    m_engine = m_options.imageParallelCopies > 0
        ? new TransferEngine(parallelCopies(m_options.imageParallelCopies), this)
        : new TransferEngine(this);
    m_progress = std::make_unique<CopyProgress>(m_options.quiet, isatty(STDERR_FILENO) != 0);
    m_job = m_engine->copy(m_request, this);
    connect(m_job, &Job::progress, this, [this](qint64 done, qint64 total) { m_progress->onProgress(done, total); });
    connect(m_job, &CopyJob::blobProgress, this,
            [this](const Digest &digest, int state, qint64 done, qint64 total) { m_progress->onBlob(digest, state, done, total); });
    connect(m_job, &Job::finished, this, &CopyCommand::onCopyFinished);
    m_interrupts = new InterruptWatcher(this);
    connect(m_interrupts, &InterruptWatcher::interrupted, this, [this] {
        if (m_interrupted || !m_job)
            return;
        std::fprintf(stderr, "\ncrossdock-cli: interrupted; cancelling (nothing will be tagged; Ctrl-C again quits at once)\n");
        cancel();
    });
    m_job->start();
}

void CopyCommand::cancel()
{
    if (m_interrupted || m_done)
        return;
    m_interrupted = true;
    if (m_job)
        m_job->cancel();
    else
        done(Error::make(Error::Code::Cancelled, QStringLiteral("cancelled before the copy started")));
}

void CopyCommand::onCopyFinished()
{
    m_progress->finish();
    const Error error = m_job->error();
    const CopyResult result = m_job->result();
    // Let clean-up requests (upload sessions given up) finish first.
    m_engine->whenIdle(this, [this, error, result] {
        if (error.isError()) {
            Error e = error;
            if (e.code == Error::Code::Cancelled)
                e.message = QStringLiteral("copy cancelled; nothing was tagged at %1").arg(m_options.arguments.at(1));
            return done(e);
        }
        if (!m_options.digestFile.isEmpty()) {
            QString why;
            if (!DurableFile::writeWhole(m_options.digestFile, result.digest.toString().toUtf8(), &why))
                return done(Error::make(Error::Code::Io, QStringLiteral("cannot write the digest file: %1").arg(why)));
        }
        if (!m_options.quiet && !result.conversion.isEmpty())
            std::fprintf(stderr, "note: %s\n", qUtf8Printable(result.conversion));
        if (!m_options.quiet)
            for (const QString &note : result.notes)
                std::fprintf(stderr, "note: %s\n", qUtf8Printable(note));
        if (!m_options.quiet) {
            std::fprintf(stderr, "Copied %s to %s: %s; %d blobs copied (%s), %d mounted, %d already present\n",
                         qPrintable(m_options.arguments.at(0)), qPrintable(m_options.arguments.at(1)),
                         qPrintable(result.digest.toString()), result.blobsStreamed,
                         qPrintable(QLocale::c().formattedDataSize(result.bytesStreamed, 1, QLocale::DataSizeTraditionalFormat)),
                         result.blobsMounted, result.blobsSkipped);
            if (result.signaturesVerified > 0)
                std::fprintf(stderr, "Signature policy: %d signature(s) verified\n", result.signaturesVerified);
            if (result.signedHere)
                std::fprintf(stderr, "Signed %s with the sigstore key %s\n",
                    qPrintable(m_options.signIdentity.isEmpty() ? m_options.arguments.at(1) : m_options.signIdentity),
                    qPrintable(m_options.signByKeyPath));
            if (result.signaturesCopied > 0 || result.artifactsCopied > 0)
                std::fprintf(stderr, "Attached: %d signature(s) and %d attestation/SBOM/referrer item(s) copied\n",
                    result.signaturesCopied, result.artifactsCopied);
        }
        done({});
    });
}

void CopyCommand::done(const Error &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(error);
}

} // namespace crossdock::cli
