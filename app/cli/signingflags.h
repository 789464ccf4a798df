// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock::cli {

struct CliOptions;

// --sign-by-sigstore-private-key KEY: decrypts KEY with the passphrase from
// --sign-passphrase-file (its first line) or, on a terminal, a prompt, into
// options->signingKey; checks --sign-identity. True when no signing is asked.
bool loadSigningKey(CliOptions *options, QString *error);

// generate-sigstore-key --output-prefix P: P.private (cosign's encrypted
// format, owner-only) and P.pub; neither may exist. Returns what it wrote.
bool generateSigstoreKey(const CliOptions &options, QString *written, QString *error);

} // namespace crossdock::cli
