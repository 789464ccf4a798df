// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/net/tlssettings.h"

#include <QString>

namespace crossdock {

struct AppServices;
struct RegistryEntry;

// What registries.conf (AppServices::registriesConf) says about a
// registry the desktop app is about to contact, as skopeo and podman on the
// same machine read it. Every place that connects asks here first.
namespace RegistriesPolicy {

// Why host must not be contacted ("… is blocked by FILE …"), or "" when it may.
QString blockedReason(const AppServices &services, const QString &host);

// The TLS settings to reach entry with: its own, except that a registry
// registries.conf marks insecure, left at the default "verify" here, is
// reached without verification (plain HTTP allowed), as skopeo reaches it.
TlsSettings tlsFor(const AppServices &services, const RegistryEntry &entry);

// Whether tlsFor relaxed entry's settings (the pane says so).
bool relaxedByRegistriesConf(const AppServices &services, const RegistryEntry &entry);

} // namespace RegistriesPolicy

} // namespace crossdock
