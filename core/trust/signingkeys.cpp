// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/signingkeys.h"

#include "core/base/runinpool.h"
#include "core/trust/sigstoreprivatekey.h"

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QThreadPool>

namespace crossdock {

void SigningKeys::unlock(const QString &path, QByteArray passphrase)
{
    if (m_keys.contains(path)) {
        QMetaObject::invokeMethod(this, [this, path] { Q_EMIT unlocked(path); }, Qt::QueuedConnection);
        return;
    }
    QPointer<SigningKeys> self(this);
    QThreadPool::globalInstance()->start([self, path, passphrase]() mutable {
        QString error;
        std::optional<SigstorePrivateKey> key;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        else
            key = SigstorePrivateKey::decrypt(file.read(64 * 1024), passphrase, &error);
        passphrase.fill('\0');
        auto shared = key ? std::make_shared<const SigstorePrivateKey>(std::move(*key)) : nullptr;
        // Back on the application's thread (where the keys live; the pointer
        // is only looked at there); nothing if they are gone.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, path, shared, error] {
                if (!self)
                    return;
                if (!shared)
                    return Q_EMIT self->failed(path, error);
                self->m_keys.insert(path, shared);
                Q_EMIT self->unlocked(path);
            },
            Qt::QueuedConnection);
    });
}

void SigningKeys::listGpgKeys()
{
    if (m_gpgListing)
        return;
    m_gpgListing = true;
    runInPool<QList<SimpleSigning::SecretKey>>(
        this,
        [] {
            QString ignored; // no GnuPG keyring: nothing to offer
            return SimpleSigning::secretKeys(&ignored);
        },
        [this](QList<SimpleSigning::SecretKey> keys) {
            m_gpgKeys = keys;
            m_gpgListing = false;
            Q_EMIT gpgKeysListed();
        });
}

} // namespace crossdock
