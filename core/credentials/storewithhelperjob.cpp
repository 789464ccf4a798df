// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/storewithhelperjob.h"

#include "core/base/logging.h"
#include "core/credentials/credentialhelperprocess.h"
#include "core/credentials/secretmemory.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

StoreWithHelperJob::StoreWithHelperJob(QString helper, QString registry, Credentials credentials, QObject *parent)
    : Job(parent)
    , m_helperName(std::move(helper))
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
    qCDebug(lcCredentials).noquote() << "storing the login for" << m_registry << "with" << program();
    // Docker Hub by its legacy URL, as docker names it to helpers.
    const QString server
        = m_registry == QLatin1String("docker.io") ? QStringLiteral("https://index.docker.io/v1/") : m_registry;
    QByteArray request = QJsonDocument(QJsonObject {{QStringLiteral("ServerURL"), server},
                                           {QStringLiteral("Username"), m_credentials.username},
                                           {QStringLiteral("Secret"), m_credentials.password}})
                             .toJson(QJsonDocument::Compact);
    m_helper = CredentialHelperProcess::run(m_helperName, QStringLiteral("store"), request, this,
        [this](CredentialHelperOutcome &outcome) {
            if (outcome.error.isError())
                return emitError(outcome.error);
            if (outcome.exitCode == 0)
                return emitSuccess();
            // Helpers say what went wrong on stderr or stdout; one line of
            // it, which never holds the secret (given to it on stdin).
            QByteArray said = outcome.err.trimmed();
            if (said.isEmpty())
                said = outcome.out.trimmed();
            emitError(Error::Code::Io,
                QStringLiteral("credential helper %1 could not store the login for %2 (exit code %3%4)")
                    .arg(program(), m_registry)
                    .arg(outcome.exitCode)
                    .arg(said.isEmpty() ? QString()
                                        : QStringLiteral(": ") + printable(QString::fromUtf8(said.split('\n').first()), 200)));
        });
    wipe(request);
}

void StoreWithHelperJob::doCancel()
{
    if (m_helper)
        m_helper->stop();
}

} // namespace crossdock
