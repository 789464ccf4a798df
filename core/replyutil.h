#pragma once

#include <QNetworkReply>

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

} // namespace crossdock
