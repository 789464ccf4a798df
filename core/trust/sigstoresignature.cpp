// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/sigstoresignature.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace crossdock::Sigstore {

namespace {

struct KeyFree {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct ContextFree {
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

Key readPublicKey(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    if (!bio)
        return nullptr;
    Key key(PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return key;
}

bool verify(EVP_PKEY *key, const QByteArray &payload, const QByteArray &signature)
{
    std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
    if (!context)
        return false;
    // Ed25519 signs the message itself; ECDSA and RSA a SHA-256 of it, as cosign.
    const EVP_MD *digest = EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
    if (EVP_DigestVerifyInit(context.get(), nullptr, digest, nullptr, key) != 1)
        return false;
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
               static_cast<size_t>(signature.size()), reinterpret_cast<const unsigned char *>(payload.constData()),
               static_cast<size_t>(payload.size()))
        == 1;
}

} // namespace

QString attachmentTag(const Digest &manifest, const QString &suffix)
{
    return manifest.algorithm() + QLatin1Char('-') + manifest.hex() + QLatin1Char('.') + suffix;
}

QList<UnverifiedSignature> signaturesIn(const Manifest &attachment, QString *error)
{
    QList<UnverifiedSignature> signatures;
    for (const Descriptor &layer : attachment.layers()) {
        if (layer.mediaType != QLatin1String(PayloadMediaType))
            continue;
        const QJsonValue annotation = layer.annotations.value(QLatin1String(SignatureAnnotation));
        if (!annotation.isString()) {
            *error = QStringLiteral("signature layer %1 has no %2 annotation")
                         .arg(layer.digest.toString(), QLatin1String(SignatureAnnotation));
            return {};
        }
        const auto decoded = QByteArray::fromBase64Encoding(annotation.toString().toLatin1(),
            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.isEmpty()) {
            *error = QStringLiteral("signature layer %1: the signature is not base64").arg(layer.digest.toString());
            return {};
        }
        if (layer.size < 0 || layer.size > MaxPayloadSize) {
            *error = QStringLiteral("signature layer %1: a payload of %2 bytes is not a signature payload")
                         .arg(layer.digest.toString())
                         .arg(layer.size);
            return {};
        }
        signatures << UnverifiedSignature {layer, decoded.decoded};
        if (signatures.size() > MaxSignatures) {
            *error = QStringLiteral("more than %1 signatures; refused unread").arg(MaxSignatures);
            return {};
        }
    }
    return signatures;
}

std::optional<Claims> parsePayload(const QByteArray &payload, QString *error, const char *type)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("the payload is not a JSON object");
        return std::nullopt;
    }
    const QJsonObject critical = document.object().value(QStringLiteral("critical")).toObject();
    if (critical.size() != 3 || !critical.contains(QStringLiteral("identity")) || !critical.contains(QStringLiteral("image"))
        || !critical.contains(QStringLiteral("type"))) {
        *error = QStringLiteral("the payload's \"critical\" section must hold exactly identity, image and type");
        return std::nullopt;
    }
    if (critical.value(QStringLiteral("type")).toString() != QLatin1String(type)) {
        *error = QStringLiteral("the payload's type is not \"%1\"").arg(QLatin1String(type));
        return std::nullopt;
    }
    const QJsonObject identity = critical.value(QStringLiteral("identity")).toObject();
    const QJsonObject image = critical.value(QStringLiteral("image")).toObject();
    Claims claims;
    claims.dockerReference = identity.value(QStringLiteral("docker-reference")).toString();
    claims.manifestDigest = image.value(QStringLiteral("docker-manifest-digest")).toString();
    if (identity.size() != 1 || claims.dockerReference.isEmpty() || image.size() != 1 || claims.manifestDigest.isEmpty()) {
        *error = QStringLiteral("the payload must name exactly one docker-reference and one docker-manifest-digest");
        return std::nullopt;
    }
    return claims;
}

bool isUsablePublicKey(const QByteArray &pem, QString *why)
{
    const Key key = readPublicKey(pem);
    if (!key) {
        *why = QStringLiteral("not a PEM public key");
        return false;
    }
    const int type = EVP_PKEY_get_base_id(key.get());
    if (type != EVP_PKEY_EC && type != EVP_PKEY_RSA && type != EVP_PKEY_ED25519) {
        *why = QStringLiteral("a public key of a type sigstore does not use (ECDSA, RSA or Ed25519)");
        return false;
    }
    return true;
}

bool verifiedByAnyKey(const QByteArray &payload, const QByteArray &signature, const QList<QByteArray> &publicKeys,
    QString *why)
{
    for (const QByteArray &pem : publicKeys) {
        const Key key = readPublicKey(pem);
        if (!key) {
            *why = QStringLiteral("a configured public key is not a PEM public key");
            return false;
        }
        if (verify(key.get(), payload, signature))
            return true;
    }
    *why = publicKeys.size() == 1 ? QStringLiteral("the signature was not made by the configured key")
                                  : QStringLiteral("the signature was made by none of the %1 configured keys").arg(publicKeys.size());
    return false;
}

} // namespace crossdock::Sigstore
