// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/transportreference.h"

#include "core/base/error.h"
#include "core/transports/oci/ocilayout.h"

#include <QRegularExpression>

namespace crossdock {

namespace {

// containers/image transports crossdock does not implement: refused by name.
const QStringList &unsupportedTransports()
{
    static const QStringList names{QStringLiteral("containers-storage"), QStringLiteral("docker-daemon"),
        QStringLiteral("sif"), QStringLiteral("tarball"), QStringLiteral("ostree"), QStringLiteral("atomic")};
    return names;
}

QString invalid(const QString &text, const QString &why)
{
    return QStringLiteral("invalid reference \"%1\": %2").arg(printable(text), why);
}

} // namespace

TransportReference::TransportReference(const ImageReference &image)
    : m_valid(image.isValid())
    , m_transport(Transport::Docker)
    , m_image(image)
{
}

QString TransportReference::supportedPrefixes()
{
    return QStringLiteral("docker://, oci:, oci-archive:, docker-archive:, dir:");
}

TransportReference TransportReference::oci(const QString &path, const QString &name)
{
    TransportReference ref;
    ref.m_transport = Transport::Oci;
    ref.m_path = path;
    ref.m_name = name;
    ref.m_valid = !path.isEmpty();
    return ref;
}

QString TransportReference::transportName() const
{
    switch (m_transport) {
    case Transport::Docker:
        return QStringLiteral("docker");
    case Transport::Oci:
        return QStringLiteral("oci");
    case Transport::OciArchive:
        return QStringLiteral("oci-archive");
    case Transport::DockerArchive:
        return QStringLiteral("docker-archive");
    case Transport::Dir:
        return QStringLiteral("dir");
    }
    return {};
}

TransportReference TransportReference::parse(const QString &text, QString *error, ImageReference::TagPolicy policy)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = invalid(text, why);
        return TransportReference();
    };
    static const QRegularExpression prefix(QStringLiteral("\\A([a-z][a-z0-9+.-]*):"));
    const QRegularExpressionMatch match = prefix.match(text);
    const QString word = match.hasMatch() ? match.captured(1) : QString();
    const QString rest = match.hasMatch() ? text.mid(match.capturedLength(0)) : text;

    TransportReference ref;
    if (word == QLatin1String("oci") || word == QLatin1String("oci-archive")) {
        ref.m_transport = word == QLatin1String("oci") ? Transport::Oci : Transport::OciArchive;
        // PATH[:NAME], split at the first ':' as skopeo does.
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        ref.m_path = colon < 0 ? rest : rest.left(colon);
        ref.m_name = colon < 0 ? QString() : rest.mid(colon + 1);
        if (ref.m_path.isEmpty())
            return fail(QStringLiteral("%1: needs a path").arg(word));
        if (colon >= 0 && ref.m_name.isEmpty())
            return fail(QStringLiteral("image name after ':' is empty"));
        if (!ref.m_name.isEmpty() && !OciLayout::isValidRefName(ref.m_name))
            return fail(QStringLiteral("image name \"%1\" may only hold letters and digits joined by '-', '.', '_', "
                                       "':', '@', '+' or '--', in '/'-separated parts")
                            .arg(printable(ref.m_name, 200)));
    } else if (word == QLatin1String("docker-archive")) {
        ref.m_transport = Transport::DockerArchive;
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        ref.m_path = colon < 0 ? rest : rest.left(colon);
        const QString name = colon < 0 ? QString() : rest.mid(colon + 1);
        if (ref.m_path.isEmpty())
            return fail(QStringLiteral("docker-archive: needs a path"));
        if (colon >= 0 && name.isEmpty())
            return fail(QStringLiteral("image name after ':' is empty"));
        if (name.startsWith(QLatin1Char('@'))) {
            bool ok = false;
            ref.m_archiveIndex = name.mid(1).toInt(&ok);
            if (!ok || ref.m_archiveIndex < 0)
                return fail(QStringLiteral("@%1 is not an image number (@0, @1, ...)").arg(printable(name.mid(1), 20)));
        } else if (!name.isEmpty()) {
            // A docker reference with a tag, as docker save writes RepoTags.
            QString why;
            const ImageReference named = ImageReference::parse(name, &why);
            if (!named.isValid())
                return fail(why);
            if (named.hasDigest())
                return fail(QStringLiteral("a docker-archive image is named by a tag, not a digest"));
            ref.m_name = named.name() + QLatin1Char(':') + named.tag();
        }
    } else if (word == QLatin1String("dir")) {
        ref.m_transport = Transport::Dir;
        ref.m_path = rest;
        if (ref.m_path.isEmpty())
            return fail(QStringLiteral("dir: needs a path"));
    } else {
        if (!word.isEmpty() && unsupportedTransports().contains(word))
            return fail(QStringLiteral("unsupported transport \"%1\" (supported: %2)").arg(word, supportedPrefixes()));
        QString imageText = text;
        if (word == QLatin1String("docker")) {
            if (!rest.startsWith(QLatin1String("//")))
                return fail(QStringLiteral("docker references are written docker://REFERENCE"));
            imageText = rest.mid(2);
        } else if (!word.isEmpty() && rest.startsWith(QLatin1String("//"))) {
            return fail(QStringLiteral("unsupported transport \"%1\" (supported: %2)").arg(word, supportedPrefixes()));
        }
        QString why;
        ref.m_image = ImageReference::parse(imageText, &why, policy);
        if (!ref.m_image.isValid()) {
            // "word:rest" that is no image either: a transport we do not know,
            // not a host with a port.
            static const QRegularExpression hostAndPort(QStringLiteral("\\A[0-9]+(/|\\z)"));
            if (!word.isEmpty() && word != QLatin1String("docker") && !hostAndPort.match(rest).hasMatch())
                return fail(QStringLiteral("unsupported transport \"%1\" (supported: %2)").arg(word, supportedPrefixes()));
            if (error)
                *error = why;
            return {};
        }
        ref.m_transport = Transport::Docker;
    }
    ref.m_valid = true;
    return ref;
}

QString TransportReference::toString() const
{
    switch (m_transport) {
    case Transport::Docker:
        return QStringLiteral("docker://") + m_image.toString();
    case Transport::Oci:
    case Transport::OciArchive:
        return transportName() + QLatin1Char(':') + m_path + (m_name.isEmpty() ? QString() : QLatin1Char(':') + m_name);
    case Transport::DockerArchive:
        return QStringLiteral("docker-archive:") + m_path
            + (m_archiveIndex >= 0 ? QStringLiteral(":@%1").arg(m_archiveIndex)
                                   : (m_name.isEmpty() ? QString() : QLatin1Char(':') + m_name));
    case Transport::Dir:
        return QStringLiteral("dir:") + m_path;
    }
    return {};
}

} // namespace crossdock
