// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/limitedbody.h"

#include <QNetworkReply>

namespace crossdock {

LimitedBody *LimitedBody::attach(QNetworkReply *reply, qint64 limit)
{
    return new LimitedBody(reply, limit);
}

LimitedBody::LimitedBody(QNetworkReply *reply, qint64 limit)
    : QObject(reply)
    , m_reply(reply)
    , m_limit(limit)
{
    reply->setReadBufferSize(std::min<qint64>(limit + 1, 256 * 1024));
    connect(reply, &QNetworkReply::readyRead, this, &LimitedBody::collect);
    // Whatever is left when the reply ends (before its finished() reaches
    // the caller, which connects later).
    connect(reply, &QNetworkReply::finished, this, &LimitedBody::collect);
}

void LimitedBody::collect()
{
    if (m_exceeded)
        return;
    const qint64 room = m_limit - m_body.size();
    if (room > 0)
        m_body += m_reply->read(room);
    if (m_reply->bytesAvailable() > 0) {
        m_exceeded = true;
        if (m_reply->isRunning())
            m_reply->abort();
    }
}

} // namespace crossdock
