// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/sigstoreprivatekey.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sodium.h>

namespace crossdock {

struct SigstorePrivateKey::Key
{
    EVP_PKEY *key = nullptr;
    ~Key() { EVP_PKEY_free(key); }
};

namespace {

constexpr quint64 CosignN = 32768;
constexpr quint64 CosignR = 8;
constexpr quint64 CosignP = 1;

// Wiped when it goes: derived keys and decrypted key bytes.
struct Secret
{
    QByteArray bytes;
    explicit Secret(qsizetype size) : bytes(size, '\0') {}
    ~Secret() { sodium_memzero(bytes.data(), static_cast<size_t>(bytes.size())); }
    unsigned char *data() { return reinterpret_cast<unsigned char *>(bytes.data()); }
};

bool derive(const QByteArray &passphrase, const QByteArray &salt, quint64 n, quint64 r, quint64 p, Secret *key)
{
    // Far larger parameters than cosign's are not a key file's: refuse
    // them rather than spend minutes and gigabytes.
    if (n < 2 || n > (1u << 20) || (n & (n - 1)) != 0 || r == 0 || r > 32 || p == 0 || p > 16)
        return false;
    return EVP_PBE_scrypt(passphrase.constData(), static_cast<size_t>(passphrase.size()),
               reinterpret_cast<const unsigned char *>(salt.constData()), static_cast<size_t>(salt.size()), n, r, p,
               1024ull * 1024 * 1024, key->data(), static_cast<size_t>(key->bytes.size()))
        == 1;
}

QByteArray pemBody(const QByteArray &file, QString *type)
{
    static const QRegularExpression block(QStringLiteral("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+)-----END \\1-----"));
    const QRegularExpressionMatch match = block.match(QString::fromLatin1(file));
    if (!match.hasMatch())
        return {};
    *type = match.captured(1);
    return QByteArray::fromBase64(match.captured(2).remove(QRegularExpression(QStringLiteral("\\s"))).toLatin1());
}

} // namespace

std::optional<SigstorePrivateKey> SigstorePrivateKey::decrypt(const QByteArray &file, const QByteArray &passphrase, QString *error)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium cannot start");
        return std::nullopt;
    }
    QString type;
    const QByteArray body = pemBody(file, &type);
    if (type != QLatin1String("ENCRYPTED SIGSTORE PRIVATE KEY") && type != QLatin1String("ENCRYPTED COSIGN PRIVATE KEY")) {
        *error = type.isEmpty() ? QStringLiteral("not a PEM file")
                                : QStringLiteral("a PEM \"%1\" block, not an encrypted sigstore private key").arg(type.left(60));
        return std::nullopt;
    }
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QJsonObject kdf = json.value(QStringLiteral("kdf")).toObject();
    const QJsonObject params = kdf.value(QStringLiteral("params")).toObject();
    const QJsonObject cipher = json.value(QStringLiteral("cipher")).toObject();
    const QByteArray salt = QByteArray::fromBase64(kdf.value(QStringLiteral("salt")).toString().toLatin1());
    const QByteArray nonce = QByteArray::fromBase64(cipher.value(QStringLiteral("nonce")).toString().toLatin1());
    const QByteArray ciphertext = QByteArray::fromBase64(json.value(QStringLiteral("ciphertext")).toString().toLatin1());
    if (kdf.value(QStringLiteral("name")).toString() != QLatin1String("scrypt")
        || cipher.value(QStringLiteral("name")).toString() != QLatin1String("nacl/secretbox")
        || nonce.size() != crypto_secretbox_NONCEBYTES || salt.isEmpty()
        || ciphertext.size() <= static_cast<qsizetype>(crypto_secretbox_MACBYTES)) {
        *error = QStringLiteral("the key file is not in cosign's format (scrypt and nacl/secretbox)");
        return std::nullopt;
    }
    Secret derived(crypto_secretbox_KEYBYTES);
    if (!derive(passphrase, salt, static_cast<quint64>(params.value(QStringLiteral("N")).toInteger()),
            static_cast<quint64>(params.value(QStringLiteral("r")).toInteger()),
            static_cast<quint64>(params.value(QStringLiteral("p")).toInteger()), &derived)) {
        *error = QStringLiteral("the key file's scrypt parameters are not usable");
        return std::nullopt;
    }
    Secret der(ciphertext.size() - static_cast<qsizetype>(crypto_secretbox_MACBYTES));
    if (crypto_secretbox_open_easy(der.data(), reinterpret_cast<const unsigned char *>(ciphertext.constData()),
            static_cast<unsigned long long>(ciphertext.size()), reinterpret_cast<const unsigned char *>(nonce.constData()),
            derived.data())
        != 0) {
        *error = QStringLiteral("wrong passphrase (or a damaged key file)");
        return std::nullopt;
    }
    const unsigned char *cursor = der.data();
    PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, static_cast<long>(der.bytes.size()));
    EVP_PKEY *key = info ? EVP_PKCS82PKEY(info) : nullptr;
    PKCS8_PRIV_KEY_INFO_free(info);
    if (!key) {
        *error = QStringLiteral("the decrypted key is not a PKCS#8 private key");
        return std::nullopt;
    }
    SigstorePrivateKey out;
    auto holder = std::make_shared<Key>();
    holder->key = key;
    out.m_key = std::move(holder);
    return out;
}

