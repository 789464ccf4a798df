// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clioptions.h"
#include "core/base/job.h"
#include "core/credentials/credentials.h"
#include "core/net/tlssettings.h"

#include <QPointer>

namespace crossdock::cli {

// Turns one side's flags into what the registry client needs: TLS settings
// and credentials. Credentials come from --creds / --password-stdin (or a
// prompt on a terminal) when given, else from the auth file chain.
class ResolveEndpointJob final : public Job
{
    Q_OBJECT

public:
    ResolveEndpointJob(const EndpointOptions &options, const QString &registry, const QString &repository,
                       QObject *parent = nullptr);

    const Credentials &credentials() const { return m_credentials; }
    const TlsSettings &tls() const { return m_tls; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    bool explicitCredentials();

    EndpointOptions m_options;
    QString m_registry;
    QString m_repository;
    Credentials m_credentials;
    TlsSettings m_tls;
    QPointer<Job> m_lookup;
};

} // namespace crossdock::cli
