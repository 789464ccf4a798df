// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QSsl>
#include <QSslCipher>
#include <QSslEllipticCurve>
#include <QString>

#include <optional>

namespace crossdock {

// containers-tls-details.yaml(5), skopeo's --tls-details: the minimum TLS
// version, the allowed cipher suites and named groups (IANA names) for
// every TLS connection of the program. As in Go, the TLS 1.3 suites cannot
// be chosen: they are accepted in cipherSuites and change nothing. Versions
// before 1.2 are refused (this build offers none) rather than silently
// ignored, and so are names OpenSSL here does not know.
struct TlsDetails {
    std::optional<QSsl::SslProtocol> protocol; // from minVersion
    std::optional<QList<QSslCipher>> ciphers; // the TLS 1.2 suites of cipherSuites
    std::optional<QList<QSslEllipticCurve>> groups; // namedGroups

    // The file's settings; nullopt with error naming the file and the field.
    static std::optional<TlsDetails> parse(const QByteArray &yaml, const QString &file, QString *error);
    static std::optional<TlsDetails> load(const QString &path, QString *error);

    // Makes them the default of every TLS connection this process opens
    // from now on (QSslConfiguration::defaultConfiguration, which every
    // request's configuration starts from).
    void applyToProcess() const;
};

} // namespace crossdock
