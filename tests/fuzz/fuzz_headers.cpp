// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// HTTP header values a registry controls: Retry-After (a wait stays within
// the policy's caps, whatever number or date it holds), Link (a next page is
// an absolute URL, and CredentialBoundary lets only the registry's own
// origin through), Location of an upload (never followed from https to
// http), RateLimit-Remaining (a wait never beyond the pacer's cap).
#include "core/net/credentialboundary.h"
#include "core/net/requestpacer.h"
#include "core/net/retrypolicy.h"
#include "core/registry/pagedlistjob.h"
#include "fuzzcheck.h"

#include <QDateTime>

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray value = fuzz::bytesOf(data, size);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);

    const RetryPolicy policy;
    const qint64 retryAfter = RetryPolicy::parseRetryAfter(value, now);
    FUZZ_CHECK(retryAfter >= -1, QString::number(retryAfter));
    for (int retry = 1; retry <= 6; ++retry) {
        const int delay = policy.delayMs(retry, value, now);
        FUZZ_CHECK(delay >= 0 && delay <= std::max(policy.maxDelayMs, policy.maxRetryAfterMs), QString::number(delay));
    }

    const QUrl base(QStringLiteral("https://registry.example:5000/v2/team/app/tags/list"));
    const QUrl next = PagedListJob::nextLink(value, base);
    if (next.isValid()) {
        FUZZ_CHECK(!next.isRelative(), next.toString());
        const CredentialBoundary boundary(base);
        const auto decision = boundary.judge(CredentialBoundary::Hop::PageLink, base, next);
        FUZZ_CHECK(!decision.follow || boundary.admits(next), next.toString());
        FUZZ_CHECK(decision.follow || !decision.refusal.isEmpty(), next.toString());
    }

    const QUrl location = base.resolved(QUrl::fromEncoded(value));
    const CredentialBoundary boundary(base);
    const auto upload = boundary.judge(CredentialBoundary::Hop::UploadLocation, base, location);
    FUZZ_CHECK(!upload.follow || location.scheme() == QLatin1String("https"), location.toString());
    FUZZ_CHECK(!upload.withCredentials || boundary.admits(location), location.toString());

    RequestPacer pacer;
    qint64 clock = 0;
    pacer.setClock([&clock] { return clock; });
    pacer.observe(value);
    for (int i = 0; i < 3; ++i) {
        const qint64 wait = pacer.reserve();
        FUZZ_CHECK(wait >= 0 && wait <= RequestPacer::MaxSpacingMs, QString::number(wait));
        clock += wait;
    }
    return 0;
}
