// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/imagereference.h"

#include "core/base/error.h"

#include <QRegularExpression>

namespace crossdock {

namespace {

const QString dockerHub = QStringLiteral("docker.io");

// distribution/reference: a path component is lower-case alphanumerics
// joined by one of the separators ".", "_", "__" or a run of "-".
const QRegularExpression &pathComponentPattern()
{
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")));
    return re;
}

const QRegularExpression &domainPattern()
{
    // host labels, optionally dotted, or a bracketed IPv6 address; optional port.
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral(
        "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
        "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
        "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?")));
    return re;
}

const QRegularExpression &tagPattern()
{
    // Anchored at the very end: "$" would also accept a trailing newline.
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")));
    return re;
}

// docker's rule: the first component names a registry when it contains "."
// or ":", is "localhost", or has upper-case letters (repositories cannot).
bool looksLikeRegistry(const QString &component)
{
    return component.contains(QLatin1Char('.')) || component.contains(QLatin1Char(':'))
        || component == QLatin1String("localhost") || component != component.toLower();
}

} // namespace

bool ImageReference::isValidTag(const QString &tag)
{
    return tagPattern().match(tag).hasMatch();
}

ImageReference ImageReference::parse(const QString &input, QString *error, TagPolicy policy)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("invalid reference \"%1\": %2").arg(printable(input), why);
        return ImageReference();
    };

    if (input.isEmpty())
        return fail(QStringLiteral("reference is empty"));
    if (input.trimmed() != input || input.contains(QLatin1Char(' ')))
        return fail(QStringLiteral("contains white space"));

    QString rest = input;
    ImageReference ref;

    // Digest: everything after '@'.
    const qsizetype at = rest.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        if (policy == TagPolicy::NameOnly)
            return fail(QStringLiteral("a repository name cannot carry a digest"));
        QString digestError;
        ref.m_digest = Digest::parse(rest.mid(at + 1), &digestError);
        if (!ref.m_digest.isValid())
            return fail(digestError);
        rest.truncate(at);
    }

    // Tag: after the last ':' that follows the last '/' (a ':' before it is a port).
    const qsizetype lastSlash = rest.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
    if (colon > lastSlash) {
        if (policy == TagPolicy::NameOnly)
            return fail(QStringLiteral("a repository name cannot carry a tag"));
        const QString tag = rest.mid(colon + 1);
        if (tag.isEmpty())
            return fail(QStringLiteral("tag is empty"));
        if (tag.size() > MaxTagLength)
            return fail(QStringLiteral("tag is longer than %1 characters").arg(MaxTagLength));
        if (!isValidTag(tag))
            return fail(QStringLiteral("tag \"%1\" may only contain letters, digits, '_', '.' and '-' "
                                       "and must not start with '.' or '-'")
                            .arg(printable(tag)));
        ref.m_tag = tag;
        rest.truncate(colon);
    }

    if (rest.isEmpty())
        return fail(QStringLiteral("repository name is empty"));
    if (rest.size() > MaxNameLength)
        return fail(QStringLiteral("repository name is longer than %1 characters").arg(MaxNameLength));

    QString registry;
    QString path = rest;
    const qsizetype firstSlash = rest.indexOf(QLatin1Char('/'));
    if (firstSlash >= 0 && looksLikeRegistry(rest.left(firstSlash))) {
        registry = rest.left(firstSlash);
        path = rest.mid(firstSlash + 1);
        if (!domainPattern().match(registry).hasMatch())
            return fail(QStringLiteral("registry \"%1\" is not a valid host[:port]").arg(registry));
        const qsizetype portColon = registry.lastIndexOf(QLatin1Char(':'));
        if (portColon > registry.lastIndexOf(QLatin1Char(']'))) {
            const int port = registry.mid(portColon + 1).toInt();
            if (port < 1 || port > 65535)
                return fail(QStringLiteral("port in \"%1\" is out of range").arg(registry));
        }
    }

    if (path.isEmpty())
        return fail(QStringLiteral("repository name is empty"));
    if (path != path.toLower())
        return fail(QStringLiteral("repository name \"%1\" must be lower-case").arg(path));
    const QStringList components = path.split(QLatin1Char('/'));
    for (const QString &component : components) {
        if (component.isEmpty())
            return fail(QStringLiteral("repository name \"%1\" has an empty path component").arg(path));
        if (!pathComponentPattern().match(component).hasMatch())
            return fail(QStringLiteral("path component \"%1\" may only contain a-z, 0-9 and the separators "
                                       "'.', '_', '__' or '-' between alphanumerics")
                            .arg(printable(component)));
    }

    if (registry.isEmpty() || registry == QLatin1String("index.docker.io"))
        registry = dockerHub;
    if (registry == dockerHub && !path.contains(QLatin1Char('/')))
        path = QStringLiteral("library/") + path;

    ref.m_registry = registry;
    ref.m_repository = path;
    if (ref.name().size() > MaxNameLength)
        return fail(QStringLiteral("repository name is longer than %1 characters").arg(MaxNameLength));
    if (policy == TagPolicy::DefaultToLatest && ref.m_tag.isEmpty() && !ref.hasDigest())
        ref.m_tag = QStringLiteral("latest");
    return ref;
}

QString ImageReference::apiHost() const
{
    return m_registry == dockerHub ? QStringLiteral("registry-1.docker.io") : m_registry;
}

QString ImageReference::toString() const
{
    QString text = name();
    if (!m_tag.isEmpty())
        text += QLatin1Char(':') + m_tag;
    if (hasDigest())
        text += QLatin1Char('@') + m_digest.toString();
    return text;
}

ImageReference ImageReference::parseRegistry(const QString &text, QString *error)
{
    QString host = text.trimmed();
    if (host.startsWith(QLatin1String("docker://")))
        host = host.mid(9);
    while (host.endsWith(QLatin1Char('/')))
        host.chop(1);
    QString ignored;
    const ImageReference probe = parse(host + QStringLiteral("/x"), &ignored, TagPolicy::NameOnly);
    const bool hubAlias = probe.registry() == dockerHub && host.contains(QLatin1String("docker.io"));
    if (host.isEmpty() || host.contains(QLatin1Char('/')) || !probe.isValid() || (probe.registry() != host && !hubAlias)) {
        if (error)
            *error = QStringLiteral("invalid registry host \"%1\": expected host[:port]").arg(text.left(300));
        return {};
    }
    return probe;
}

ImageReference ImageReference::withTag(const QString &tag) const
{
    ImageReference copy = *this;
    copy.m_tag = tag;
    copy.m_digest = Digest();
    return copy;
}

ImageReference ImageReference::withDigest(const Digest &digest) const
{
    ImageReference copy = *this;
    copy.m_digest = digest;
    return copy;
}

} // namespace crossdock
