// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Semantic versions and constraints (images-by-semver): versions order
// consistently (reflexive, antisymmetric), and a constraint that parses can
// be asked about any tag. The input is "constraint\ntag\ntag".
#include "core/sync/semver.h"
#include "fuzzcheck.h"

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QStringList lines = fuzz::textOf(data, size).split(QLatin1Char('\n'));
    QString error;
    const std::optional<SemverConstraint> constraint = SemverConstraint::parse(lines.value(0), &error);
    FUZZ_CHECK(constraint || !error.isEmpty(), lines.value(0));
    QList<SemVersion> versions;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (constraint)
            constraint->matches(lines.at(i));
        if (const auto version = SemVersion::parse(lines.at(i))) {
            FUZZ_CHECK(version->major >= 0 && version->minor >= 0 && version->patch >= 0, lines.at(i));
            FUZZ_CHECK(SemVersion::compare(*version, *version) == 0, lines.at(i));
            versions << *version;
        }
    }
    for (const SemVersion &a : versions)
        for (const SemVersion &b : versions) {
            const int ab = SemVersion::compare(a, b);
            const int ba = SemVersion::compare(b, a);
            FUZZ_CHECK((ab < 0 && ba > 0) || (ab > 0 && ba < 0) || (ab == 0 && ba == 0), lines.join(QLatin1Char('|')));
        }
    return 0;
}
