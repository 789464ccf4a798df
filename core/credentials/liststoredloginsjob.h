// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/credentials/authfile.h"

#include <QPointer>

namespace crossdock {

class CredentialHelperProcess;

// Every registry the auth-file chain (containers auth.json, docker
// config.json) knows a login for: inline entries, credHelpers, and what a
// credsStore helper lists (`docker-credential-<store> list`). For the GUI's
// import; no secret is read. A file or helper that cannot be read does not
// stop the listing: it is named in problems().
class ListStoredLoginsJob final : public Job {
    Q_OBJECT

public:
    explicit ListStoredLoginsJob(QObject *parent = nullptr);

    // In lookup order; a registry appears once, as the chain would find it.
    const QList<StoredLogin> &logins() const { return m_logins; }
    const QStringList &problems() const { return m_problems; }


protected:
    void doStart() override;
    void doCancel() override;

private:
    void add(const StoredLogin &login);
    void listNextStore();

    QList<StoredLogin> m_logins;
    QStringList m_problems;
    QList<QPair<QString, QString>> m_stores; // helper, file naming it
    QPointer<CredentialHelperProcess> m_helper;
};

} // namespace crossdock
