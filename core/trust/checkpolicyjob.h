// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/digest.h"
#include "core/transports/imagereader.h"
#include "core/transports/transportreference.h"
#include "core/trust/sigstoresignature.h"

#include <memory>

namespace crossdock {

class TrustPolicy;

// Decides whether the signature policy lets an image be copied from its
// source, as containers/image's IsRunningImageAllowed: every requirement of
// the scope the source falls under must hold. sigstoreSigned reads the
// source's "sha256-<hex>.sig" attachment (one GET, then one per signature
// payload) and accepts when one signature verifies with a configured key,
// names the manifest's digest and an identity the policy accepts. signedBy
// reads the GPG signatures from the registries.d lookaside the policy
// carries and accepts one made by a policy key (checked by gpg, off this
// thread) for the digest and an accepted identity.
// Fails with Error::Code::Rejected naming the image, the policy file, the
// scope and the requirement that did not hold; the error's detail is the
// reason alone ("no signature exists ..."), for short displays.
class CheckPolicyJob final : public Job
{
    Q_OBJECT

public:
    // manifest: the digest of the manifest the source reference names (what
    // signatures sign). origin: where the source's signatures are (none
    // outside registries: such images have no signatures to read).
    CheckPolicyJob(std::shared_ptr<const TrustPolicy> policy, const TransportReference &source,
        const RegistryOrigin &origin, const Digest &manifest, QObject *parent = nullptr);

    // How many signatures were verified (for messages such as "signed").
    int verifiedSignatures() const { return m_verified; }
    // How many signatures were found to check (sigstore and GPG); 0 with a
    // rejection means the image is unsigned rather than badly signed.
    int signaturesFound() const { return int(m_signatures.size() + m_gpgSignatures.size()); }

protected:
    void doStart() override;

private:
    void fetchSigstoreSignatures();
    void fetchPayload(int index);
    void readLookaside();
    void verifyGpgSignatures();
    void evaluate();
    void reject(const QString &requirement, const QString &why);
    // Whether one sigstoreSigned requirement holds; why not in `why`.
    bool sigstoreAccepts(const struct PolicyRequirement &requirement, QString *why);

    std::shared_ptr<const TrustPolicy> m_policy;
    TransportReference m_source;
    RegistryOrigin m_origin;
    Digest m_manifest;
    QString m_scope;
    QString m_noSignaturesBecause;
    QList<Sigstore::UnverifiedSignature> m_signatures;
    QList<QByteArray> m_payloads;
    bool m_needsSigstore = false;
    bool m_needsGpg = false;
    QList<QByteArray> m_gpgSignatures; // from the lookaside
    QString m_lookasideUrl;            // where they were looked for
    // Per signedBy requirement (in the scope's order): empty when it holds,
    // else why not. Worked out on the thread pool (gpg runs for each).
    QStringList m_gpgRefusals;
    int m_verified = 0;
};

} // namespace crossdock
