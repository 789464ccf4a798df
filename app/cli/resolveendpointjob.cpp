// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "resolveendpointjob.h"

#include "core/credentials/resolvecredentialsjob.h"
#include "core/registry/registriesconf.h"
#include "passwordprompt.h"

namespace crossdock::cli {

ResolveEndpointJob::ResolveEndpointJob(const EndpointOptions &options, const QString &registry, const QString &repository,
                                       QObject *parent)
    : Job(parent)
    , m_options(options)
    , m_registry(registry)
    , m_repository(repository)
{
    if (m_options.tlsVerify.has_value() && !*m_options.tlsVerify)
        m_tls.mode = TlsSettings::Mode::SkipVerify;
    m_tls.certDir = m_options.certDir;
}

bool ResolveEndpointJob::explicitCredentials()
{
    if (!m_options.creds.isEmpty()) {
        const qsizetype colon = m_options.creds.indexOf(QLatin1Char(':'));
        m_credentials.username = colon < 0 ? m_options.creds : m_options.creds.left(colon);
        if (m_credentials.username.isEmpty()) {
            emitError(Error::Code::InvalidInput, QStringLiteral("--creds has an empty user name"));
            return false;
        }
        if (colon >= 0) {
            m_credentials.password = m_options.creds.mid(colon + 1);
            return true;
        }
        QString error;
        if (!readPassword(QStringLiteral("Password for %1@%2: ").arg(m_credentials.username, m_registry), &m_credentials.password, &error)) {
            emitError(Error::Code::InvalidInput, error);
            return false;
        }
        return true;
    }
    if (!m_options.registryToken.isEmpty()) {
        m_credentials.registryToken = m_options.registryToken;
        return true;
    }
    if (!m_options.password.isEmpty()) {
        m_credentials.username = m_options.username;
        m_credentials.password = m_options.password;
        return true;
    }
    if (m_options.passwordStdin) {
        m_credentials.username = m_options.username;
        QString error;
        if (!readPasswordFromStdin(&m_credentials.password, &error)) {
            emitError(Error::Code::InvalidInput, error);
            return false;
        }
    }
    return true;
}

void ResolveEndpointJob::doStart()
{
    if (m_options.registriesConf) {
        // As containers/image: a blocked registry is refused for every use,
        // and an insecure one is reached without verification unless
        // --tls-verify says otherwise.
        const QString name = m_repository.isEmpty() ? m_registry : m_registry + QLatin1Char('/') + m_repository;
        if (const RegistriesConf::Registry *entry = m_options.registriesConf->find(name)) {
            if (entry->blocked)
                return emitError(Error::Code::InvalidInput,
                    QStringLiteral("registry %1 is blocked by %2 ([[registry]] prefix \"%3\")").arg(m_registry, entry->file, entry->prefix));
            if (entry->insecure && !m_options.tlsVerify.has_value())
                m_tls.mode = TlsSettings::Mode::SkipVerify;
        }
    }
    if (!explicitCredentials())
        return;
    if (!m_credentials.isEmpty() || m_options.noCreds)
        return emitSuccess();
    auto *lookup = new ResolveCredentialsJob(m_registry, m_repository, m_options.authFile, this);
    m_lookup = lookup;
    connect(lookup, &Job::finished, this, [this, lookup] {
        if (lookup->error().isError())
            return emitError(lookup->error());
        m_credentials = lookup->credentials();
        emitSuccess();
    });
    lookup->start();
}

void ResolveEndpointJob::doCancel()
{
    if (m_lookup)
        m_lookup->cancel();
}

} // namespace crossdock::cli
