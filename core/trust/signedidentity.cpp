// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// SignedIdentity::accepts: containers/image's policy_reference_match.go.
#include "core/image/imagereference.h"
#include "core/trust/trustpolicy.h"

namespace crossdock {

namespace {

// A reference as a signature or policy names it: normalised as docker does
// ("busybox:1" is docker.io/library/busybox:1), and whether it names a tag
// or digest at all (a bare repository never matches an exact identity).
struct Named
{
    ImageReference reference;
    bool nameOnly = true;
};

Named named(const QString &text)
{
    Named out;
    const QString last = text.mid(text.lastIndexOf(QLatin1Char('/')) + 1);
    out.nameOnly = !last.contains(QLatin1Char(':')) && !last.contains(QLatin1Char('@'));
    out.reference = ImageReference::parse(text);
    return out;
}

// "registry/repo:tag" or "registry/repo@digest", both when both are set,
// but never the ":latest" a bare name was given by the parser.
QString exactText(const Named &named)
{
    return named.nameOnly ? named.reference.name() : named.reference.toString();
}

bool refMatchesPrefix(const QString &reference, const QString &prefix)
{
    if (reference.size() < prefix.size())
        return false;
    if (reference.size() == prefix.size())
        return reference == prefix;
    if (!reference.startsWith(prefix))
        return false;
    const QChar next = reference.at(prefix.size());
    return next == QLatin1Char(':') || next == QLatin1Char('/') || next == QLatin1Char('@');
}

bool repoDigestOrExact(const Named &intended, const Named &signedAs)
{
    if (intended.reference.hasDigest())
        return intended.reference.name() == signedAs.reference.name();
    if (intended.nameOnly || signedAs.nameOnly)
        return false;
    return exactText(intended) == exactText(signedAs);
}

} // namespace

bool SignedIdentity::accepts(const ImageReference &intendedReference, const QString &signedReference, QString *why) const
{
    const Named signedAs = named(signedReference);
    if (!signedAs.reference.isValid()) {
        *why = QStringLiteral("the signature names \"%1\", which is not an image reference").arg(signedReference.left(200));
        return false;
    }
    const auto refuse = [&](const QString &expected) {
        *why = QStringLiteral("the signature is for %1, not %2").arg(exactText(signedAs), expected);
        return false;
    };
    switch (kind) {
    case Kind::ExactReference: {
        const Named wanted = named(dockerReference);
        if (wanted.nameOnly || signedAs.nameOnly || exactText(wanted) != exactText(signedAs))
            return refuse(dockerReference);
        return true;
    }
    case Kind::ExactRepository:
        if (ImageReference::parse(dockerRepository).name() != signedAs.reference.name())
            return refuse(dockerRepository);
        return true;
    default:
        break;
    }
    if (!intendedReference.isValid()) {
        *why = QStringLiteral("the image has no registry identity to match the signature's %1 against "
                              "(use exactReference or exactRepository in the policy)")
                   .arg(exactText(signedAs));
        return false;
    }
    Named intended;
    intended.reference = intendedReference;
    intended.nameOnly = intendedReference.tag().isEmpty() && !intendedReference.hasDigest();
    switch (kind) {
    case Kind::MatchExact:
        if (intended.nameOnly || signedAs.nameOnly || exactText(intended) != exactText(signedAs))
            return refuse(exactText(intended));
        return true;
    case Kind::MatchRepository:
        if (intended.reference.name() != signedAs.reference.name())
            return refuse(intended.reference.name());
        return true;
    case Kind::RemapIdentity: {
        const QString text = exactText(intended);
        if (refMatchesPrefix(text, prefix)) {
            const Named remapped = named(signedPrefix + text.mid(prefix.size()));
            if (!remapped.reference.isValid()) {
                *why = QStringLiteral("remapping %1 with signedPrefix %2 gives no valid reference").arg(text, signedPrefix);
                return false;
            }
            intended = remapped;
        }
        if (!repoDigestOrExact(intended, signedAs))
            return refuse(exactText(intended));
        return true;
    }
    case Kind::MatchRepoDigestOrExact:
    default:
        if (!repoDigestOrExact(intended, signedAs))
            return refuse(exactText(intended));
        return true;
    }
}

} // namespace crossdock
