// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock::test {

// A key and a self-signed certificate made at test time with openssl.
struct Certificate
{
    QString keyPath;
    QString certPath;
    bool ok = false;
};

// For a TLS registry: valid for 127.0.0.1, ::1 and localhost.
Certificate makeServerCertificate(const QString &directory, const QString &name);
// For the token service's JWT signatures (the registry's rootcertbundle).
Certificate makeSigningCertificate(const QString &directory, const QString &name);

} // namespace crossdock::test
