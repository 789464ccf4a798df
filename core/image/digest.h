// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace crossdock {

// A validated content digest ("sha256:<64 lower-case hex>" or
// "sha512:<128 lower-case hex>"). Validation happens before a digest is ever
// put into a URL or a file path (CVE-2024-3727 was a digest used unchecked).
class Digest final
{
public:
    Digest() = default;

    // Parses and validates; on failure returns an invalid Digest and, when
    // error is given, a message naming what is wrong.
    static Digest parse(const QString &text, QString *error = nullptr);
    static Digest sha256Of(const QByteArray &bytes);

    bool isValid() const { return !m_algorithm.isEmpty(); }
    QString algorithm() const { return m_algorithm; }
    QString hex() const { return m_hex; }
    QString toString() const { return isValid() ? m_algorithm + QLatin1Char(':') + m_hex : QString(); }
    // The first 12 hex characters, as docker shows image IDs.
    QString shortHex() const { return m_hex.left(12); }

    friend bool operator==(const Digest &a, const Digest &b)
    {
        return a.m_algorithm == b.m_algorithm && a.m_hex == b.m_hex;
    }
    friend bool operator!=(const Digest &a, const Digest &b) { return !(a == b); }

private:
    Digest(QString algorithm, QString hex) : m_algorithm(std::move(algorithm)), m_hex(std::move(hex)) {}

    QString m_algorithm;
    QString m_hex;
};

// Incremental SHA-256/512 through OpenSSL EVP: about ten times faster than
// QCryptographicHash on this platform (see registry-facts.md).
class DigestHasher final
{
public:
    explicit DigestHasher(const QString &algorithm = QStringLiteral("sha256"));
    ~DigestHasher();
    DigestHasher(const DigestHasher &) = delete;
    DigestHasher &operator=(const DigestHasher &) = delete;

    void addData(const char *data, qsizetype size);
    void addData(const QByteArray &bytes) { addData(bytes.constData(), bytes.size()); }
    // Finishes the hash; the hasher cannot be used afterwards.
    Digest result();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace crossdock
