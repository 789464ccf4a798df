// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/sync/semver.h"

#include <QRegularExpression>

namespace crossdock {

namespace {

// Which parts a constraint's version spelled out ("1.2" leaves patch open).
struct PartialVersion {
    SemVersion version;
    int parts = 0; // 1..3 numbers given; wildcards end the count
};

std::optional<PartialVersion> parsePartial(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$)"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    PartialVersion p;
    qint64 *fields[] = {&p.version.major, &p.version.minor, &p.version.patch};
    for (int i = 0; i < 3; ++i) {
        const QString part = m.captured(i + 1);
        if (part.isEmpty() || part == QLatin1String("x") || part == QLatin1String("X") || part == QLatin1String("*"))
            break;
        *fields[i] = part.toLongLong();
        p.parts = i + 1;
    }
    if (!m.captured(4).isEmpty())
        p.version.prerelease = m.captured(4).split(QLatin1Char('.'));
    return p;
}

SemVersion bumped(const SemVersion &v, int part)
{
    SemVersion next;
    next.major = v.major + (part == 0 ? 1 : 0);
    next.minor = part == 0 ? 0 : v.minor + (part == 1 ? 1 : 0);
    next.patch = part <= 1 ? 0 : v.patch + 1;
    next.prerelease = QStringList {QStringLiteral("0")}; // below every release of next: "< next"
    return next;
}

} // namespace

std::optional<SemVersion> SemVersion::parse(const QString &text)
{
    const auto partial = parsePartial(text.trimmed());
    if (!partial || partial->parts == 0)
        return std::nullopt;
    return partial->version;
}

int SemVersion::compare(const SemVersion &a, const SemVersion &b)
{
    for (auto [x, y] : {std::pair {a.major, b.major}, std::pair {a.minor, b.minor}, std::pair {a.patch, b.patch}})
        if (x != y)
            return x < y ? -1 : 1;
    // A release outranks its pre-releases; then field by field.
    if (a.prerelease.isEmpty() || b.prerelease.isEmpty())
        return a.prerelease.isEmpty() == b.prerelease.isEmpty() ? 0 : (a.prerelease.isEmpty() ? 1 : -1);
    for (qsizetype i = 0; i < std::min(a.prerelease.size(), b.prerelease.size()); ++i) {
        bool aNumeric = false, bNumeric = false;
        const qint64 an = a.prerelease[i].toLongLong(&aNumeric), bn = b.prerelease[i].toLongLong(&bNumeric);
        if (aNumeric && bNumeric && an != bn)
            return an < bn ? -1 : 1;
        if (aNumeric != bNumeric)
            return aNumeric ? -1 : 1;
        if (const int c = a.prerelease[i].compare(b.prerelease[i]); c != 0)
            return c < 0 ? -1 : 1;
    }
    return a.prerelease.size() == b.prerelease.size() ? 0 : (a.prerelease.size() < b.prerelease.size() ? -1 : 1);
}

