// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace crossdock::test {

class RawRegistry;

// Makes cosign signatures for the [trust] tests with the openssl command
// (cosign is not in Debian 12, and Debian's skopeo has sigstore signing
// disabled): keys in a directory, the simple-signing payload, the signature
// layer and the "sha256-<hex>.sig" attachment pushed through the raw API.
class CosignSigner
{
public:
    explicit CosignSigner(const QString &directory) : m_directory(directory) {}

    // Generates name.key / name.pub; algorithm "EC" (P-256), "RSA" or "ED25519".
    bool makeKey(const QString &name, const QString &algorithm);
    QString publicKey(const QString &name) const { return m_directory + QLatin1Char('/') + name + QStringLiteral(".pub"); }

    // A signature layer for `digest` claiming `identity`, made with the named
    // key, its payload pushed to repository; `tamper` flips one byte of the
    // signature. Empty on failure.
    QJsonObject signatureLayer(RawRegistry &registry, const QString &repository, const QString &digest,
        const QString &identity, const QString &keyName, bool tamper = false);
    // Pushes the attachment for digest with these layers; its manifest digest.
    static QString pushAttachment(RawRegistry &registry, const QString &repository, const QString &digest,
        const QJsonArray &layers);
    // "sha256-<hex>.sig"
    static QString attachmentTag(const QString &digest, const QString &suffix = QStringLiteral("sig"));
    // Signs and attaches in one go.
    bool sign(RawRegistry &registry, const QString &repository, const QString &digest, const QString &identity,
        const QString &keyName, bool tamper = false);

private:
    QString m_directory;
};

// An OCI 1.1 artifact (one layer of `content`, of artifactType) whose
// subject is the manifest `subject`, pushed by digest and listed in the
// referrers tag schema's index "sha256-<hex>" (created or extended), as
// oras or regctl do against a registry without the referrers API. Returns
// its descriptor as the index lists it; empty on failure.
QJsonObject pushReferrer(RawRegistry &registry, const QString &repository, const QString &subject,
    const QString &artifactType, const QByteArray &content);

} // namespace crossdock::test
