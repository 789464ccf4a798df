// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

#include "core/trust/simplesigning.h"

#include <memory>

namespace crossdock {

class SigstorePrivateKey;

// The signing keys the user unlocked in this session (the GUI's "Sign
// with"): decrypted in memory on a worker thread (scrypt is slow on
// purpose), kept until the application quits, never written anywhere; the
// passphrase is dropped once the key is decrypted.
// Lives in the application's main thread.
class SigningKeys final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Reads and decrypts the key file off the GUI thread; unlocked() or
    // failed() follows (queued). Unlocking an unlocked key succeeds at once.
    void unlock(const QString &path, QByteArray passphrase);
    std::shared_ptr<const SigstorePrivateKey> key(const QString &path) const { return m_keys.value(path); }
    QStringList paths() const { return m_keys.keys(); }

    // Lists the GPG secret keys of the user's keyring again, by gpg off the
    // GUI thread (gpgKeysListed() follows; a key made meanwhile shows);
    // gpg-agent asks for a key's passphrase itself when it signs.
    void listGpgKeys();
    QList<SimpleSigning::SecretKey> gpgKeys() const { return m_gpgKeys; }

Q_SIGNALS:
    void unlocked(const QString &path);
    void failed(const QString &path, const QString &error);
    void gpgKeysListed();

private:
    QHash<QString, std::shared_ptr<const SigstorePrivateKey>> m_keys;
    QList<SimpleSigning::SecretKey> m_gpgKeys;
    bool m_gpgListing = false;
};

} // namespace crossdock
