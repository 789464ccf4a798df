// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/desktopnotifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace crossdock {

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
}

void DesktopNotifier::notify(const QString &title, const QString &text, bool isWarning)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return Q_EMIT unavailable(title, text, isWarning);
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("/org/freedesktop/Notifications"), QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("Notify"));
    const QVariantMap hints {{QStringLiteral("desktop-entry"), QStringLiteral("io.crossdock.Crossdock")},
        {QStringLiteral("urgency"), QVariant::fromValue(static_cast<uchar>(isWarning ? 2 : 1))}};
    call << QStringLiteral("Crossdock") << 0u << QStringLiteral("io.crossdock.Crossdock") << title << text
         << QStringList() << hints << -1;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, title, text, isWarning] {
        watcher->deleteLater();
        if (watcher->isError())
            Q_EMIT unavailable(title, text, isWarning);
    });
}

} // namespace crossdock
