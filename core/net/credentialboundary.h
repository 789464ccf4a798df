// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace crossdock {

// The one rule for where a registry's credentials may travel. Credentials
// (Basic, a Bearer token, an identity token) belong to one origin: the
// registry's scheme, host and port as the /v2/ ping found them, or a token
// service's realm for the token request itself. Every request path asks
// this class, so no path can send them anywhere else:
//  - authorizationFor(): a request gets its Authorization header only when
//    its URL has that origin; retries and redirects ask again for each URL;
//  - judge(): whether a URL the server handed us (a redirect, an upload
//    Location, a next-page Link) may be followed at all.
// Rules, in order:
//  1. only http and https are followed;
//  2. never from https to http (a downgrade would put credentials or data in
//     plain text on the wire; a TLS-terminating proxy that writes http://
//     Locations is refused with both URLs named);
//  3. the origin itself: followed with credentials;
//  4. another origin: a redirect is followed without credentials (storage
//     hosts such as S3 or a CDN carry their own grant in the URL); an upload
//     Location on another origin likewise, but only over https; a
//     next-page Link or a token-service redirect to another origin is
//     refused.
class CredentialBoundary final
{
public:
    enum class Hop {
        Redirect,       // a 3xx Location from the registry or a storage host
        UploadLocation, // the Location of an upload session (POST/PATCH answer)
        PageLink,       // a Link: rel="next" of a paginated list
        TokenRedirect,  // a 3xx from the token service
    };

    struct Decision
    {
        bool follow = false;
        bool withCredentials = false;
        QString refusal; // one line naming both URLs when !follow
    };

    CredentialBoundary() = default;
    // origin: any URL of the origin; only scheme, host and port count.
    explicit CredentialBoundary(const QUrl &origin);

    bool isValid() const { return !m_scheme.isEmpty() && !m_host.isEmpty(); }
    QString origin() const;

    // Same scheme, host (case-insensitively) and port (the scheme's default
    // when none is written).
    bool admits(const QUrl &url) const;
    // `authorization` when admits(url), else empty.
    QByteArray authorizationFor(const QUrl &url, const QByteArray &authorization) const;
    Decision judge(Hop hop, const QUrl &from, const QUrl &to) const;

    // A URL for messages: no user info, no query (pre-signed URLs carry grants there).
    static QString display(const QUrl &url);

private:
    QString m_scheme;
    QString m_host;
    int m_port = -1;
};

} // namespace crossdock
