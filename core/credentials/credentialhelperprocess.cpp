// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/credentialhelperprocess.h"

#include <QProcess>
#include <QTimer>

namespace crossdock {

CredentialHelperProcess *CredentialHelperProcess::run(
    const QString &helper, const QString &action, const QByteArray &input, QObject *context, Done done)
{
    auto *runner = new CredentialHelperProcess(helper, std::move(done), context);
    runner->m_process->start(runner->program(), {action});
    runner->m_process->write(input);
    runner->m_process->closeWriteChannel();
    return runner;
}

CredentialHelperProcess::CredentialHelperProcess(QString helper, Done done, QObject *context)
    : QObject(context)
    , m_helper(std::move(helper))
    , m_done(std::move(done))
    , m_process(new QProcess(this))
{
    QTimer::singleShot(TimeoutMs, this, [this] {
        CredentialHelperOutcome outcome;
        outcome.error = Error::make(Error::Code::Io,
            QStringLiteral("credential helper %1 did not answer within %2 s").arg(program()).arg(TimeoutMs / 1000));
        finish(outcome);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        CredentialHelperOutcome outcome;
        outcome.error = Error::make(Error::Code::Io,
            QStringLiteral("credential helper %1 could not be started (is it installed and on PATH?)").arg(program()));
        finish(outcome);
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        CredentialHelperOutcome outcome;
        outcome.exitCode = status == QProcess::NormalExit ? exitCode : -1;
        outcome.out = m_process->readAllStandardOutput();
        outcome.err = m_process->readAllStandardError();
        finish(outcome);
    });
}

QString CredentialHelperProcess::program() const
{
    return QStringLiteral("docker-credential-") + m_helper;
}

void CredentialHelperProcess::finish(CredentialHelperOutcome &outcome)
{
    m_process->disconnect(this);
    m_process->kill();
    Done done = std::exchange(m_done, nullptr);
    deleteLater();
    if (done)
        done(outcome);
}

void CredentialHelperProcess::stop()
{
    m_done = nullptr;
    m_process->disconnect(this);
    m_process->kill();
    deleteLater();
}

} // namespace crossdock
