// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "redirectingregistry.h"

#include "fixtures.h"
#include "registryset.h"

namespace crossdock::test {

RedirectingRegistry::RedirectingRegistry()
{
    const QString storage = Fixtures::storageDirectory(&m_error);
    if (storage.isEmpty())
        return;
    m_storageHost = std::make_unique<MiniHttpServer>(MiniHttpServer::serveFiles(storage));
    RegistryServer::Options o;
    o.storageDirectory = storage;
    o.readOnly = true;
    o.auth = RegistryServer::Auth::Htpasswd;
    o.users = {{RegistrySet::User, RegistrySet::Password}};
    o.redirectBaseUrl = QStringLiteral("http://") + m_storageHost->hostAndPort(QStringLiteral("localhost"));
    m_registry = std::make_unique<RegistryServer>(o);
}

} // namespace crossdock::test
