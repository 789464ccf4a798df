// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/image/manifest.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace crossdock {

// Sigstore (cosign) signatures as containers/image and cosign store them:
// an OCI manifest tagged "sha256-<hex>.sig" next to the image, one layer per
// signature whose blob is the signed payload and whose annotation
// "dev.cosignproject.cosign/signature" holds the base64 signature.
namespace Sigstore {

inline constexpr char PayloadMediaType[] = "application/vnd.dev.cosign.simplesigning.v1+json";
inline constexpr char SignatureAnnotation[] = "dev.cosignproject.cosign/signature";
inline constexpr char PayloadType[] = "cosign container image signature";
// Payloads are a few hundred bytes; a larger "signature" is refused unread.
inline constexpr qint64 MaxPayloadSize = 4 * 1024 * 1024;
// Each signature costs a request to check: an attachment listing more is
// refused rather than fetched (a hostile registry could list thousands).
inline constexpr int MaxSignatures = 64;

// "sha256-<hex>.sig" for an image's manifest digest; its suffix varies for
// attestations (".att") and SBOMs (".sbom").
QString attachmentTag(const Digest &manifest, const QString &suffix = QStringLiteral("sig"));

// One signature layer of a ".sig" manifest, not yet verified.
struct UnverifiedSignature
{
    Descriptor payload;   // the blob holding the signed payload
    QByteArray signature; // decoded from the annotation
};
// The signatures a ".sig" manifest lists; layers that are not signatures
// are skipped, a malformed annotation is an error.
QList<UnverifiedSignature> signaturesIn(const Manifest &attachment, QString *error);

// What a signature's payload claims (its "critical" section).
struct Claims
{
    QString dockerReference;
    QString manifestDigest;
};
// Parses a payload strictly, as containers/image does: "critical" holds
// exactly identity, image and type, and type is `type` (the cosign one, or
// SimpleSigning's "atomic container signature": the format is shared).
std::optional<Claims> parsePayload(const QByteArray &payload, QString *error, const char *type = PayloadType);

// Whether `signature` over `payload` was made by one of the PEM public keys
// (ECDSA and RSA over SHA-256, Ed25519). A key that cannot be read is an
// error in `why`, so a policy with a broken key never accepts anything.
bool verifiedByAnyKey(const QByteArray &payload, const QByteArray &signature, const QList<QByteArray> &publicKeys,
    QString *why);

// Whether a PEM blob is a public key OpenSSL can verify with.
bool isUsablePublicKey(const QByteArray &pem, QString *why);

} // namespace Sigstore

} // namespace crossdock
