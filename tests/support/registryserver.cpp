// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "registryserver.h"

#include "testenv.h"

#include <QDir>
#include <QFile>

#include <sys/prctl.h>
#include <csignal>

namespace crossdock::test {

RegistryServer::RegistryServer(const Options &options)
    : m_tls(options.tls)
{
    m_storage = options.storageDirectory.isEmpty() ? m_dir.filePath(QStringLiteral("storage")) : options.storageDirectory;
    QDir().mkpath(m_storage);
    const QString configPath = m_dir.filePath(QStringLiteral("config.yml"));
    // A port can be taken between choosing and binding it: try a few.
    for (int attempt = 0; attempt < 5 && !m_running; ++attempt) {
        m_port = freePort();
        if (!writeConfig(options, configPath))
            return;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("registry.log")));
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process.start(QStringLiteral("/usr/bin/docker-registry"), {QStringLiteral("serve"), configPath});
        if (!m_process.waitForStarted(10000)) {
            m_error = QStringLiteral("cannot start docker-registry: ") + m_process.errorString();
            return;
        }
        m_running = waitForPort(m_port) && m_process.state() == QProcess::Running;
        if (!m_running) {
            m_process.kill();
            m_process.waitForFinished(5000);
            QFile log(m_dir.filePath(QStringLiteral("registry.log")));
            log.open(QIODevice::ReadOnly);
            m_error = QStringLiteral("docker-registry did not start: ") + QString::fromUtf8(log.readAll().right(2000));
        }
    }
}

RegistryServer::~RegistryServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

QString RegistryServer::hostAndPort() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

QString RegistryServer::baseUrl() const
{
    return (m_tls ? QStringLiteral("https://") : QStringLiteral("http://")) + hostAndPort();
}

bool RegistryServer::writeConfig(const Options &o, const QString &path)
{
    QString yaml = QStringLiteral(
                       "version: 0.1\n"
                       "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
                       "storage:\n"
                       "  filesystem:\n    rootdirectory: %1\n"
                       "  delete:\n    enabled: %4\n"
                       "  maintenance:\n    uploadpurging:\n      enabled: false\n"
                       "    readonly:\n      enabled: %2\n"
                       "http:\n  addr: 127.0.0.1:%3\n  secret: crossdock-test-secret\n")
                       .arg(m_storage, o.readOnly ? QStringLiteral("true") : QStringLiteral("false"))
                       .arg(m_port)
                       .arg(o.deleteEnabled ? QStringLiteral("true") : QStringLiteral("false"));
    if (o.tls)
        yaml += QStringLiteral("  tls:\n    certificate: %1\n    key: %2\n")
                    .arg(o.tlsCertificate.certPath, o.tlsCertificate.keyPath);
    if (o.tls && !o.clientCaPath.isEmpty())
        yaml += QStringLiteral("    clientcas:\n      - %1\n").arg(o.clientCaPath);
    if (o.auth == Auth::Htpasswd) {
        const QString htpasswdPath = m_dir.filePath(QStringLiteral("htpasswd"));
        QFile file(htpasswdPath);
        if (!file.open(QIODevice::WriteOnly)) {
            m_error = QStringLiteral("cannot write htpasswd");
            return false;
        }
        for (auto it = o.users.begin(); it != o.users.end(); ++it) {
            const ProcessResult r = runProcess(QStringLiteral("htpasswd"), {QStringLiteral("-Bbn"), it.key(), it.value()});
            if (r.exitCode != 0) {
                m_error = QStringLiteral("htpasswd failed: ") + QString::fromUtf8(r.err);
                return false;
            }
            file.write(r.out.trimmed() + '\n');
        }
        yaml += QStringLiteral("auth:\n  htpasswd:\n    realm: crossdock-test\n    path: %1\n").arg(htpasswdPath);
    } else if (o.auth == Auth::Token) {
        yaml += QStringLiteral("auth:\n  token:\n    realm: %1\n    service: %2\n    issuer: %3\n    rootcertbundle: %4\n")
                    .arg(o.tokenRealm, o.tokenService, o.tokenIssuer, o.tokenCertPath);
    }
    if (!o.redirectBaseUrl.isEmpty())
        yaml += QStringLiteral("middleware:\n  storage:\n    - name: redirect\n      options:\n        baseurl: %1\n")
                    .arg(o.redirectBaseUrl);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = QStringLiteral("cannot write registry config");
        return false;
    }
    file.write(yaml.toUtf8());
    return true;
}

} // namespace crossdock::test
