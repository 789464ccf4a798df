// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/registries/loginlookup.h"

#include "core/credentials/resolvecredentialsjob.h"

namespace crossdock {

ResolveCredentialsJob *lookUpLogin(const AppServices &services, const QString &registry, QObject *parent)
{
    auto *job = new ResolveCredentialsJob(registry, QString(), QString(), parent);
    job->setKeychainFirst(true);
    job->setSessionCredentials(services.sessionCredentials);
    return job;
}

} // namespace crossdock
