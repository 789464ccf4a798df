// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock::cli {

struct CliOptions;

// The digest a registry gives the manifest in `path` (a signed schema 1
// manifest without its signatures), as manifest-digest prints it.
std::optional<Digest> manifestFileDigest(const QString &path, QString *error);

// What standalone-sign and standalone-verify need, read and checked on the
// command's thread before gpg runs on the pool.
struct StandaloneSign
{
    QByteArray payload;   // to sign
    QString keyId;
    std::optional<QByteArray> passphrase;
    QString output;
};
// standalone-sign MANIFEST DOCKER-REFERENCE KEY-FINGERPRINT --output FILE
std::optional<StandaloneSign> prepareStandaloneSign(const CliOptions &options, QString *error);

struct StandaloneVerify
{
    QByteArray signature;
    Digest manifest;
    QString reference;
    QStringList fingerprints; // accepted signers; empty: any key of the keyring
    QByteArray keyring;       // --public-key-file; empty: the user's keyring
};
// standalone-verify MANIFEST DOCKER-REFERENCE KEY-FINGERPRINTS SIGNATURE
std::optional<StandaloneVerify> prepareStandaloneVerify(const CliOptions &options, QString *error);
// Checks the signature (blocks on gpg): skopeo's "Signature verified,
// digest D" line, or nullopt and why not.
std::optional<QString> runStandaloneVerify(const StandaloneVerify &verify, QString *error);

} // namespace crossdock::cli
