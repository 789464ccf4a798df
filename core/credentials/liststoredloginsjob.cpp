// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/liststoredloginsjob.h"

#include "core/credentials/credentialhelperprocess.h"

#include <QJsonDocument>
#include <QJsonObject>

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
    m_helper = CredentialHelperProcess::run(helper, QStringLiteral("list"), {}, this,
        [this, helper = helper, path = path](CredentialHelperOutcome &outcome) {
            // "list" answers {"server URL": "user name"}; no secrets.
            const QJsonDocument reply = QJsonDocument::fromJson(outcome.out);
            if (outcome.error.isError()) {
                m_problems << outcome.error.message;
            } else if (outcome.exitCode != 0 || !reply.isObject()) {
                m_problems << QStringLiteral("credential helper docker-credential-%1 could not list its logins (exit code %2)")
                                  .arg(helper)
                                  .arg(outcome.exitCode);
            } else {
                const QJsonObject servers = reply.object();
                for (auto it = servers.begin(); it != servers.end(); ++it)
                    add(StoredLogin {AuthFile::normaliseKey(it.key()), it.value().toString(), helper, path});
            }
            listNextStore();
        });
}

void ListStoredLoginsJob::doCancel()
{
    if (m_helper)
        m_helper->stop();
}

} // namespace crossdock
