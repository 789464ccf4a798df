// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "logincommand.h"

#include "core/credentials/authfile.h"
#include "core/credentials/keychainjob.h"
#include "core/credentials/resolvecredentialsjob.h"
#include "core/credentials/storewithhelperjob.h"
#include "core/image/imagereference.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"
#include "passwordprompt.h"

#include <QFile>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace crossdock::cli {

LoginCommand::LoginCommand(CliOptions options, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(network)
{
}

void LoginCommand::done(const Error &error, const QByteArray &output)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(error, output);
}

bool LoginCommand::parseRegistry(QString *registry, QString *apiHost)
{
    if (m_options.arguments.size() != 1 && !(m_options.logoutAll && m_options.arguments.isEmpty())) {
        done(Error::make(Error::Code::InvalidInput, QStringLiteral("%1 needs exactly one registry host").arg(m_options.command)));
        return false;
    }
    if (m_options.arguments.isEmpty())
        return true;
    QString error;
    const ImageReference probe = ImageReference::parseRegistry(m_options.arguments.first(), &error);
    if (!probe.isValid()) {
        done(Error::make(Error::Code::InvalidInput, error));
        return false;
    }
    *registry = probe.registry();
    *apiHost = probe.apiHost();
    return true;
}

bool LoginCommand::readCredentials(const QString &registry, Credentials *credentials)
{
    QString error;
    credentials->username = m_options.endpoint.username;
    if (credentials->username.isEmpty()) {
        if (!isatty(STDIN_FILENO) || m_options.endpoint.passwordStdin) {
            done(Error::make(Error::Code::InvalidInput, QStringLiteral("login needs a user name: -u USER")));
            return false;
        }
        std::fprintf(stderr, "Username: ");
        char buffer[256];
        if (!std::fgets(buffer, sizeof buffer, stdin)) {
            done(Error::make(Error::Code::InvalidInput, QStringLiteral("no user name entered")));
            return false;
        }
        credentials->username = QString::fromUtf8(buffer).trimmed();
    }
    if (m_options.endpoint.passwordStdin) {
        if (!readPasswordFromStdin(&credentials->password, &error)) {
            done(Error::make(Error::Code::InvalidInput, error));
            return false;
        }
    } else if (!m_options.endpoint.password.isEmpty()) {
        credentials->password = m_options.endpoint.password; // warned about in main()
    } else if (!isatty(STDIN_FILENO)) {
        done(Error::make(Error::Code::InvalidInput,
            QStringLiteral("login needs a password and standard input is not a terminal to ask for one: pipe it in "
                           "with --password-stdin")));
        return false;
    } else if (!readPassword(QStringLiteral("Password for %1@%2: ").arg(credentials->username, registry), &credentials->password, &error)) {
        done(Error::make(Error::Code::InvalidInput, error));
        return false;
    }
    if (credentials->password.isEmpty()) {
        done(Error::make(Error::Code::InvalidInput, QStringLiteral("the password is empty")));
        return false;
    }
    return true;
}

QString LoginCommand::authFilePath() const
{
    if (!m_options.compatAuthFile.isEmpty())
        return m_options.compatAuthFile;
    return !m_options.endpoint.authFile.isEmpty() ? m_options.endpoint.authFile : AuthFile::defaultWritePath();
}

void LoginCommand::getLogin(const QString &registry)
{
    // Where pulls would look: the given file alone, else the whole chain
    // (and the keychain with --keychain), as skopeo login --get-login.
    const QString file = !m_options.compatAuthFile.isEmpty() ? m_options.compatAuthFile : m_options.endpoint.authFile;
    auto *lookup = new ResolveCredentialsJob(registry, QString(), file, this);
    lookup->setUseKeychain(m_options.keychain);
    connect(lookup, &Job::finished, this, [this, lookup, registry] {
        if (lookup->error().isError())
            return done(lookup->error());
        if (lookup->credentials().username.isEmpty())
            return done(Error::make(Error::Code::InvalidInput, QStringLiteral("not logged into %1").arg(registry)));
        done({}, lookup->credentials().username.toUtf8() + '\n');
    });
    lookup->start();
}

