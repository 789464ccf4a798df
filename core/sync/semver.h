// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock {

// A semantic version as tags spell them: [v]MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD].
struct SemVersion {
    qint64 major = 0;
    qint64 minor = 0;
    qint64 patch = 0;
    QStringList prerelease;

    static std::optional<SemVersion> parse(const QString &text);
    // <0, 0, >0 as in semver 2.0 precedence (build metadata ignored).
    static int compare(const SemVersion &a, const SemVersion &b);
};

// A version constraint as skopeo's images-by-semver takes it (the Masterminds
// semver syntax): comparisons (=, !=, >, >=, <, <=), ranges with ~ and ^,
// wildcards (1.2.x, 1.*), hyphen ranges (1.2 - 1.4), AND with commas or
// spaces, OR with ||. As there, a pre-release version only matches a
// constraint that names a pre-release itself.
class SemverConstraint final {
public:
    // nullopt with *error naming the part that does not parse.
    static std::optional<SemverConstraint> parse(const QString &text, QString *error);
    bool matches(const SemVersion &version) const;
    bool matches(const QString &tag) const;

private:
    struct Comparison {
        enum class Op { Eq, Ne, Gt, Ge, Lt, Le };
        Op op = Op::Eq;
        SemVersion version;
    };
    using Conjunction = QList<Comparison>;
    static bool addTerm(const QString &term, Conjunction *into, QString *error);

    QList<Conjunction> m_alternatives;
    bool m_allowsPrerelease = false;
};

} // namespace crossdock
