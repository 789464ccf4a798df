// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

// The services a MainWindow takes (AppServices), each real and private to
// one test: a scratch directory holds the cache, the local folder and
// registries.json. Header-only: only tests that link crossdock-ui use it.

#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/credentials/sessioncredentials.h"
#include "core/registry/registrysettings.h"
#include "ui/appservices.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

namespace crossdock::test {

struct GuiServices {
    QNetworkAccessManager network;
    QTemporaryDir dir;
    RegistrySettings settings;
    SessionCredentials session;
    ContentCache cache {dir.filePath(QStringLiteral("cache"))};
    LocalStore local {dir.filePath(QStringLiteral("local"))};

    AppServices services()
    {
        return AppServices {&network, &settings, dir.filePath(QStringLiteral("registries.json")), &session, &cache,
            &local, nullptr, QString()};
    }
    // Adds a registry to the settings, as the Registries dialog would.
    bool addRegistry(const QString &host, QString *error)
    {
        RegistryEntry entry;
        entry.host = host;
        return settings.upsert(entry, error);
    }
};

} // namespace crossdock::test