bool SigstorePrivateKey::generate(const QByteArray &passphrase, QByteArray *privateFile, QByteArray *publicPem, QString *error)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium cannot start");
        return false;
    }
    EVP_PKEY *key = EVP_EC_gen("P-256");
    if (!key) {
        *error = QStringLiteral("cannot make an ECDSA P-256 key");
        return false;
    }
    SigstorePrivateKey made;
    auto holder = std::make_shared<Key>();
    holder->key = key;
    made.m_key = holder;
    PKCS8_PRIV_KEY_INFO *info = EVP_PKEY2PKCS8(key);
    unsigned char *derBytes = nullptr;
    const int derLength = info ? i2d_PKCS8_PRIV_KEY_INFO(info, &derBytes) : -1;
    PKCS8_PRIV_KEY_INFO_free(info);
    if (derLength <= 0) {
        *error = QStringLiteral("cannot encode the new key");
        return false;
    }
    Secret der(derLength);
    std::memcpy(der.data(), derBytes, static_cast<size_t>(derLength));
    OPENSSL_clear_free(derBytes, static_cast<size_t>(derLength));
    QByteArray salt(32, '\0');
    QByteArray nonce(crypto_secretbox_NONCEBYTES, '\0');
    randombytes_buf(salt.data(), static_cast<size_t>(salt.size()));
    randombytes_buf(nonce.data(), static_cast<size_t>(nonce.size()));
    Secret derived(crypto_secretbox_KEYBYTES);
    if (!derive(passphrase, salt, CosignN, CosignR, CosignP, &derived)) {
        *error = QStringLiteral("scrypt failed");
        return false;
    }
    QByteArray ciphertext(der.bytes.size() + static_cast<qsizetype>(crypto_secretbox_MACBYTES), '\0');
    crypto_secretbox_easy(reinterpret_cast<unsigned char *>(ciphertext.data()), der.data(),
        static_cast<unsigned long long>(der.bytes.size()), reinterpret_cast<const unsigned char *>(nonce.constData()),
        derived.data());
    const QJsonObject json {
        {QStringLiteral("kdf"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("scrypt")},
                {QStringLiteral("params"),
                    QJsonObject {{QStringLiteral("N"), static_cast<qint64>(CosignN)}, {QStringLiteral("r"), static_cast<qint64>(CosignR)},
                        {QStringLiteral("p"), static_cast<qint64>(CosignP)}}},
                {QStringLiteral("salt"), QString::fromLatin1(salt.toBase64())}}},
        {QStringLiteral("cipher"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("nacl/secretbox")},
                {QStringLiteral("nonce"), QString::fromLatin1(nonce.toBase64())}}},
        {QStringLiteral("ciphertext"), QString::fromLatin1(ciphertext.toBase64())}};
    QByteArray body = QJsonDocument(json).toJson(QJsonDocument::Compact).toBase64();
    QByteArray pem = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
    for (qsizetype i = 0; i < body.size(); i += 64)
        pem += body.mid(i, 64) + '\n';
    pem += "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
    *privateFile = pem;
    *publicPem = made.publicKeyPem();
    return true;
}

QByteArray SigstorePrivateKey::publicKeyPem() const
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (!bio || PEM_write_bio_PUBKEY(bio, m_key->key) != 1) {
        BIO_free(bio);
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    const QByteArray pem(data, static_cast<qsizetype>(length));
    BIO_free(bio);
    return pem;
}

QByteArray SigstorePrivateKey::sign(const QByteArray &payload, QString *error) const
{
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const EVP_MD *digest = EVP_PKEY_get_id(m_key->key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
    size_t length = 0;
    QByteArray signature;
    if (context && EVP_DigestSignInit(context, nullptr, digest, nullptr, m_key->key) == 1
        && EVP_DigestSign(context, nullptr, &length, reinterpret_cast<const unsigned char *>(payload.constData()),
               static_cast<size_t>(payload.size()))
            == 1) {
        signature.resize(static_cast<qsizetype>(length));
        if (EVP_DigestSign(context, reinterpret_cast<unsigned char *>(signature.data()), &length,
                reinterpret_cast<const unsigned char *>(payload.constData()), static_cast<size_t>(payload.size()))
            == 1)
            signature.resize(static_cast<qsizetype>(length));
        else
            signature.clear();
    }
    EVP_MD_CTX_free(context);
    if (signature.isEmpty())
        *error = QStringLiteral("signing failed");
    return signature;
}

} // namespace crossdock
