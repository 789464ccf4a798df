// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/credentials.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock {

// What one auth file (containers auth.json or docker config.json) says about
// a registry: stored credentials, a credential helper to ask, or nothing.
struct AuthFileMatch
{
    enum class Kind { None, Credentials, Helper };
    Kind kind = Kind::None;
    Credentials credentials;
    QString helper;  // for Kind::Helper: the docker-credential-<helper> suffix
    QString key;     // which entry matched (for debug output; never a secret)
};

// One registry an auth file knows about, for the GUI's import list. The
// username is shown to the user; the secret is never part of it.
struct StoredLogin
{
    QString key;      // auths / credHelpers key: "host" or "host/namespace"
    QString username; // empty for helper-backed entries
    QString helper;   // docker-credential-<helper> holds the secret, or empty
    QString path;     // the file it was found in

    QString registry() const { return key.section(QLatin1Char('/'), 0, 0); }
};

class AuthFile final
{
public:
    // Reads and parses a file. A missing file yields nullopt with no error; an
    // unreadable or malformed one yields nullopt and an error naming it.
    static std::optional<AuthFile> load(const QString &path, QString *error);
    static std::optional<AuthFile> fromJson(const QByteArray &json, const QString &path, QString *error);

    // Looks up "registry/repository": credHelpers for the host, then the most
    // specific auths entry (host/ns/repo, host/ns, host), then credsStore.
    AuthFileMatch lookup(const QString &registry, const QString &repository) const;

    QString path() const { return m_path; }
    // Every registry with stored credentials or a credHelpers entry.
    QList<StoredLogin> logins() const;
    // The default helper for every registry ("credsStore"), or empty.
    QString credsStore() const;

    // The containers/docker lookup chain. An explicit authfile or
    // $REGISTRY_AUTH_FILE replaces the chain, as in containers/image.
    static QStringList searchPaths(const QString &explicitAuthFile);

    // Keys naming the same registry ("docker.io" is also index.docker.io and
    // registry-1.docker.io); legacy "https://host/v1/" keys reduce to "host".
    static QString normaliseKey(const QString &key);

    // Where `login` writes: $REGISTRY_AUTH_FILE, else
    // $XDG_RUNTIME_DIR/containers/auth.json (podman's and skopeo's default).
    static QString defaultWritePath();
    // Adds or replaces auths.<key> (user:password, base64) in the file at
    // path, keeping everything else in it; written atomically, mode 0600.
    static bool store(const QString &path, const QString &key, const Credentials &credentials, QString *error);
    // Removes auths.<key> (or every entry with all); false with a message
    // when the file cannot be rewritten. *removed says whether it was there.
    static bool erase(const QString &path, const QString &key, bool all, bool *removed, QString *error);

private:
    QString m_path;
    QJsonObject m_auths;       // normalised key -> entry
    QJsonObject m_credHelpers; // normalised host -> helper
    QString m_credsStore;
};

} // namespace crossdock
