// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>

class QNetworkReply;

namespace crossdock {

// Collects a reply's body up to `limit` bytes while it arrives, and aborts
// the reply the moment it passes: without it a body that never ends (a
// hostile or broken server) is buffered whole. The body is read out as it
// comes, so Qt never stalls on a full buffer, and Qt's own buffer is capped
// too. Lives as the reply's child; read body() when the reply finishes.
class LimitedBody final : public QObject
{
    Q_OBJECT

public:
    static LimitedBody *attach(QNetworkReply *reply, qint64 limit);

    const QByteArray &body() const { return m_body; }
    bool exceeded() const { return m_exceeded; }
    qint64 limit() const { return m_limit; }

private:
    LimitedBody(QNetworkReply *reply, qint64 limit);
    void collect();

    QNetworkReply *m_reply;
    qint64 m_limit;
    QByteArray m_body;
    bool m_exceeded = false;
};

} // namespace crossdock
