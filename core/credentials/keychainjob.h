// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/credentials/credentials.h"

#include <QPointer>

namespace QKeychain {
class Job;
}

namespace crossdock {

// Reads, writes or removes one registry's credentials in the OS keychain
// (Secret Service on Linux) through QtKeychain: service "crossdock", one
// entry per registry host, never a plain-text fallback. A missing entry is
// not an error (found() is false); a missing or locked keychain is, with a
// message that says so.
class KeychainJob final : public Job
{
    Q_OBJECT

public:
    enum class Operation { Read, Write, Remove };

    static KeychainJob *read(const QString &registry, QObject *parent = nullptr);
    static KeychainJob *write(const QString &registry, const Credentials &credentials, QObject *parent = nullptr);
    static KeychainJob *remove(const QString &registry, QObject *parent = nullptr);

    bool found() const { return m_found; }
    const Credentials &credentials() const { return m_credentials; }

    static inline const QString Service = QStringLiteral("crossdock");
    // A keychain that never answers (a hung daemon, an unlock prompt nobody
    // sees) fails the job instead of hanging it.
    static constexpr int TimeoutMs = 20000;

protected:
    void doStart() override;

private:
    KeychainJob(Operation operation, const QString &registry, const Credentials &credentials, QObject *parent);
    void onFinished(QKeychain::Job *job);

    Operation m_operation;
    QString m_registry;
    Credentials m_credentials;
    bool m_found = false;
};

} // namespace crossdock
