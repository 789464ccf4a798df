// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

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

Q_SIGNALS:
    void unlocked(const QString &path);
    void failed(const QString &path, const QString &error);

private:
    QHash<QString, std::shared_ptr<const SigstorePrivateKey>> m_keys;
};

} // namespace crossdock
