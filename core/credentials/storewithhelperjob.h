// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/credentials/credentials.h"

#include <QPointer>

namespace crossdock {

class CredentialHelperProcess;

// Stores a login through a docker credential helper, as `docker login` does
// for a registry its config names a helper for (credHelpers, or
// credsStore): `docker-credential-NAME store`, with {"ServerURL",
// "Username", "Secret"} on the helper's standard input - never in argv or
// the environment, where other users could read it. The helper name must
// already be valid (AuthFile only hands out valid ones).
class StoreWithHelperJob final : public Job
{
    Q_OBJECT

public:
    StoreWithHelperJob(QString helper, QString registry, Credentials credentials, QObject *parent = nullptr);
    ~StoreWithHelperJob() override;

    QString program() const { return QStringLiteral("docker-credential-") + m_helperName; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    QString m_helperName;
    QString m_registry;
    Credentials m_credentials;
    QPointer<CredentialHelperProcess> m_helper;
};

} // namespace crossdock
