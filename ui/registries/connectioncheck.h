// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/credentials/credentials.h"
#include "core/net/tlssettings.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class QNetworkAccessManager;

namespace crossdock {

class ConnectionTestJob;
class RegistryClient;

// Runs one "Test connection" at a time for a dialog: a fresh client with the
// settings and credentials being edited (not yet saved), no retries so the
// answer comes now, and the report as plain lines. Starting again cancels
// the previous check.
class ConnectionCheck final : public QObject {
    Q_OBJECT

public:
    explicit ConnectionCheck(QNetworkAccessManager *network, QObject *parent = nullptr);

    void start(const QString &host, const TlsSettings &tls, const Credentials &credentials);

Q_SIGNALS:
    // lines: "Reachable? yes - ..."; error: why the registry cannot be used.
    void finished(const QStringList &lines, const crossdock::Error &error);

private:
    QNetworkAccessManager *m_network;
    QPointer<RegistryClient> m_client;
    QPointer<ConnectionTestJob> m_job;
};

} // namespace crossdock
