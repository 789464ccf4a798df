#include "core/credentials/liststoredloginsjob.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace crossdock {

ListStoredLoginsJob::ListStoredLoginsJob(QObject *parent)
    : Job(parent)
{
}

void ListStoredLoginsJob::add(const StoredLogin &login)
{
    for (const StoredLogin &known : std::as_const(m_logins)) {
        if (known.key == login.key)
            return; // an earlier file in the chain wins, as in a lookup
    }
    m_logins << login;
}

void ListStoredLoginsJob::doStart()
{
    for (const QString &path : AuthFile::searchPaths(QString())) {
        QString error;
        const auto file = AuthFile::load(path, &error);
        if (!error.isEmpty())
            m_problems << error;
        if (!file)
            continue;
        for (const StoredLogin &login : file->logins())
            add(login);
        const QString store = file->credsStore();
        if (!store.isEmpty() && !m_stores.contains({store, path}))
            m_stores.append({store, path});
    }
    listNextStore();
}

void ListStoredLoginsJob::listNextStore()
{
    if (m_stores.isEmpty())
        return emitSuccess();
    const auto [helper, path] = m_stores.takeFirst();
    const QString program = QStringLiteral("docker-credential-") + helper;
    m_process = new QProcess(this);
    QTimer::singleShot(HelperTimeoutMs, m_process, [this, program] {
        m_process->disconnect(this);
        m_process->kill();
        m_problems << QStringLiteral("credential helper %1 did not answer within %2 s")
                          .arg(program)
                          .arg(HelperTimeoutMs / 1000);
        listNextStore();
    });
    connect(m_process, &QProcess::errorOccurred, this, [this, program](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_process->disconnect(this);
        m_problems
            << QStringLiteral("credential helper %1 could not be started (is it installed and on PATH?)").arg(program);
        listNextStore();
    });
    connect(m_process, &QProcess::finished, this,
        [this, program, helper = helper, path = path](int exitCode, QProcess::ExitStatus status) {
            // "list" answers {"server URL": "user name"}; no secrets.
            const QJsonDocument reply = QJsonDocument::fromJson(m_process->readAllStandardOutput());
            if (status != QProcess::NormalExit || exitCode != 0 || !reply.isObject()) {
                m_problems << QStringLiteral("credential helper %1 could not list its logins (exit code %2)")
                                  .arg(program)
                                  .arg(exitCode);
            } else {
                const QJsonObject servers = reply.object();
                for (auto it = servers.begin(); it != servers.end(); ++it)
                    add(StoredLogin {AuthFile::normaliseKey(it.key()), it.value().toString(), helper, path});
            }
            listNextStore();
        });
    m_process->start(program, {QStringLiteral("list")});
    m_process->closeWriteChannel();
}

void ListStoredLoginsJob::doCancel()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
}

} // namespace crossdock
