// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/platform.h"

#include <QSysInfo>

namespace crossdock {

QString Platform::toString() const
{
    QString text = os + QLatin1Char('/') + architecture;
    if (!variant.isEmpty())
        text += QLatin1Char('/') + variant;
    return text;
}

Platform Platform::fromJson(const QJsonObject &object)
{
    Platform p;
    p.os = object.value(QLatin1String("os")).toString();
    p.architecture = object.value(QLatin1String("architecture")).toString();
    p.variant = object.value(QLatin1String("variant")).toString();
    p.osVersion = object.value(QLatin1String("os.version")).toString();
    return p;
}

Platform Platform::fromString(const QString &text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char('/'));
    if (parts.size() < 2 || parts.size() > 3 || parts[0].isEmpty() || parts[1].isEmpty()
        || (parts.size() == 3 && parts[2].isEmpty()))
        return {};
    Platform p;
    p.os = parts[0];
    p.architecture = parts[1];
    if (parts.size() == 3)
        p.variant = parts[2];
    return p;
}

Platform Platform::host()
{
    Platform p;
    p.os = QSysInfo::kernelType() == QLatin1String("linux") ? QStringLiteral("linux") : QSysInfo::kernelType();
    const QString cpu = QSysInfo::buildCpuArchitecture();
    if (cpu == QLatin1String("x86_64")) {
        p.architecture = QStringLiteral("amd64");
    } else if (cpu == QLatin1String("i386")) {
        p.architecture = QStringLiteral("386");
    } else if (cpu == QLatin1String("arm64")) {
        p.architecture = QStringLiteral("arm64");
    } else if (cpu == QLatin1String("arm")) {
        p.architecture = QStringLiteral("arm");
        p.variant = QStringLiteral("v7");
    } else {
        p.architecture = cpu;
    }
    return p;
}

bool Platform::satisfies(const Platform &wanted) const
{
    if (os != wanted.os || architecture != wanted.architecture)
        return false;
    if (wanted.variant.isEmpty())
        return true;
    if (variant == wanted.variant)
        return true;
    return architecture == QLatin1String("arm64") && variant.isEmpty() && wanted.variant == QLatin1String("v8");
}

} // namespace crossdock
