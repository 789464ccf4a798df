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

    bool isEmpty() const { return username.isEmpty() && password.isEmpty() && identityToken.isEmpty(); }
};

} // namespace crossdock