void LoginCommand::login()
{
    QString registry;
    QString apiHost;
    if (!parseRegistry(&registry, &apiHost))
        return;
    if (m_options.getLogin)
        return getLogin(registry);
    Credentials credentials;
    if (!readCredentials(registry, &credentials))
        return;
    TlsSettings tls;
    if (m_options.endpoint.tlsVerify.has_value() && !*m_options.endpoint.tlsVerify)
        tls.mode = TlsSettings::Mode::SkipVerify;
    tls.certDir = m_options.endpoint.certDir;
    // Check before storing: a typo should not be saved.
    auto *client = new RegistryClient(apiHost, tls, credentials, m_network, this);
    RegistryRequest request;
    request.path = QStringLiteral("/v2/");
    RegistryCall *call = client->call(request, this);
    connect(call, &Job::finished, this, [this, call, registry, credentials] {
        if (call->error().isError())
            return done(call->error());
        const HttpResponse &response = call->response();
        if (response.status == 401)
            return done(Error::make(Error::Code::Unauthorized,
                                    QStringLiteral("login to %1 failed for user \"%2\": wrong username or password")
                                        .arg(registry, credentials.username)));
        if (response.status != 200)
            return done(errorForResponse(response, QStringLiteral("login"), registry));
        store(registry, credentials);
    });
    call->start();
}

void LoginCommand::store(const QString &registry, const Credentials &credentials)
{
    if (m_options.keychain) {
        auto *job = KeychainJob::write(registry, credentials, this);
        connect(job, &Job::finished, this, [this, job] {
            if (job->error().isError())
                return done(job->error());
            done({}, QByteArray(m_options.verbose ? "Used: the OS keychain\n" : "")
                    + "Login Succeeded! (stored in the OS keychain)\n");
        });
        return job->start();
    }
    const QString path = authFilePath();
    const QByteArray used = m_options.verbose ? "Used: " + QFile::encodeName(path) + '\n' : QByteArray();
    QString error;
    // A file that names a credential helper for this registry (credHelpers,
    // or credsStore for all) gets the login through that helper, as docker
    // and skopeo do: never a plain-text "auth" entry beside it.
    if (QFile::exists(path)) {
        const std::optional<AuthFile> file = AuthFile::load(path, &error);
        if (!file)
            return done(Error::make(Error::Code::Io, error));
        const AuthFileMatch match = file->lookup(registry, QString());
        if (match.kind == AuthFileMatch::Kind::Helper) {
            auto *job = new StoreWithHelperJob(match.helper, registry, credentials, this);
            connect(job, &Job::finished, this, [this, job, used] {
                if (job->error().isError())
                    return done(job->error());
                done({}, used + QStringLiteral("Login Succeeded! (stored by %1)\n").arg(job->program()).toUtf8());
            });
            return job->start();
        }
    }
    if (!AuthFile::store(path, registry, credentials, &error))
        return done(Error::make(Error::Code::Io, error));
    QTimer::singleShot(0, this, [this, used] { done({}, used + "Login Succeeded!\n"); });
}

void LoginCommand::logout()
{
    QString registry;
    QString apiHost;
    if (!parseRegistry(&registry, &apiHost))
        return;
    const QString path = authFilePath();
    bool removed = false;
    QString error;
    if (!m_options.keychain && !AuthFile::erase(path, registry, m_options.logoutAll, &removed, &error))
        return done(Error::make(Error::Code::Io, error));
    if (m_options.logoutAll || !m_options.keychain) {
        const QByteArray message = m_options.logoutAll ? QByteArray("Removed login credentials for all registries\n")
                                                       : QByteArray("Removed login credentials for " + registry.toUtf8() + '\n');
        if (!removed && !m_options.logoutAll)
            return done(Error::make(Error::Code::NotFound, QStringLiteral("not logged into %1 (in %2)").arg(registry, path)));
        return QTimer::singleShot(0, this, [this, message] { done({}, message); });
    }
    auto *job = KeychainJob::remove(registry, this);
    connect(job, &Job::finished, this, [this, job, registry] {
        if (job->error().isError())
            return done(job->error());
        done({}, "Removed login credentials for " + registry.toUtf8() + " from the OS keychain\n");
    });
    job->start();
}

} // namespace crossdock::cli
