#include "core/credentials/storewithhelperjob.h"

#include "core/base/logging.h"
#include "core/credentials/secretmemory.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

namespace crossdock {

StoreWithHelperJob::StoreWithHelperJob(QString helper, QString registry, Credentials credentials, QObject *parent)
    : Job(parent)
    , m_helper(std::move(helper))
    , m_registry(std::move(registry))
    , m_credentials(std::move(credentials))
{
}

StoreWithHelperJob::~StoreWithHelperJob()
{
    wipe(m_credentials.password);
}

void StoreWithHelperJob::doStart()
{
    const QString helper = program();
    qCDebug(lcCredentials).noquote() << "storing the login for" << m_registry << "with" << helper;
    m_process = new QProcess(this);
    QTimer::singleShot(TimeoutMs, m_process, [this, helper] {
        m_process->disconnect(this);
        m_process->kill();
        emitError(Error::Code::Io,
            QStringLiteral("credential helper %1 did not answer within %2 s").arg(helper).arg(TimeoutMs / 1000));
    });
    connect(m_process, &QProcess::errorOccurred, this, [this, helper](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_process->disconnect(this);
        emitError(Error::Code::Io,
            QStringLiteral("credential helper %1 could not be started (is it installed and on PATH?)").arg(helper));
    });
    connect(m_process, &QProcess::finished, this, [this, helper](int exitCode, QProcess::ExitStatus status) {
        if (status == QProcess::NormalExit && exitCode == 0)
            return emitSuccess();
        // Helpers say what went wrong on stdout or stderr; one line of it,
        // which never holds the secret (the helper was given it on stdin).
        QByteArray said = m_process->readAllStandardError().trimmed();
        if (said.isEmpty())
            said = m_process->readAllStandardOutput().trimmed();
        emitError(Error::Code::Io,
            QStringLiteral("credential helper %1 could not store the login for %2 (exit code %3%4)")
                .arg(helper, m_registry)
                .arg(exitCode)
                .arg(said.isEmpty() ? QString() : QStringLiteral(": ") + printable(QString::fromUtf8(said.split('\n').first()), 200)));
    });
    m_process->start(helper, {QStringLiteral("store")});
    // Docker Hub by its legacy URL, as docker names it to helpers.
    const QString server
        = m_registry == QLatin1String("docker.io") ? QStringLiteral("https://index.docker.io/v1/") : m_registry;
    QByteArray request = QJsonDocument(QJsonObject {{QStringLiteral("ServerURL"), server},
                                           {QStringLiteral("Username"), m_credentials.username},
                                           {QStringLiteral("Secret"), m_credentials.password}})
                             .toJson(QJsonDocument::Compact);
    m_process->write(request);
    wipe(request);
    m_process->closeWriteChannel();
}

void StoreWithHelperJob::doCancel()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
}

} // namespace crossdock
