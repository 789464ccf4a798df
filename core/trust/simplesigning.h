// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock {

class Digest;

// GPG "simple signing" (containers-signature(5)), the signatures skopeo's
// --sign-by makes and a signedBy policy checks: an OpenPGP signed message
// (not detached) whose content is a JSON payload naming the manifest digest
// and the image's reference, type "atomic container signature". Through
// GPGME, which runs Debian's gpg.
//
// Every function here starts gpg and waits for it: call them off the
// application's thread (runInPool).
namespace SimpleSigning {

inline constexpr char PayloadType[] = "atomic container signature";
// Signatures are a few hundred bytes; a larger file is refused unread.
inline constexpr qint64 MaxSignatureSize = 4 * 1024 * 1024;
// How many lookaside signatures of one image are read at most.
inline constexpr int MaxSignatures = 64;

// The payload skopeo writes, with crossdock as creator.
QByteArray makePayload(const Digest &manifest, const QString &dockerReference);

// A signature whose OpenPGP signature checked out with one of the keys.
struct Verified
{
    QByteArray payload;  // the signed content (not yet checked as claims)
    QString fingerprint; // of the primary key that signed (subkeys mapped)
};

// Verifies `signature` against the public keys in `keyrings` (binary or
// armored OpenPGP key blocks) alone, in a keyring of its own that is thrown
// away after: the user's keyring and trust settings play no part, as in
// containers/image. Exactly one valid signature by one of those keys is
// accepted; otherwise nullopt and why. An unusable keyring is said so.
// `content`, when given, receives the signed content even when the
// signature does not verify (to show what it claims), if gpg could read it.
std::optional<Verified> verify(const QByteArray &signature, const QList<QByteArray> &keyrings, QString *why,
    QByteArray *content = nullptr);

// The public keys `fingerprints` name, exported from the user's GnuPG
// keyring (binary); nullopt and why when one of them is not there.
std::optional<QByteArray> exportPublicKeys(const QStringList &fingerprints, QString *error);

// The fingerprints of the primary keys in `keyring` (empty and why when
// none can be read).
QStringList fingerprints(const QByteArray &keyring, QString *why);

// A secret key of the user's keyring that can sign, as "Sign with" lists it.
struct SecretKey
{
    QString fingerprint;
    QString userId; // the primary user ID ("Release Team <release@example.com>")
};
// The usable signing keys of the user's GnuPG home (not expired, revoked
// or disabled); empty and why when gpg cannot be asked.
QList<SecretKey> secretKeys(QString *error);

// Signs `payload` with the secret key `keyId` (fingerprint, key ID or user
// ID) from the user's GnuPG home ($GNUPGHOME or ~/.gnupg). With a
// passphrase, gpg is given it (pinentry loopback); without one, gpg-agent
// asks as it would for gpg itself.
std::optional<QByteArray> sign(const QByteArray &payload, const QString &keyId,
    const std::optional<QByteArray> &passphrase, QString *error);

} // namespace SimpleSigning

} // namespace crossdock
