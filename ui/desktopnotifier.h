// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>

namespace crossdock {

// Desktop notifications through the freedesktop Notifications service on
// the session bus (GNOME, KDE, XFCE, sway with mako - no system tray
// needed). Asynchronous: notify() returns at once; when no such service
// answers, unavailable() is emitted with the title and text, for another
// way to say it (a tray balloon where there is a tray).
class DesktopNotifier final : public QObject {
    Q_OBJECT

public:
    explicit DesktopNotifier(QObject *parent = nullptr);

    void notify(const QString &title, const QString &text, bool isWarning);

Q_SIGNALS:
    void unavailable(const QString &title, const QString &text, bool isWarning);
};

} // namespace crossdock
