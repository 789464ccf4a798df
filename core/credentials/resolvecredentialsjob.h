// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/credentials/credentials.h"

#include <QPointer>

#include <functional>

namespace crossdock {

class CredentialHelperProcess;
class SessionCredentials;

// Finds credentials for a registry through the containers/docker chain (see
// AuthFile::searchPaths): stored entries directly, credential helpers by
// running `docker-credential-<name> get` without blocking. Finding nothing is
// success with empty credentials (anonymous access).
class ResolveCredentialsJob final : public Job {
    Q_OBJECT

public:
    ResolveCredentialsJob(
        const QString &registry, const QString &repository, const QString &explicitAuthFile, QObject *parent = nullptr);

    const Credentials &credentials() const { return m_credentials; }
    // The OS keychain is consulted after the auth files (default on).
    void setUseKeychain(bool use) { m_useKeychain = use; }
    // The GUI saves logins in the keychain, so there a fresh login must win
    // over an older auth-file entry: keychain first, then the files.
    void setKeychainFirst(bool first) { m_keychainFirst = first; }
    // Consulted before anything else ("keep for this session only").
    void setSessionCredentials(const SessionCredentials *session) { m_session = session; }
    // Where they came from, for --debug ("auths.host in /path"); never secret.
    QString source() const { return m_source; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void lookupFiles(const std::function<void()> &whenNotFound);
    void lookupKeychain(const std::function<void()> &whenNotFound);
    void finishFound(const Credentials &credentials, const QString &source);
    void finishAnonymous();
    void runHelper(const QString &helper, const QString &origin);

    QString m_registry;
    QString m_repository;
    QString m_explicitAuthFile;
    Credentials m_credentials;
    QString m_source;
    bool m_useKeychain = true;
    bool m_keychainFirst = false;
    const SessionCredentials *m_session = nullptr;
    QPointer<CredentialHelperProcess> m_helper;
};

} // namespace crossdock
