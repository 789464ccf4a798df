// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// WWW-Authenticate headers: any header gives challenges with a lower-case,
// non-empty scheme and lower-case parameter names, and the preferred one is
// Bearer or Basic from that list.
#include "core/registry/authchallenge.h"
#include "fuzzcheck.h"

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray header = fuzz::bytesOf(data, size);
    const QList<AuthChallenge> challenges = AuthChallenge::parse(header);
    for (const AuthChallenge &challenge : challenges) {
        FUZZ_CHECK(!challenge.scheme.isEmpty(), QString::fromLatin1(header));
        FUZZ_CHECK(challenge.scheme == challenge.scheme.toLower(), challenge.scheme);
        for (auto it = challenge.params.cbegin(); it != challenge.params.cend(); ++it)
            FUZZ_CHECK(it.key() == it.key().toLower() && !it.key().isEmpty(), it.key());
    }
    if (const AuthChallenge *preferred = AuthChallenge::preferred(challenges)) {
        FUZZ_CHECK(preferred->isBearer() || preferred->isBasic(), preferred->scheme);
        FUZZ_CHECK(preferred >= challenges.constData() && preferred < challenges.constData() + challenges.size(),
            QStringLiteral("preferred is not one of the challenges"));
    }
    return 0;
}
