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

QString SignatureChecks::keyOf(const TransportReference &reference, const Digest &digest)
{
    return reference.toString() + QLatin1Char('|') + digest.toString();
}

void SignatureChecks::check(const TransportReference &reference, const Digest &digest)
{
    if (!m_policy || m_verdicts.contains(keyOf(reference, digest)) || isPending(reference, digest))
        return;
    m_queue.append({reference, digest});
    startNext();
}

bool SignatureChecks::isPending(const TransportReference &reference, const Digest &digest) const
{
    const QString key = keyOf(reference, digest);
    if (m_runningKey == key)
        return true;
    return std::any_of(m_queue.begin(), m_queue.end(),
        [&](const auto &queued) { return keyOf(queued.first, queued.second) == key; });
}

std::optional<SignatureVerdict> SignatureChecks::verdict(const TransportReference &reference, const Digest &digest) const
{
    const auto found = m_verdicts.constFind(keyOf(reference, digest));
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

bool SignatureChecks::readsLookaside(const TransportReference &reference) const
{
    if (!m_policy)
        return false;
    const auto requirements = m_policy->requirementsFor(reference).requirements;
    return std::any_of(requirements.begin(), requirements.end(),
        [](const PolicyRequirement &r) { return r.kind == PolicyRequirement::Kind::SignedBy; });
}

void SignatureChecks::startNext()
{
    if (m_running || m_queue.isEmpty())
        return;
    const std::pair<TransportReference, Digest> next = m_queue.takeFirst();
    const TransportReference &reference = next.first;
    const Digest digest = next.second; // captured below (clang cannot capture structured bindings)
    m_runningKey = keyOf(reference, digest);
    const bool required = requiresSignature(reference);
    auto *job = new CheckPolicyJob(m_policy, reference, RegistryOrigin {m_client, m_repository}, digest, this);
    m_running = job;
    connect(job, &Job::finished, this, [this, job, digest, required, key = m_runningKey] {
        SignatureVerdict verdict;
        if (job->error().code == Error::Code::Rejected) {
            verdict.kind = job->signaturesFound() == 0 ? SignatureVerdict::Kind::Unsigned : SignatureVerdict::Kind::Refused;
            verdict.reason = job->error().detail;
        } else if (job->error().isError()) {
            verdict.reason = job->error().message;
        } else {
            verdict.kind = job->verifiedSignatures() > 0 || required ? SignatureVerdict::Kind::Verified
                                                                       : SignatureVerdict::Kind::NotRequired;
        }
        m_verdicts.insert(key, verdict);
        m_running = nullptr;
        m_runningKey.clear();
        Q_EMIT checked(digest);
        startNext();
    });
    job->start();
}

} // namespace crossdock
