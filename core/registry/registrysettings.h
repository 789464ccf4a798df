// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/net/tlssettings.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock {

// One configured registry. Never holds a secret: credentials live in the OS
// keychain (KeychainJob) or in auth files, keyed by host.
struct RegistryEntry
{
    QString displayName;
    QString host;                 // host[:port], as in image references
    TlsSettings::Mode tlsMode = TlsSettings::Mode::Verify;
    QString caFile;               // extra CA (PEM)
    QString clientCertificate;    // PEM certificate for mutual TLS
    QString clientKey;            // its key (a file path, not the key)
    QStringList bookmarks;        // repositories to offer when the catalog is hidden
    int maxStreams = 6;           // concurrent blob streams to this host

    TlsSettings tlsSettings() const;

    friend bool operator==(const RegistryEntry &, const RegistryEntry &) = default;
};

// The configured registries, in the user's order, kept as a small JSON file
// in the application's config folder and written atomically.
class RegistrySettings final
{
public:
    static QString defaultPath();

    // Loads path; a missing file is an empty list, an unreadable or
    // malformed one an error naming it (the file is then left alone).
    bool load(const QString &path, QString *error);
    bool save(const QString &path, QString *error) const;

    const QList<RegistryEntry> &entries() const { return m_entries; }
    // Adds or replaces (same host); false with a message on bad input.
    bool upsert(const RegistryEntry &entry, QString *error);
    bool remove(const QString &host);
    bool move(const QString &host, int newIndex);
    std::optional<RegistryEntry> find(const QString &host) const;

private:
    QList<RegistryEntry> m_entries;
};

} // namespace crossdock
