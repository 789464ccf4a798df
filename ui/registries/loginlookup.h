// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/appservices.h"

#include <QString>

class QObject;

namespace crossdock {

class ResolveCredentialsJob;

// The login the application uses for a registry: kept for this session,
// then the OS keychain (where the GUI saves logins, so a new one wins),
// then the auth files and helpers docker, podman and skopeo use. Not started.
ResolveCredentialsJob *lookUpLogin(const AppServices &services, const QString &registry, QObject *parent);

} // namespace crossdock
