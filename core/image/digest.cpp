// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/digest.h"

#include <openssl/evp.h>

namespace crossdock {

namespace {

qsizetype expectedHexLength(const QString &algorithm)
{
    if (algorithm == QLatin1String("sha256"))
        return 64;
    if (algorithm == QLatin1String("sha512"))
        return 128;
    return -1;
}

bool isLowerHex(const QString &s)
{
    for (QChar c : s) {
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        const bool lower = c >= QLatin1Char('a') && c <= QLatin1Char('f');
        if (!digit && !lower)
            return false;
    }
    return true;
}

} // namespace

Digest Digest::parse(const QString &text, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return Digest();
    };
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return fail(QStringLiteral("invalid digest \"%1\": expected algorithm:hex").arg(text.left(80)));
    const QString algorithm = text.left(colon);
    const QString hex = text.mid(colon + 1);
    const qsizetype length = expectedHexLength(algorithm);
    if (length < 0)
        return fail(QStringLiteral("invalid digest \"%1\": unsupported algorithm \"%2\"")
                        .arg(text.left(80), algorithm.left(20)));
    if (!isLowerHex(hex))
        return fail(QStringLiteral("invalid digest \"%1\": hex part must be lower-case hexadecimal")
                        .arg(text.left(80)));
    if (hex.size() != length)
        return fail(QStringLiteral("invalid digest \"%1\": %2 needs %3 hex characters, got %4")
                        .arg(text.left(80), algorithm)
                        .arg(length)
                        .arg(hex.size()));
    return Digest(algorithm, hex);
}

Digest Digest::sha256Of(const QByteArray &bytes)
{
    DigestHasher hasher;
    hasher.addData(bytes);
    return hasher.result();
}

struct DigestHasher::Private
{
    EVP_MD_CTX *ctx = nullptr;
    QString algorithm;
};

DigestHasher::DigestHasher(const QString &algorithm)
    : d(std::make_unique<Private>())
{
    d->algorithm = algorithm;
    d->ctx = EVP_MD_CTX_new();
    const EVP_MD *md = algorithm == QLatin1String("sha512") ? EVP_sha512() : EVP_sha256();
    EVP_DigestInit_ex(d->ctx, md, nullptr);
}

DigestHasher::~DigestHasher()
{
    EVP_MD_CTX_free(d->ctx);
}

void DigestHasher::addData(const char *data, qsizetype size)
{
    EVP_DigestUpdate(d->ctx, data, static_cast<size_t>(size));
}

Digest DigestHasher::result()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(d->ctx, out, &length);
    const QByteArray raw(reinterpret_cast<const char *>(out), static_cast<qsizetype>(length));
    return Digest::parse(d->algorithm + QLatin1Char(':') + QString::fromLatin1(raw.toHex()));
}

} // namespace crossdock
