// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>

namespace crossdock::test {

// GPG keys and simple-signing signatures made with the gpg command, in a
// GnuPG home of the test's own (its agent stopped when this goes), written
// into file:// lookasides as skopeo lays them out. Independent of
// crossdock's GPGME code, so it can check it.
class GpgSigner
{
public:
    explicit GpgSigner(const QString &dir); // the GnuPG home and key files go here
    ~GpgSigner();
    GpgSigner(const GpgSigner &) = delete;
    GpgSigner &operator=(const GpgSigner &) = delete;

    // An Ed25519 signing key named `name` (empty passphrase: none); its
    // public key exported to publicKeyFile(name).
    bool makeKey(const QString &name, const QString &passphrase = {});
    QString fingerprint(const QString &name) const { return m_fingerprints.value(name); }
    QString publicKeyFile(const QString &name) const;
    QString home() const { return m_home; }
    // GNUPGHOME for a child process.
    QProcessEnvironment environment() const;

    // Where the lookaside under `root` keeps signature `n` (from 1) of
    // `digest` ("sha256:...") in `repository`.
    static QString signatureFile(const QString &root, const QString &repository, const QString &digest, int n = 1);
    // Signs "digest is identity" with `name`'s key as skopeo would and
    // writes it as the next signature in the lookaside; `tamper` changes
    // the signature's last byte. False and a message in error() otherwise.
    bool sign(const QString &root, const QString &repository, const QString &digest, const QString &identity,
        const QString &name, bool tamper = false);
    QString error() const { return m_error; }

private:
    QByteArray gpg(const QStringList &arguments, const QByteArray &input = {}, bool *ok = nullptr);

    QString m_dir;
    QString m_home;
    QHash<QString, QString> m_fingerprints;
    QString m_error;
};

} // namespace crossdock::test
