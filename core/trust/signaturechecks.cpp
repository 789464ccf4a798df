// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/signaturechecks.h"

#include "core/trust/checkpolicyjob.h"
#include "core/trust/trustpolicy.h"

namespace crossdock {

SignatureChecks::SignatureChecks(RegistryClient *client, const QString &repository,
    std::shared_ptr<const TrustPolicy> policy, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_repository(repository)
    , m_policy(std::move(policy))
{
}

SignatureChecks::~SignatureChecks()
{
    if (m_running) {
        m_running->disconnect(this);
        m_running->cancel();
    }
}

void SignatureChecks::check(const TransportReference &reference, const Digest &digest)
{
    const QString key = digest.toString();
    if (!m_policy || m_verdicts.contains(key) || isPending(digest))
        return;
    m_queue.append({reference, digest});
    startNext();
}

bool SignatureChecks::isPending(const Digest &digest) const
{
    if (m_runningDigest == digest.toString())
        return true;
    return std::any_of(m_queue.begin(), m_queue.end(), [&](const auto &queued) { return queued.second == digest; });
}

std::optional<SignatureVerdict> SignatureChecks::verdict(const Digest &digest) const
{
    const auto found = m_verdicts.constFind(digest.toString());
    if (found == m_verdicts.cend())
        return std::nullopt;
    return *found;
}

bool SignatureChecks::requiresSignature(const TransportReference &reference) const
{
    if (!m_policy)
        return false;
    for (const PolicyRequirement &requirement : m_policy->requirementsFor(reference).requirements)
        if (requirement.kind == PolicyRequirement::Kind::SigstoreSigned || requirement.kind == PolicyRequirement::Kind::SignedBy)
            return true;
    return false;
}

void SignatureChecks::startNext()
{
    if (m_running || m_queue.isEmpty())
        return;
    const std::pair<TransportReference, Digest> next = m_queue.takeFirst();
    const TransportReference &reference = next.first;
    const Digest digest = next.second; // captured below (clang cannot capture structured bindings)
    m_runningDigest = digest.toString();
    const bool required = requiresSignature(reference);
    auto *job = new CheckPolicyJob(m_policy, reference, RegistryOrigin {m_client, m_repository}, digest, this);
    m_running = job;
    connect(job, &Job::finished, this, [this, job, digest, required] {
        SignatureVerdict verdict;
        if (job->error().code == Error::Code::Rejected) {
            verdict.kind = SignatureVerdict::Kind::Refused;
            verdict.reason = job->error().detail;
        } else if (job->error().isError()) {
            verdict.reason = job->error().message;
        } else {
            verdict.kind = job->verifiedSignatures() > 0 || required ? SignatureVerdict::Kind::Verified
                                                                       : SignatureVerdict::Kind::NotRequired;
        }
        m_verdicts.insert(digest.toString(), verdict);
        m_running = nullptr;
        m_runningDigest.clear();
        Q_EMIT checked(digest);
        startNext();
    });
    job->start();
}

} // namespace crossdock
