// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "minihttpserver.h"
#include "registryserver.h"

#include <memory>

namespace crossdock::test {

// The fixture registry (htpasswd, RegistrySet's user) with docker-registry's
// redirect middleware: blob GETs answer 307 to a storage host on
// "localhost" - another host than the registry's 127.0.0.1 - which serves
// the files from the registry's storage and records what it was sent.
class RedirectingRegistry final
{
public:
    RedirectingRegistry();

    bool isRunning() const { return m_registry && m_registry->isRunning(); }
    QString errorText() const { return m_error.isEmpty() && m_registry ? m_registry->errorText() : m_error; }
    RegistryServer *registry() const { return m_registry.get(); }
    MiniHttpServer *storageHost() const { return m_storageHost.get(); }

private:
    QString m_error;
    std::unique_ptr<MiniHttpServer> m_storageHost;
    std::unique_ptr<RegistryServer> m_registry;
};

} // namespace crossdock::test
