// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/connectiontestjob.h"

#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

namespace crossdock {

ConnectionTestJob::ConnectionTestJob(RegistryClient *client, QObject *parent)
    : Job(parent)
    , m_client(client)
{
}

QStringList ConnectionTestJob::reportLines() const
{
    QStringList lines;
    for (const Step &step : m_report) {
        const QString verdict = step.outcome == Step::Outcome::Passed ? QStringLiteral("yes")
            : step.outcome == Step::Outcome::Failed                   ? QStringLiteral("no")
                                                                      : QStringLiteral("not checked");
        lines << QStringLiteral("%1 %2 - %3").arg(step.question, verdict, step.answer);
    }
    return lines;
}

void ConnectionTestJob::record(const QString &question, Step::Outcome outcome, const QString &answer)
{
    m_report << Step{question, outcome, answer};
}

void ConnectionTestJob::finishWith(const Error &error)
{
    if (error.isError())
        emitError(error);
    else
        emitSuccess();
}

void ConnectionTestJob::doStart()
{
    m_client->ensureReady(this, [this](const Error &error) {
        const QString reachable = QStringLiteral("Reachable?");
        const QString trusted = QStringLiteral("TLS trusted?");
        if (error.code == Error::Code::Tls) {
            record(reachable, Step::Outcome::Passed, QStringLiteral("the server answered"));
            record(trusted, Step::Outcome::Failed, error.message);
            return finishWith(error);
        }
        if (error.isError()) {
            record(reachable, Step::Outcome::Failed, error.message);
            return finishWith(error);
        }
        record(reachable, Step::Outcome::Passed, QStringLiteral("%1 answers the registry API").arg(m_client->baseUrl().toString()));
        record(trusted, m_client->baseUrl().scheme() == QLatin1String("https") ? Step::Outcome::Passed : Step::Outcome::Skipped,
               m_client->baseUrl().scheme() == QLatin1String("https") ? QStringLiteral("its certificate is trusted")
                                                                      : QStringLiteral("plain HTTP, no certificate"));
        checkCredentials();
    });
}

void ConnectionTestJob::checkCredentials()
{
    // GET /v2/ with the credentials: a token service or Basic auth decides.
    RegistryRequest request;
    request.path = QStringLiteral("/v2/");
    auto *call = m_client->call(request, this);
    m_call = call;
    connect(call, &Job::finished, this, [this, call] {
        const QString question = QStringLiteral("Credentials accepted?");
        // Basic auth answers 401 here; a token service fails the token request.
        // Either way the user hears the same plain words.
        if (call->response().status == 401 || call->error().code == Error::Code::Unauthorized) {
            const Error error = Error::make(Error::Code::Unauthorized,
                                            m_client->hasCredentials()
                                                ? QStringLiteral("%1 rejected the user name or password").arg(m_client->host())
                                                : QStringLiteral("%1 requires a login").arg(m_client->host()),
                                            call->error().message);
            record(question, Step::Outcome::Failed, error.message);
            return finishWith(error);
        }
        if (call->error().isError()) {
            record(question, Step::Outcome::Failed, call->error().message);
            return finishWith(call->error());
        }
        record(question, m_client->hasCredentials() ? Step::Outcome::Passed : Step::Outcome::Skipped,
               m_client->hasCredentials() ? QStringLiteral("logged in as %1").arg(m_client->credentials().username)
                                          : QStringLiteral("no login needed to connect"));
        checkCatalog();
    });
    call->start();
}

void ConnectionTestJob::checkCatalog()
{
    RegistryRequest request;
    request.path = QStringLiteral("/v2/_catalog");
    request.query.addQueryItem(QStringLiteral("n"), QStringLiteral("1"));
    request.scopes = {QStringLiteral("registry:catalog:*")};
    auto *call = m_client->call(request, this);
    m_call = call;
    connect(call, &Job::finished, this, [this, call] {
        const QString question = QStringLiteral("Lists repositories?");
        if (!call->error().isError() && call->response().status == 200)
            record(question, Step::Outcome::Passed, QStringLiteral("the catalog can be browsed"));
        else
            record(question, Step::Outcome::Failed,
                   QStringLiteral("the catalog is not available (%1); open repositories by name")
                       .arg(call->error().isError() ? call->error().message : QStringLiteral("HTTP %1").arg(call->response().status)));
        finishWith({}); // a hidden catalog does not make the registry unusable
    });
    call->start();
}

void ConnectionTestJob::doCancel()
{
    if (m_call)
        m_call->cancel();
}

} // namespace crossdock
