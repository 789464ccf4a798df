// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The signature policy and what signatures claim ([trust]): any bytes parse
// as a policy or say why naming the file; a parsed policy answers every
// reference with a non-empty requirement list and the scope it came from;
// any bytes parse as a sigstore payload or say why, and what parses names a
// digest and an identity, which every signedIdentity kind of the policy
// judges without failing silently (a refusal always says why).
#include "core/image/imagereference.h"
#include "core/transports/transportreference.h"
#include "core/trust/sigstoresignature.h"
#include "core/trust/trustpolicy.h"
#include "fuzzcheck.h"

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    QString error;
    const std::optional<TrustPolicy> policy = TrustPolicy::parse(bytes, QStringLiteral("fuzz.json"), &error);
    FUZZ_CHECK(policy || error.startsWith(QLatin1String("fuzz.json")), error);
    static const QList<TransportReference> references {
        TransportReference::parse(QStringLiteral("docker://r.example.com:5000/team/app:1")),
        TransportReference::parse(QStringLiteral("docker://busybox@sha256:") + QString(64, QLatin1Char('a'))),
        TransportReference::parse(QStringLiteral("oci:/srv/images/app:1")), TransportReference::parse(QStringLiteral("dir:/tmp/x"))};
    if (policy)
        for (const TransportReference &reference : references) {
            const TrustPolicy::Match match = policy->requirementsFor(reference);
            FUZZ_CHECK(!match.requirements.isEmpty(), reference.toString());
        }

    const std::optional<Sigstore::Claims> claims = Sigstore::parsePayload(bytes, &error);
    FUZZ_CHECK(claims || !error.isEmpty(), QStringLiteral("a refused payload without a reason"));
    if (!claims)
        return 0;
    FUZZ_CHECK(!claims->dockerReference.isEmpty() && !claims->manifestDigest.isEmpty(), claims->dockerReference);
    for (const SignedIdentity::Kind kind : {SignedIdentity::Kind::MatchExact, SignedIdentity::Kind::MatchRepoDigestOrExact,
             SignedIdentity::Kind::MatchRepository, SignedIdentity::Kind::ExactReference, SignedIdentity::Kind::ExactRepository,
             SignedIdentity::Kind::RemapIdentity}) {
        SignedIdentity identity;
        identity.kind = kind;
        identity.dockerReference = claims->dockerReference;
        identity.dockerRepository = QStringLiteral("r.example.com/team/app");
        identity.prefix = QStringLiteral("r.example.com");
        identity.signedPrefix = claims->dockerReference.left(40);
        for (const TransportReference &reference : references) {
            QString why;
            const bool accepted = identity.accepts(reference.isRegistry() ? reference.image() : ImageReference(),
                claims->dockerReference, &why);
            FUZZ_CHECK(accepted || !why.isEmpty(), claims->dockerReference);
        }
    }
    return 0;
}
