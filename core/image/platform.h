// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QString>

namespace crossdock {

// An image platform as an index lists it: os/architecture[/variant].
struct Platform
{
    QString os;
    QString architecture;
    QString variant;
    QString osVersion;

    bool isEmpty() const { return os.isEmpty() && architecture.isEmpty(); }
    QString toString() const;
    static Platform fromJson(const QJsonObject &object);
    // "os/arch[/variant]"; an empty platform when malformed.
    static Platform fromString(const QString &text);

    // The platform this program runs on, in OCI terms (linux/amd64, linux/arm64/v8, ...).
    static Platform host();
    // Whether an index entry's platform serves a wanted one. An empty wanted
    // variant accepts any; arm64 treats a missing variant as v8.
    bool satisfies(const Platform &wanted) const;

    friend bool operator==(const Platform &a, const Platform &b)
    {
        return a.os == b.os && a.architecture == b.architecture && a.variant == b.variant
            && a.osVersion == b.osVersion;
    }
};

} // namespace crossdock
