// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/credentials.h"
#include "core/net/tlssettings.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;

namespace crossdock {

class RegistryClient;

// One RegistryClient per registry, TLS settings and login, shared by every
// job of its owner: they reuse one token cache and one connection pool, and
// a copy within one registry gets the same client for both ends (so one
// token covers pull on the source and push on the destination, as
// cross-repository mounts need). Clients live as long as the pool: clean-up
// requests (deleting abandoned upload sessions) outlive the job that
// started them.
class ClientPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientPool)

public:
    explicit ClientPool(QNetworkAccessManager *network, QObject *parent = nullptr);

    // host is host[:port] to connect to (ImageReference::apiHost()).
    RegistryClient *client(const QString &host, const TlsSettings &tls, const Credentials &credentials);
    QList<RegistryClient *> clients() const { return m_clients.values(); }
    void setNetwork(QNetworkAccessManager *network) { m_network = network; }

private:
    QNetworkAccessManager *m_network;
    QHash<QString, RegistryClient *> m_clients;
};

} // namespace crossdock
