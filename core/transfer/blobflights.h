// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace crossdock {

// Blobs on their way to a destination registry right now. Two images
// copied at once often share layers; the second waits for the first's
// transfer of a shared blob and then finds it (a HEAD, no bytes) or, in
// another repository of that registry, mounts it from where the first put it
// - instead of uploading the same bytes twice.
// Lives in the transfer engine's thread, like the copies that use it.
class BlobFlights final {
public:
    static QString key(const QString &host, const QString &digest) { return host + QLatin1Char('@') + digest; }

    // True: the caller moves the blob and must land(key) when done, however it
    // ends. False: someone else is moving it; retry runs (if context still
    // exists) once it has landed.
    bool claim(const QString &key, QObject *context, std::function<void()> retry)
    {
        if (!m_waiting.contains(key)) {
            m_waiting.insert(key, {});
            return true;
        }
        m_waiting[key].append({QPointer<QObject>(context), std::move(retry)});
        return false;
    }

    void land(const QString &key)
    {
        const auto waiters = m_waiting.take(key);
        for (const auto &[context, retry] : waiters)
            if (context)
                retry();
    }

private:
    QHash<QString, QList<std::pair<QPointer<QObject>, std::function<void()>>>> m_waiting;
};

} // namespace crossdock
