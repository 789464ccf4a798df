// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/net/httpresponse.h"

#include <QNetworkReply>
#include <QSslError>

namespace crossdock {

// Turns a registry's {"errors":[{"code","message","detail"}]} body into one
// readable line ("MANIFEST_UNKNOWN: manifest unknown"); empty if the body is
// not in that form.
QString registryErrorText(const QByteArray &body);
// True if a registry error body or challenge says the token lacks scope.
bool isInsufficientScope(const HttpResponse &response);

// Maps an unsuccessful response to a typed error. subject names what was
// asked for ("manifest 127.0.0.1:5000/app:1.0"); registry is host[:port].
Error errorForResponse(const HttpResponse &response, const QString &subject, const QString &registry);

// Maps a transport-level failure (no HTTP answer) to a typed error.
Error errorForNetworkFailure(QNetworkReply::NetworkError code, const QString &errorString,
                             const QList<QSslError> &sslErrors, const QString &registry);

} // namespace crossdock
