// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock {

// A parsed image configuration blob (OCI image config / Docker image JSON).
struct ImageConfig
{
    struct HistoryEntry
    {
        QString created;
        QString createdBy;
        QString comment;
        bool emptyLayer = false;
    };

    static constexpr qint64 MaxSize = 8 * 1024 * 1024;

    QString created;      // as written (RFC 3339); empty when absent
    QString author;
    QString dockerVersion;
    QString os;
    QString architecture;
    QString variant;
    QStringList env;
    QStringList entrypoint;
    QStringList cmd;
    QJsonObject labels;
    QStringList exposedPorts;
    QString user;
    QString workingDir;
    QList<HistoryEntry> history;
    QStringList diffIds;
    QJsonObject raw;

    static std::optional<ImageConfig> parse(const QByteArray &bytes, QString *error);
    // Schema 1 keeps a config-like object in its top history entry.
    static ImageConfig fromSchema1(const QJsonObject &v1Compatibility, const QString &architecture);
};

} // namespace crossdock
