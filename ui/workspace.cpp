// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/workspace.h"

#include "core/base/durablefile.h"
#include "core/base/jsonfile.h"
#include "core/base/privatefiles.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

namespace crossdock {

namespace {
constexpr int Version = 1;
constexpr int MaxPanes = 8; // a hand-edited file cannot open a hundred panes
}

QString WorkspaceState::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/crossdock/workspace.json");
}

WorkspaceState WorkspaceState::load(const QString &path)
{
    WorkspaceState state;
    QString error;
    const auto root = readJsonObjectFile(path, QStringLiteral("workspace"), &error);
    if (!root || root->value(QStringLiteral("version")).toInt() != Version)
        return state; // missing, unreadable or from another version: the default layout
    state.geometry = QByteArray::fromBase64(root->value(QStringLiteral("geometry")).toString().toLatin1());
    for (const QJsonValue &width : root->value(QStringLiteral("paneWidths")).toArray())
        state.paneWidths << width.toInt();
    for (const QJsonValue &value : root->value(QStringLiteral("panes")).toArray()) {
        if (state.panes.size() == MaxPanes)
            break;
        const QJsonObject object = value.toObject();
        PaneState pane;
        pane.registry = object.value(QStringLiteral("registry")).toString();
        pane.repository = object.value(QStringLiteral("repository")).toString();
        pane.tag = object.value(QStringLiteral("tag")).toString();
        pane.filter = object.value(QStringLiteral("filter")).toString();
        pane.filterMode = std::clamp(object.value(QStringLiteral("filterMode")).toInt(), 0, 2);
        state.panes << pane;
    }
    return state;
}

bool WorkspaceState::save(const QString &path, QString *error) const
{
    if (!makePrivateDirectory(QFileInfo(path).absolutePath(), error))
        return false;
    QJsonArray widths;
    for (int width : paneWidths)
        widths.append(width);
    QJsonArray paneList;
    for (const PaneState &pane : panes)
        paneList.append(QJsonObject {{QStringLiteral("registry"), pane.registry},
            {QStringLiteral("repository"), pane.repository}, {QStringLiteral("tag"), pane.tag},
            {QStringLiteral("filter"), pane.filter}, {QStringLiteral("filterMode"), pane.filterMode}});
    const QJsonObject root {{QStringLiteral("version"), Version},
        {QStringLiteral("geometry"), QString::fromLatin1(geometry.toBase64())}, {QStringLiteral("paneWidths"), widths},
        {QStringLiteral("panes"), paneList}};
    // Whole or absent, owner-only: it names the registries and repositories
    // someone works with.
    return DurableFile::writeWhole(path, QJsonDocument(root).toJson(), error, 0600);
}

} // namespace crossdock
