// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/checkpolicyjob.h"

#include "core/base/runinpool.h"
#include "core/registry/fetchblobjob.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/trust/lookasideconfig.h"
#include "core/trust/lookasidesignatures.h"
#include "core/trust/simplesigning.h"
#include "core/trust/trustpolicy.h"

namespace crossdock {

CheckPolicyJob::CheckPolicyJob(std::shared_ptr<const TrustPolicy> policy, const TransportReference &source,
    const RegistryOrigin &origin, const Digest &manifest, QObject *parent)
    : Job(parent)
    , m_policy(std::move(policy))
    , m_source(source)
    , m_origin(origin)
    , m_manifest(manifest)
{
}

void CheckPolicyJob::doStart()
{
    const TrustPolicy::Match match = m_policy->requirementsFor(m_source);
    m_scope = match.scope;
    for (const PolicyRequirement &requirement : match.requirements) {
        m_needsSigstore = m_needsSigstore || requirement.kind == PolicyRequirement::Kind::SigstoreSigned;
        m_needsGpg = m_needsGpg || requirement.kind == PolicyRequirement::Kind::SignedBy;
    }
    if (!m_origin.isValid()) {
        m_noSignaturesBecause = QStringLiteral("%1 sources carry no signatures crossdock can read")
                                    .arg(m_source.transportName());
        m_needsSigstore = m_needsGpg = false;
    }
    fetchSigstoreSignatures();
}

void CheckPolicyJob::fetchSigstoreSignatures()
{
    if (!m_needsSigstore)
        return readLookaside();
    const QString tag = Sigstore::attachmentTag(m_manifest);
    auto *job = addSubjob(new FetchManifestJob(m_origin.client, m_origin.repository, tag, this));
    connect(job, &Job::finished, this, [this, job, tag] {
        if (isFinished())
            return;
        if (job->error().code == Error::Code::NotFound) {
            m_noSignaturesBecause = QStringLiteral("no signature exists (no %1 tag in %2)").arg(tag, m_origin.repository);
            return readLookaside();
        }
        if (job->error().isError()) {
            Error error = job->error();
            error.message = QStringLiteral("cannot read the signatures of %1 to check the signature policy: %2")
                                .arg(m_source.toString(), error.message);
            return emitError(error);
        }
        QString error;
        m_signatures = Sigstore::signaturesIn(job->manifest(), &error);
        if (!error.isEmpty())
            return reject(QStringLiteral("sigstoreSigned"), QStringLiteral("the %1 attachment is malformed: %2").arg(tag, error));
        if (m_signatures.isEmpty())
            m_noSignaturesBecause = QStringLiteral("the %1 attachment holds no signature").arg(tag);
        fetchPayload(0);
    });
    job->start();
}

void CheckPolicyJob::fetchPayload(int index)
{
    if (index == m_signatures.size())
        return readLookaside();
    const Descriptor payload = m_signatures.at(index).payload;
    startSubjob(new FetchBlobJob(m_origin.client, m_origin.repository, payload.digest, Sigstore::MaxPayloadSize, this),
        [this, index](FetchBlobJob *job) {
            m_payloads << job->data();
            fetchPayload(index + 1);
        });
}

bool CheckPolicyJob::sigstoreAccepts(const PolicyRequirement &requirement, QString *why)
{
    if (m_signatures.isEmpty()) {
        *why = m_noSignaturesBecause;
        return false;
    }
    const ImageReference intended = m_source.isRegistry() ? m_source.image() : ImageReference();
    const auto accepted = [&](qsizetype i, QString *reason) {
        const QByteArray &payload = m_payloads.at(i);
        if (!Sigstore::verifiedByAnyKey(payload, m_signatures.at(i).signature, requirement.publicKeys, reason))
            return false;
        const std::optional<Sigstore::Claims> claims = Sigstore::parsePayload(payload, reason);
        if (!claims)
            return false;
        if (claims->manifestDigest != m_manifest.toString()) {
            *reason = QStringLiteral("the signature is for manifest %1, not %2")
                          .arg(printable(claims->manifestDigest, 100), m_manifest.toString());
            return false;
        }
        return requirement.identity.accepts(intended, claims->dockerReference, reason);
    };
    QStringList reasons;
    for (qsizetype i = 0; i < m_signatures.size(); ++i) {
        QString reason;
        if (accepted(i, &reason)) {
            ++m_verified;
            return true;
        }
        reasons << (m_signatures.size() == 1 ? reason : QStringLiteral("signature %1: %2").arg(i + 1).arg(reason));
    }
    *why = reasons.join(QStringLiteral("; "));
    return false;
}

void CheckPolicyJob::readLookaside()
{
    if (!m_needsGpg)
        return evaluate();
    // Signatures name the image as the user wrote it; so is it looked up.
    const QUrl base = m_policy->lookaside()->base(m_source.image(), false);
    m_lookasideUrl = base.toDisplayString();
    startSubjob(new ReadLookasideJob(m_origin.client->network(), base, m_manifest, this), [this](ReadLookasideJob *job) {
        m_gpgSignatures = job->signatures();
        verifyGpgSignatures();
    });
}

void CheckPolicyJob::verifyGpgSignatures()
{
    struct Work {
        QList<PolicyRequirement> requirements;
        QList<QByteArray> signatures;
        ImageReference intended;
        Digest manifest;
        QString lookaside;
    };
    Work work {m_policy->requirementsFor(m_source).requirements, m_gpgSignatures,
        m_source.isRegistry() ? m_source.image() : ImageReference(), m_manifest, m_lookasideUrl};
    runInPool<QStringList>(
        this,
        [work] {
            QStringList refusals;
            for (const PolicyRequirement &requirement : work.requirements) {
                if (requirement.kind != PolicyRequirement::Kind::SignedBy)
                    continue;
                if (work.signatures.isEmpty()) {
                    refusals << QStringLiteral("no GPG signature exists (none at %1)").arg(work.lookaside);
                    continue;
                }
                QStringList reasons;
                for (qsizetype i = 0; i < work.signatures.size(); ++i) {
                    QString reason;
                    const auto verified = SimpleSigning::verify(work.signatures.at(i), requirement.gpgKeys, &reason);
                    std::optional<Sigstore::Claims> claims;
                    if (verified)
                        claims = Sigstore::parsePayload(verified->payload, &reason, SimpleSigning::PayloadType);
                    if (claims && claims->manifestDigest != work.manifest.toString())
                        reason = QStringLiteral("the signature is for manifest %1, not %2")
                                     .arg(printable(claims->manifestDigest, 100), work.manifest.toString());
                    else if (claims && requirement.identity.accepts(work.intended, claims->dockerReference, &reason)) {
                        reasons.clear();
                        break;
                    }
                    reasons << (work.signatures.size() == 1 ? reason
                                                            : QStringLiteral("signature %1: %2").arg(i + 1).arg(reason));
                }
                refusals << reasons.join(QStringLiteral("; "));
            }
            return refusals;
        },
        [this](QStringList refusals) {
            m_gpgRefusals = refusals;
            evaluate();
        });
}

void CheckPolicyJob::evaluate()
{
    for (const PolicyRequirement &requirement : m_policy->requirementsFor(m_source).requirements) {
        switch (requirement.kind) {
        case PolicyRequirement::Kind::InsecureAcceptAnything:
            break;
        case PolicyRequirement::Kind::Reject:
            return reject(requirement.describe(), QStringLiteral("the policy rejects every image here"));
        case PolicyRequirement::Kind::SignedBy: {
            const QString why = m_gpgRefusals.isEmpty() ? m_noSignaturesBecause : m_gpgRefusals.takeFirst();
            if (!why.isEmpty())
                return reject(requirement.describe(), why);
            ++m_verified;
            break;
        }
        case PolicyRequirement::Kind::SigstoreSigned: {
            QString why;
            if (!sigstoreAccepts(requirement, &why))
                return reject(requirement.describe(), why);
            break;
        }
        }
    }
    emitSuccess();
}

void CheckPolicyJob::reject(const QString &requirement, const QString &why)
{
    const QString scope = m_scope == QLatin1String("default") ? QStringLiteral("the default")
        : m_scope.isEmpty() ? QStringLiteral("the \"%1\" transport's default").arg(m_source.transportName())
                            : QStringLiteral("scope \"%1\"").arg(m_scope);
    emitError(Error::Code::Rejected,
        QStringLiteral("the signature policy %1 rejects %2 (%3, requirement %4): %5")
            .arg(m_policy->path(), m_source.toString(), scope, requirement, why),
        why);
}

} // namespace crossdock
