#pragma once

#include "credentials.h"
#include "job.h"

#include <QPointer>
#include <QProcess>

namespace crossdock {

// Finds credentials for a registry through the containers/docker chain (see
// AuthFile::searchPaths): stored entries directly, credential helpers by
// running `docker-credential-<name> get` without blocking. Finding nothing is
// success with empty credentials (anonymous access).
class ResolveCredentialsJob final : public Job
{
    Q_OBJECT

public:
    ResolveCredentialsJob(const QString &registry, const QString &repository, const QString &explicitAuthFile,
                          QObject *parent = nullptr);

    const Credentials &credentials() const { return m_credentials; }
    // The OS keychain is consulted after the auth files (default on).
    void setUseKeychain(bool use) { m_useKeychain = use; }
    // Where they came from, for --debug ("auths.host in /path"); never secret.
    QString source() const { return m_source; }

    static constexpr int HelperTimeoutMs = 30000;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void runHelper(const QString &helper, const QString &origin);

    QString m_registry;
    QString m_repository;
    QString m_explicitAuthFile;
    Credentials m_credentials;
    QString m_source;
    bool m_useKeychain = true;
    QPointer<QProcess> m_process;
};

} // namespace crossdock