bool SemverConstraint::addTerm(const QString &term, Conjunction *into, QString *error)
{
    using Op = Comparison::Op;
    static const QRegularExpression split(QStringLiteral(R"(^(!=|>=|<=|=>|=<|>|<|=|~>|~|\^)?\s*(.+)$)"));
    const QRegularExpressionMatch m = split.match(term);
    const auto version = m.hasMatch() ? parsePartial(m.captured(2).trimmed()) : std::nullopt;
    if (!version) {
        *error = QStringLiteral("\"%1\" is not a version comparison (like >= 1.2.0, ~1.4, ^2, 1.x)").arg(term);
        return false;
    }
    const QString op = m.captured(1);
    const SemVersion &v = version->version;
    const int parts = version->parts;
    if (op.isEmpty() || op == QLatin1String("=")) {
        if (parts == 3)
            into->append({Op::Eq, v});
        else if (parts > 0) // 1.2 or 1.2.x: the whole range
            *into << Comparison {Op::Ge, v} << Comparison {Op::Lt, bumped(v, parts - 1)};
        return true; // "*" alone: anything
    }
    if (op == QLatin1String("!=")) {
        into->append({Op::Ne, v});
        return true;
    }
    if (op == QLatin1String("~") || op == QLatin1String("~>")) {
        // ~1.2.3 := >=1.2.3 <1.3.0; ~1 := >=1.0.0 <2.0.0
        *into << Comparison {Op::Ge, v} << Comparison {Op::Lt, bumped(v, parts <= 1 ? 0 : 1)};
        return true;
    }
    if (op == QLatin1String("^")) {
        // ^1.2.3 := >=1.2.3 <2.0.0; ^0.2.3 := >=0.2.3 <0.3.0; ^0.0.3 := <0.0.4
        const int part = v.major > 0 || parts == 1 ? 0 : (v.minor > 0 || parts == 2 ? 1 : 2);
        *into << Comparison {Op::Ge, v} << Comparison {Op::Lt, bumped(v, part)};
        return true;
    }
    // Comparisons against a partial version compare against its range.
    if (op == QLatin1String(">"))
        into->append(parts == 3 ? Comparison {Op::Gt, v} : Comparison {Op::Ge, bumped(v, std::max(0, parts - 1))});
    else if (op == QLatin1String(">=") || op == QLatin1String("=>"))
        into->append({Op::Ge, v});
    else if (op == QLatin1String("<"))
        into->append({Op::Lt, v});
    else // <=
        into->append(parts == 3 ? Comparison {Op::Le, v} : Comparison {Op::Lt, bumped(v, std::max(0, parts - 1))});
    return true;
}

std::optional<SemverConstraint> SemverConstraint::parse(const QString &text, QString *error)
{
    SemverConstraint constraint;
    if (text.trimmed().isEmpty()) {
        *error = QStringLiteral("empty version constraint");
        return std::nullopt;
    }
    for (const QString &alternative : text.split(QStringLiteral("||"))) {
        Conjunction all;
        QString rest = alternative.trimmed();
        // Hyphen ranges first: "1.2 - 1.4" := >=1.2 <=1.4
        static const QRegularExpression hyphen(QStringLiteral(R"(^(\S+)\s+-\s+(\S+)$)"));
        if (const auto m = hyphen.match(rest); m.hasMatch())
            rest = QStringLiteral(">=%1, <=%2").arg(m.captured(1), m.captured(2));
        // Operators may be followed by spaces ("> 1.0"); join them before splitting terms.
        static const QRegularExpression spacedOp(QStringLiteral(R"((!=|>=|<=|=>|=<|~>|>|<|=|~|\^)\s+)"));
        rest.replace(spacedOp, QStringLiteral("\\1"));
        for (const QString &term : rest.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
            if (!addTerm(term, &all, error))
                return std::nullopt;
            if (term.contains(QLatin1Char('-')))
                constraint.m_allowsPrerelease = true;
        }
        constraint.m_alternatives << all;
    }
    return constraint;
}

bool SemverConstraint::matches(const SemVersion &version) const
{
    if (!version.prerelease.isEmpty() && !m_allowsPrerelease)
        return false;
    using Op = Comparison::Op;
    for (const Conjunction &all : m_alternatives) {
        const bool ok = std::all_of(all.begin(), all.end(), [&](const Comparison &c) {
            const int cmp = SemVersion::compare(version, c.version);
            switch (c.op) {
            case Op::Eq:
                return cmp == 0;
            case Op::Ne:
                return cmp != 0;
            case Op::Gt:
                return cmp > 0;
            case Op::Ge:
                return cmp >= 0;
            case Op::Lt:
                return cmp < 0;
            case Op::Le:
                return cmp <= 0;
            }
            return false;
        });
        if (ok)
            return true;
    }
    return false;
}

bool SemverConstraint::matches(const QString &tag) const
{
    const auto version = SemVersion::parse(tag);
    return version && matches(*version);
}

} // namespace crossdock
