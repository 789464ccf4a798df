// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QStringList>

namespace crossdock {

// How to reach one registry securely. Plain HTTP is used only when chosen
// here (PlainHttp), or for loopback hosts, which docker also treats as
// insecure, and then only when the server does not speak TLS at all.
struct TlsSettings
{
    enum class Mode {
        Verify,     // HTTPS, certificate checked against system + extra CAs (default)
        SkipVerify, // HTTPS, certificate not checked (--tls-verify=false)
        PlainHttp,  // HTTP only, chosen explicitly for this registry
    };

    Mode mode = Mode::Verify;
    QStringList caFiles;  // extra PEM CA files
    QString certDir;      // skopeo's --cert-dir: *.crt CAs, name.cert + name.key client cert
    QString clientCertificate; // PEM client certificate file (mutual TLS), with clientKey
    QString clientKey;
    // certs.d roots searched as <root>/<host:port>/ (containers and docker layout).
    QStringList certsDRoots = defaultCertsDRoots();

    static QStringList defaultCertsDRoots();

    friend bool operator==(const TlsSettings &, const TlsSettings &) = default;
};

// Builds the TLS configuration for one registry host ("host:port").
// Returns false with a message naming the file when a CA or client
// certificate cannot be read.
bool buildSslConfiguration(const QString &hostAndPort, const TlsSettings &settings,
                           QSslConfiguration *out, QString *error);

bool isLoopbackHost(const QString &host);

} // namespace crossdock
