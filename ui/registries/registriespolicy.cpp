// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/registries/registriespolicy.h"

#include "core/image/imagereference.h"
#include "core/registry/registriesconf.h"
#include "core/registry/registrysettings.h"
#include "ui/appservices.h"

#include <QCoreApplication>

namespace crossdock::RegistriesPolicy {

namespace {

const RegistriesConf::Registry *ruleFor(const AppServices &services, const QString &host)
{
    if (!services.registriesConf)
        return nullptr;
    const ImageReference registry = ImageReference::parseRegistry(host, nullptr);
    return services.registriesConf->find(registry.isValid() ? registry.registry() : host);
}

} // namespace

QString blockedReason(const AppServices &services, const QString &host)
{
    const RegistriesConf::Registry *rule = ruleFor(services, host);
    if (!rule || !rule->blocked)
        return {};
    return QCoreApplication::translate("RegistriesPolicy", "%1 is blocked by %2 ([[registry]] prefix \"%3\")")
        .arg(host, rule->file, rule->prefix);
}

bool relaxedByRegistriesConf(const AppServices &services, const RegistryEntry &entry)
{
    const RegistriesConf::Registry *rule = ruleFor(services, entry.host);
    return rule && rule->insecure && entry.tlsMode == TlsSettings::Mode::Verify;
}

TlsSettings tlsFor(const AppServices &services, const RegistryEntry &entry)
{
    TlsSettings tls = entry.tlsSettings();
    if (relaxedByRegistriesConf(services, entry))
        tls.mode = TlsSettings::Mode::SkipVerify;
    return tls;
}

} // namespace crossdock::RegistriesPolicy
