// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/credentials.h"

#include <QHash>
#include <QString>

namespace crossdock {

// Credentials the user chose to keep for this session only (no keychain
// available and no auth file wanted). Memory only: never written anywhere,
// gone when the application quits. Keyed by registry host[:port].
class SessionCredentials final {
public:
    void set(const QString &registry, const Credentials &credentials) { m_byRegistry.insert(registry, credentials); }
    void remove(const QString &registry) { m_byRegistry.remove(registry); }
    bool contains(const QString &registry) const { return m_byRegistry.contains(registry); }
    Credentials get(const QString &registry) const { return m_byRegistry.value(registry); }

private:
    QHash<QString, Credentials> m_byRegistry;
};

} // namespace crossdock
