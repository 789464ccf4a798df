// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock {

// What to authenticate with at one registry. Never logged, never put into
// error text; only the username may be shown.
struct Credentials
{
    QString username;
    QString password;
    // A refresh token (auth.json "identitytoken"): exchanged at the token
    // endpoint with an OAuth2 POST instead of Basic credentials.
    QString identityToken;
    // A bearer token given as is (skopeo's --registry-token): sent with every
    // request, never exchanged at a token endpoint.
    QString registryToken {}; // (a default: older aggregate initialisations leave it out)

    bool isEmpty() const
    {
        return username.isEmpty() && password.isEmpty() && identityToken.isEmpty() && registryToken.isEmpty();
    }
};

} // namespace crossdock
