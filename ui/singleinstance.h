// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QLocalServer;
class QLocalSocket;

namespace crossdock {

// One Crossdock window per user: the first program started becomes the
// primary and listens on a local socket in the user's runtime folder
// (private to them); a second start hands its reference (or nothing: "come
// to the front") to the primary and quits. Asynchronous: start(), then
// exactly one of becamePrimary() or handedOver().
class SingleInstance final : public QObject {
    Q_OBJECT

public:
    // socketPath: where the primary listens (defaultSocketPath() in the app,
    // a scratch path in tests).
    explicit SingleInstance(QString socketPath, QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultSocketPath();
    // reference: what this start was asked to open (may be empty).
    void start(const QString &reference);

    static constexpr int MaxMessage = 4096;

Q_SIGNALS:
    void becamePrimary();
    // A second start's message reached the primary: this one may quit.
    void handedOver();
    // In the primary: a later start asked to open reference (empty: just
    // come to the front).
    void openRequested(const QString &reference);

private:
    void listen();
    void onConnection();

    QString m_socketPath;
    QString m_reference;
    QPointer<QLocalSocket> m_client;
    QLocalServer *m_server = nullptr;
};

} // namespace crossdock
