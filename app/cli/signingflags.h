// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace crossdock::cli {

struct CliOptions;

// --sign-by-sigstore-private-key KEY: decrypts KEY with the passphrase from
// --sign-passphrase-file (its first line) or, on a terminal, a prompt, into
// options->signingKey. --sign-by KEY-ID (GPG): the passphrase file's line
// into options->gpgPassphrase (without one gpg-agent asks). Checks
// --sign-identity. True when no signing is asked.
bool loadSigningKey(CliOptions *options, QString *error);

// The first line of a passphrase file, as skopeo reads it.
bool readPassphraseFile(const QString &file, QByteArray *passphrase, QString *error);

// Whether `text` names an image exactly as a signature's identity must:
// host, repository and tag or digest, nothing left to defaults.
bool isFullySpecifiedReference(const QString &text, QString *error);

// generate-sigstore-key --output-prefix P: P.private (cosign's encrypted
// format, owner-only) and P.pub; neither may exist. Returns what it wrote.
bool generateSigstoreKey(const CliOptions &options, QString *written, QString *error);

} // namespace crossdock::cli
