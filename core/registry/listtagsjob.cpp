// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/listtagsjob.h"

#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace crossdock {

ListTagsJob::ListTagsJob(RegistryClient *client, const QString &repository, QObject *parent, int pageSize)
    : PagedListJob(client, QStringLiteral("/v2/%1/tags/list").arg(repository), QStringLiteral("tags"),
        {QStringLiteral("repository:%1:pull").arg(repository)}, pageSize, parent)
    , m_repository(repository)
{
}

Error ListTagsJob::pageError(const HttpResponse &response) const
{
    return errorForResponse(
        response, QStringLiteral("repository %1/%2").arg(client()->host(), m_repository), client()->host());
}

} // namespace crossdock
