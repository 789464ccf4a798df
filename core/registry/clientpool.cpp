// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/clientpool.h"

#include "core/registry/registryclient.h"

namespace crossdock {

ClientPool::ClientPool(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
}

RegistryClient *ClientPool::client(const QString &host, const TlsSettings &tls, const Credentials &credentials)
{
    RegistryClient *&client = m_clients[RegistryClient::poolKey(host, tls, credentials)];
    if (!client)
        client = new RegistryClient(host, tls, credentials, m_network, this);
    return client;
}

} // namespace crossdock
