// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/resolvecredentialsjob.h"

#include "core/base/logging.h"
#include "core/credentials/authfile.h"
#include "core/credentials/credentialhelperprocess.h"
#include "core/credentials/keychainjob.h"
#include "core/credentials/secretmemory.h"
#include "core/credentials/sessioncredentials.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

ResolveCredentialsJob::ResolveCredentialsJob(
    const QString &registry, const QString &repository, const QString &explicitAuthFile, QObject *parent)
    : Job(parent)
    , m_registry(registry)
    , m_repository(repository)
    , m_explicitAuthFile(explicitAuthFile)
{
}

void ResolveCredentialsJob::doStart()
{
    if (!m_explicitAuthFile.isEmpty() && !QFile::exists(m_explicitAuthFile)) {
        emitError(Error::Code::InvalidInput, QStringLiteral("auth file %1 does not exist").arg(m_explicitAuthFile));
        return;
    }
    if (m_session && m_session->contains(m_registry))
        return finishFound(m_session->get(m_registry), QStringLiteral("this session"));
    const auto anonymous = [this] { finishAnonymous(); };
    if (!m_useKeychain || !m_explicitAuthFile.isEmpty())
        return lookupFiles(anonymous);
    if (m_keychainFirst)
        return lookupKeychain([this, anonymous] { lookupFiles(anonymous); });
    // Files first; the keychain only when no file names this registry.
    lookupFiles([this, anonymous] { lookupKeychain(anonymous); });
}

void ResolveCredentialsJob::finishFound(const Credentials &credentials, const QString &source)
{
    m_credentials = credentials;
    m_source = source;
    qCDebug(lcCredentials).noquote() << "credentials for" << m_registry << "from" << m_source;
    emitSuccess();
}

void ResolveCredentialsJob::lookupFiles(const std::function<void()> &whenNotFound)
{
    for (const QString &path : AuthFile::searchPaths(m_explicitAuthFile)) {
        QString error;
        const auto file = AuthFile::load(path, &error);
        if (!error.isEmpty()) {
            emitError(Error::Code::InvalidInput, error);
            return;
        }
        if (!file)
            continue;
        const AuthFileMatch match = file->lookup(m_registry, m_repository);
        if (match.kind == AuthFileMatch::Kind::Credentials)
            return finishFound(match.credentials, match.key + QStringLiteral(" in ") + path);
        if (match.kind == AuthFileMatch::Kind::Helper)
            return runHelper(match.helper, match.key + QStringLiteral(" in ") + path);
    }
    whenNotFound();
}

void ResolveCredentialsJob::finishAnonymous()
{
    qCDebug(lcCredentials) << "no stored credentials for" << m_registry << "- anonymous";
    emitSuccess();
}

void ResolveCredentialsJob::lookupKeychain(const std::function<void()> &whenNotFound)
{
    // The OS keychain (crossdock-cli login --keychain, the GUI).
    auto *keychain = KeychainJob::read(m_registry, this);
    connect(keychain, &Job::finished, this, [this, keychain, whenNotFound] {
        if (keychain->error().isError()) {
            // No keychain here (a CI runner, a container): simply nothing stored.
            qCDebug(lcCredentials).noquote() << "keychain not consulted:" << keychain->error().message;
        } else if (keychain->found()) {
            return finishFound(keychain->credentials(), QStringLiteral("the OS keychain"));
        }
        whenNotFound();
    });
    keychain->start();
}

void ResolveCredentialsJob::runHelper(const QString &helper, const QString &origin)
{
    qCDebug(lcCredentials).noquote() << "asking" << QStringLiteral("docker-credential-") + helper << "for" << m_registry << "(" << origin << ")";
    // Helpers read the server URL on stdin; docker names Docker Hub by its legacy URL.
    const QString server
        = m_registry == QLatin1String("docker.io") ? QStringLiteral("https://index.docker.io/v1/") : m_registry;
    m_helper = CredentialHelperProcess::run(helper, QStringLiteral("get"), server.toUtf8(), this,
        [this, helper, origin](CredentialHelperOutcome &outcome) {
            const QString program = QStringLiteral("docker-credential-") + helper;
            if (outcome.error.isError())
                return emitError(outcome.error);
            if (outcome.exitCode != 0) {
                // "credentials not found" is how helpers say: nothing stored.
                if (outcome.out.contains("not found") || outcome.err.contains("not found"))
                    return emitSuccess();
                return emitError(Error::Code::Io,
                    QStringLiteral("credential helper %1 failed (exit code %2)").arg(program).arg(outcome.exitCode));
            }
            const QJsonObject reply = QJsonDocument::fromJson(outcome.out).object();
            wipe(outcome.out); // the helper's answer holds the secret in clear
            const QString username = reply.value(QLatin1String("Username")).toString();
            const QString secret = reply.value(QLatin1String("Secret")).toString();
            if (username == QLatin1String("<token>"))
                m_credentials.identityToken = secret;
            else
                m_credentials = Credentials {username, secret, {}, {}};
            m_source = program + QStringLiteral(" via ") + origin;
            emitSuccess();
        });
}

void ResolveCredentialsJob::doCancel()
{
    if (m_helper)
        m_helper->stop();
}

} // namespace crossdock
