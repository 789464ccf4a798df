// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace crossdock {

// One pane as it was left: what it browsed and how it was filtered.
struct PaneState {
    QString registry;   // a configured registry's host, or LocalFolder
    QString repository; // open repository, empty if none
    QString tag;        // selected tag, empty if none
    QString filter;     // the tag filter's text
    int filterMode = 0; // NamePattern::Mode

    static inline const QString LocalFolder = QStringLiteral("local");
};

// What the window looked like when it was closed, to come back to on the
// next start: its geometry, the panes' widths and each pane's state. Kept in
// workspace.json beside registries.json and written the same way (whole or
// absent, owner-only: it names the registries and repositories someone
// works with; never a secret). Not QSettings: its INI writer leaves the
// file as the umask says until after its last byte.
struct WorkspaceState {
    QByteArray geometry; // QWidget::saveGeometry()
    QList<int> paneWidths;
    QList<PaneState> panes;

    bool isEmpty() const { return panes.isEmpty(); }

    // ~/.config/crossdock/workspace.json
    static QString defaultPath();
    // A missing or unreadable file gives an empty state (the default layout).
    static WorkspaceState load(const QString &path);
    bool save(const QString &path, QString *error) const;
};

} // namespace crossdock
