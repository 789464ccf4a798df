// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace crossdock {

// A sigstore (cosign) signing key, in cosign's encrypted file format as
// skopeo's --sign-by-sigstore-private-key and `cosign generate-key-pair`
// use it: a PEM block "ENCRYPTED SIGSTORE PRIVATE KEY" (or "... COSIGN ...")
// around JSON {kdf: scrypt N r p salt, cipher: nacl/secretbox nonce,
// ciphertext} of the PKCS#8 key. scrypt comes from OpenSSL, secretbox
// (XSalsa20-Poly1305) from libsodium. Immutable once loaded; shared by the
// copies that sign with it.
class SigstorePrivateKey final
{
public:
    // Decrypts a key file's bytes; nullopt with a message on a wrong
    // passphrase or a malformed file (the message never holds key material).
    static std::optional<SigstorePrivateKey> decrypt(const QByteArray &file, const QByteArray &passphrase, QString *error);
    // A new ECDSA P-256 key pair, encrypted with passphrase (cosign's
    // parameters: scrypt N=32768, r=8, p=1).
    static bool generate(const QByteArray &passphrase, QByteArray *privateFile, QByteArray *publicPem, QString *error);

    // A signature over payload, as cosign makes it (ECDSA/RSA over SHA-256,
    // ASN.1 DER; Ed25519 over the payload); empty with error on failure.
    QByteArray sign(const QByteArray &payload, QString *error) const;
    QByteArray publicKeyPem() const;

private:
    struct Key;
    std::shared_ptr<const Key> m_key;
};

} // namespace crossdock
