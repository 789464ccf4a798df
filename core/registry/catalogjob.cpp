// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/catalogjob.h"

#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace crossdock {

CatalogJob::CatalogJob(RegistryClient *client, QObject *parent, int pageSize)
    : PagedListJob(client, QStringLiteral("/v2/_catalog"), QStringLiteral("repositories"),
        {QStringLiteral("registry:catalog:*")}, pageSize, parent)
{
}

Error CatalogJob::pageError(const HttpResponse &response) const
{
    if (response.status == 401 || response.status == 403 || response.status == 404 || response.status == 405) {
        const bool maybeAuth = response.status == 401 && !client()->hasCredentials();
        return Error::make(Error::Code::Unsupported,
            QStringLiteral("registry %1 does not list its repositories (catalog answered %2)%3; "
                           "open a repository by name instead")
                .arg(client()->host())
                .arg(response.status)
                .arg(maybeAuth ? QStringLiteral(" - logging in may allow it") : QString()),
            registryErrorText(response.body));
    }
    return errorForResponse(response, QStringLiteral("catalog"), client()->host());
}

} // namespace crossdock
