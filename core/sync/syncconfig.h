// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/credentials.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock {

// Which tags of one source repository a sync takes.
struct SyncImageSpec {
    enum class Selection { AllTags, Listed, TagRegex, Semver };
    QString repository;
    Selection selection = Selection::AllTags;
    QStringList tags; // Listed: tags or digests
    QString pattern; // TagRegex: a regular expression; Semver: a constraint
};

// One registry's part of a sync source file: skopeo's keys (images,
// images-by-tag-regex, images-by-semver, tls-verify, cert-dir, credentials)
// and Crossdock's extensions beside them (tags-deny, platforms, concurrency).
struct SyncRegistrySpec {
    QString registry;
    QList<SyncImageSpec> images;
    std::optional<bool> tlsVerify;
    QString certDir;
    Credentials credentials;
    QStringList tagsDeny; // regular expressions; a tag matching one is left out
    QStringList platforms; // os/arch[/variant] to copy from indexes (default: all)
    // referrers: true|false - attestations, SBOMs and OCI referrers travel
    // with this registry's images (unset: as --referrers says).
    std::optional<bool> referrers;
    int concurrency = 0; // images at once from this registry (0: the command's)
    double requestsPerSecond = 0; // a fixed pace for this registry (0: none)
    int line = 0; // where it starts in the file (1-based), for messages
};

// Reads a sync source file in skopeo's YAML format. Every problem names the
// file, the line and the key ("sync.yml:7: images-by-semver.alpine: ...").
class SyncConfig final {
public:
    static std::optional<QList<SyncRegistrySpec>> parse(
        const QByteArray &yaml, const QString &fileName, QString *error);
    static std::optional<QList<SyncRegistrySpec>> load(const QString &path, QString *error);
};

} // namespace crossdock
