// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"

#include <QList>
#include <QNetworkReply>
#include <QPointer>

namespace crossdock {

// Stops listening to a reply and lets it go: the receiver's connections are
// cut, a reply still running is aborted (one that already failed is not:
// Qt warns about finishing it twice), and it is deleted later.
inline void discardReply(QNetworkReply *reply, QObject *receiver)
{
    if (!reply)
        return;
    reply->disconnect(receiver);
    if (!reply->isFinished() && reply->error() == QNetworkReply::NoError)
        reply->abort();
    reply->deleteLater();
}

// Cancels child jobs and discards raw replies in a job's list of work.
inline void cancelWork(const QList<QPointer<QObject>> &work, QObject *receiver)
{
    for (const auto &item : work) {
        if (auto *job = qobject_cast<Job *>(item.data()))
            job->cancel();
        else if (auto *reply = qobject_cast<QNetworkReply *>(item.data()))
            discardReply(reply, receiver);
    }
}

} // namespace crossdock
