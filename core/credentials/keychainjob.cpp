// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/keychainjob.h"

#include "core/base/logging.h"
#include "core/credentials/secretmemory.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace crossdock {

KeychainJob::KeychainJob(Operation operation, const QString &registry, const Credentials &credentials, QObject *parent)
    : Job(parent)
    , m_operation(operation)
    , m_registry(registry)
    , m_credentials(credentials)
{
}

KeychainJob *KeychainJob::read(const QString &registry, QObject *parent)
{
    return new KeychainJob(Operation::Read, registry, {}, parent);
}

KeychainJob *KeychainJob::write(const QString &registry, const Credentials &credentials, QObject *parent)
{
    return new KeychainJob(Operation::Write, registry, credentials, parent);
}

KeychainJob *KeychainJob::remove(const QString &registry, QObject *parent)
{
    return new KeychainJob(Operation::Remove, registry, {}, parent);
}

void KeychainJob::doStart()
{
    // The QtKeychain job has no parent: libsecret calls back into it when
    // its D-Bus reply comes, so it must outlive us if we are cancelled or
    // deleted first. autoDelete frees it once it has finished.
    QKeychain::Job *job = nullptr;
    switch (m_operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(Service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(Service);
        // One secret per registry: user name and password (or identity token) together.
        const QJsonObject secret{{QStringLiteral("username"), m_credentials.username},
                                 {QStringLiteral("password"), m_credentials.password},
                                 {QStringLiteral("identitytoken"), m_credentials.identityToken}};
        QByteArray json = QJsonDocument(secret).toJson(QJsonDocument::Compact);
        write->setTextData(QString::fromUtf8(json));
        wipe(json);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(Service);
        break;
    }
    job->setKey(m_registry);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text
    connect(job, &QKeychain::Job::finished, this, &KeychainJob::onFinished);
    QTimer::singleShot(TimeoutMs, this, [this, job] {
        if (isFinished())
            return;
        job->disconnect(this);
        emitError(Error::Code::Unsupported, QStringLiteral("the OS keychain did not answer within %1 s; nothing was stored").arg(TimeoutMs / 1000));
    });
    job->start();
}

void KeychainJob::onFinished(QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        // Nothing stored: not an error for a read or a removal.
        return emitSuccess();
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return emitError(Error::Code::Denied,
                         QStringLiteral("the OS keychain refused access to the credentials for %1 (is it locked?)").arg(m_registry));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
    case QKeychain::CouldNotDeleteEntry:
        qCDebug(lcCredentials) << "keychain error:" << job->errorString();
        return emitError(Error::Code::Unsupported,
                         QStringLiteral("no OS keychain is available (no Secret Service running on the session bus?); "
                                        "nothing was stored"),
                         job->errorString());
    }
    if (m_operation == Operation::Read) {
        QByteArray stored = static_cast<QKeychain::ReadPasswordJob *>(job)->textData().toUtf8();
        const QJsonObject secret = QJsonDocument::fromJson(stored).object();
        wipe(stored);
        m_credentials = Credentials{secret.value(QLatin1String("username")).toString(), secret.value(QLatin1String("password")).toString(),
                                    secret.value(QLatin1String("identitytoken")).toString(), {}};
        m_found = !m_credentials.isEmpty();
    }
    emitSuccess();
}

} // namespace crossdock
