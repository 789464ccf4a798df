// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace crossdock {

// One challenge from a WWW-Authenticate header: a scheme and its parameters
// (names lower-cased). A header may carry several challenges.
struct AuthChallenge
{
    QString scheme; // lower-case: "bearer", "basic"
    QMap<QString, QString> params;

    QString param(const QString &name) const { return params.value(name); }
    bool isBearer() const { return scheme == QLatin1String("bearer"); }
    bool isBasic() const { return scheme == QLatin1String("basic"); }

    static QList<AuthChallenge> parse(const QByteArray &header);
    // Prefer Bearer over Basic, as docker does; nullptr when neither is offered.
    static const AuthChallenge *preferred(const QList<AuthChallenge> &challenges);
};

} // namespace crossdock
