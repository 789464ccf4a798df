// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trust/trustpolicy.h"

#include <QString>

class QNetworkAccessManager;

namespace crossdock {

class RegistriesConf;

class ContentCache;
class LocalStore;
class RegistrySettings;
class SessionCredentials;
class SigningKeys;
class TransferQueue;

// What windows and dialogs need from the application, handed down through
// their constructors (no singletons). Owned by main(); outlives every window.
struct AppServices {
    QNetworkAccessManager *network = nullptr;
    RegistrySettings *registries = nullptr;
    QString registriesPath; // where `registries` is saved
    SessionCredentials *sessionCredentials = nullptr;
    ContentCache *contentCache = nullptr; // manifests and configs by digest
    LocalStore *localStore = nullptr; // the local OCI-layout folder
    TransferQueue *transfers = nullptr; // promotions; the main window makes its own when null
    QString workspacePath {}; // where the window's layout is kept between runs; empty: not kept
    // registries.conf: a blocked registry is never connected to; none: nothing blocked.
    const RegistriesConf *registriesConf = nullptr;
    // The signature policy (containers-policy.json) promotions must satisfy;
    // the promote dialog shows its decision before anything is copied.
    EnforcedTrustPolicy trust {};
    // Signing keys unlocked this session (the promote dialog's "Sign with").
    SigningKeys *signingKeys = nullptr;
};

} // namespace crossdock
