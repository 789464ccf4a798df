// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/credentialboundary.h"

namespace crossdock {

namespace {

int defaultPort(const QString &scheme)
{
    if (scheme == QLatin1String("https"))
        return 443;
    if (scheme == QLatin1String("http"))
        return 80;
    return -1;
}

bool isWebScheme(const QString &scheme)
{
    return scheme == QLatin1String("https") || scheme == QLatin1String("http");
}

} // namespace

CredentialBoundary::CredentialBoundary(const QUrl &origin)
    : m_scheme(origin.scheme().toLower())
    , m_host(origin.host().toLower())
    , m_port(origin.port(defaultPort(origin.scheme().toLower())))
{
}

QString CredentialBoundary::origin() const
{
    QUrl url;
    url.setScheme(m_scheme);
    url.setHost(m_host);
    if (m_port != defaultPort(m_scheme))
        url.setPort(m_port);
    return url.toString();
}

bool CredentialBoundary::admits(const QUrl &url) const
{
    if (!isValid() || !url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    return scheme == m_scheme && url.host().compare(m_host, Qt::CaseInsensitive) == 0
        && url.port(defaultPort(scheme)) == m_port;
}

QByteArray CredentialBoundary::authorizationFor(const QUrl &url, const QByteArray &authorization) const
{
    return admits(url) ? authorization : QByteArray();
}

QString CredentialBoundary::display(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).left(300);
}

CredentialBoundary::Decision CredentialBoundary::judge(Hop hop, const QUrl &from, const QUrl &to) const
{
    const auto refuse = [&](const QString &text) {
        return Decision{false, false, text.arg(display(from), display(to))};
    };
    const QString scheme = to.scheme().toLower();
    if (!to.isValid() || to.host().isEmpty() || !isWebScheme(scheme))
        return refuse(QStringLiteral("%1 pointed to \"%2\", which is not an http(s) URL; refusing to follow"));
    const bool fromSecure = from.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0
        || m_scheme == QLatin1String("https");
    if (fromSecure && scheme == QLatin1String("http"))
        return refuse(QStringLiteral("%1 pointed to %2, a downgrade from https to plain http; refusing to follow "
                                     "(credentials and data would travel unencrypted)"));
    if (admits(to))
        return Decision{true, true, {}};
    switch (hop) {
    case Hop::Redirect:
        return Decision{true, false, {}};
    case Hop::UploadLocation:
        if (scheme == QLatin1String("https"))
            return Decision{true, false, {}};
        return refuse(QStringLiteral("%1 pointed to another server (%2) for the upload, over plain http; "
                                     "refusing to send the image there"));
    case Hop::PageLink:
        return refuse(QStringLiteral("%1 pointed to another server (%2) for the next page; refusing to follow"));
    case Hop::TokenRedirect:
        return refuse(QStringLiteral("token service %1 redirected to another server (%2); refusing to send "
                                     "credentials there"));
    }
    return refuse(QStringLiteral("%1 pointed to %2; refusing to follow"));
}

} // namespace crossdock
