// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/registryerrors.h"

#include "core/registry/authchallenge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

QString registryErrorText(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonArray errors = object.value(QLatin1String("errors")).toArray();
    QStringList parts;
    for (const QJsonValue &value : errors) {
        const QJsonObject e = value.toObject();
        const QString code = e.value(QLatin1String("code")).toString();
        const QString message = e.value(QLatin1String("message")).toString();
        if (code.isEmpty() && message.isEmpty())
            continue;
        parts << (code.isEmpty()    ? message
                : message.isEmpty() ? code
                                    : code + QStringLiteral(": ") + message)
                     .left(300);
        if (parts.size() == 3)
            break;
    }
    return parts.join(QStringLiteral("; "));
}

bool isInsufficientScope(const HttpResponse &response)
{
    for (const AuthChallenge &c : AuthChallenge::parse(response.header("WWW-Authenticate")))
        if (c.param(QStringLiteral("error")) == QLatin1String("insufficient_scope"))
            return true;
    return response.body.contains("insufficient_scope") || response.body.contains("\"DENIED\"");
}

Error errorForResponse(const HttpResponse &response, const QString &subject, const QString &registry)
{
    const QString serverText = registryErrorText(response.body);
    const QString detail = serverText.isEmpty() ? QString() : QStringLiteral("registry said: ") + serverText;
    switch (response.status) {
    case 401:
        if (isInsufficientScope(response))
            return Error::make(Error::Code::Denied,
                QStringLiteral("%1: access denied by %2 (the credentials lack permission)").arg(subject, registry),
                detail);
        return Error::make(Error::Code::Unauthorized,
            QStringLiteral("%1: authentication required at %2 (log in with `crossdock-cli login %2`, "
                           "or pass --creds/--authfile)")
                .arg(subject, registry),
            detail);
    case 403:
        return Error::make(Error::Code::Denied,
            QStringLiteral("%1: access denied by %2 (the credentials lack permission)").arg(subject, registry), detail);
    case 404:
        return Error::make(Error::Code::NotFound, QStringLiteral("%1: not found at %2").arg(subject, registry), detail);
    case 405:
        return Error::make(Error::Code::Unsupported,
            QStringLiteral("%1: %2 does not allow this operation (405; is it read-only, or a pull-through cache?)")
                .arg(subject, registry),
            detail);
    case 429:
        return Error::make(Error::Code::Server,
            QStringLiteral("%1: %2 is rate-limiting requests (429)").arg(subject, registry), detail);
    default:
        break;
    }
    return Error::make(Error::Code::Server,
        QStringLiteral("%1: unexpected HTTP status %2 from %3%4")
            .arg(subject)
            .arg(response.status)
            .arg(registry, serverText.isEmpty() ? QString() : QStringLiteral(" (") + serverText + QLatin1Char(')')),
        detail);
}

Error errorForNetworkFailure(QNetworkReply::NetworkError code, const QString &errorString,
    const QList<QSslError> &sslErrors, const QString &registry)
{
    if (code == QNetworkReply::SslHandshakeFailedError || !sslErrors.isEmpty()) {
        QStringList reasons;
        for (const QSslError &e : sslErrors)
            reasons << e.errorString();
        reasons.removeDuplicates();
        const QString why = reasons.isEmpty() ? errorString : reasons.join(QStringLiteral("; "));
        return Error::make(Error::Code::Tls,
            // What to do about it differs: the CLI names its flags, the GUI
            // its Registries dialog.
            QStringLiteral("TLS connection to %1 failed: %2").arg(registry, why));
    }
    switch (code) {
    case QNetworkReply::OperationCanceledError:
        return Error::make(Error::Code::Cancelled, QStringLiteral("request to %1 cancelled").arg(registry));
    case QNetworkReply::TimeoutError:
        return Error::make(
            Error::Code::Unreachable, QStringLiteral("registry %1 did not answer in time").arg(registry));
    default:
        return Error::make(
            Error::Code::Unreachable, QStringLiteral("cannot reach registry %1: %2").arg(registry, errorString));
    }
}

} // namespace crossdock
