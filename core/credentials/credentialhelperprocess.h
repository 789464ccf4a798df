// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

class QProcess;

namespace crossdock {

// What a docker credential helper run came to: error is set when it could
// not be run at all (not installed, no answer in time); otherwise its exit
// code and output (which for "get" holds a secret: wipe it after use).
struct CredentialHelperOutcome
{
    Error error;
    int exitCode = 0;
    QByteArray out;
    QByteArray err;
    bool succeeded() const { return !error.isError() && exitCode == 0; }
};

// Runs `docker-credential-HELPER ACTION` without blocking, the one way all
// of crossdock talks to helpers: `input` goes to its standard input (never
// argv, which other users can read), which is then closed; `done` is called
// exactly once, unless stop() comes first. Deletes itself after `done`.
class CredentialHelperProcess final : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(CredentialHelperOutcome &)>;
    static constexpr int TimeoutMs = 30000;

    static CredentialHelperProcess *run(
        const QString &helper, const QString &action, const QByteArray &input, QObject *context, Done done);
    // Kills the helper; `done` is not called.
    void stop();
    QString program() const;

private:
    CredentialHelperProcess(QString helper, Done done, QObject *context);
    void finish(CredentialHelperOutcome &outcome);

    QString m_helper;
    Done m_done;
    QProcess *m_process;
};

} // namespace crossdock
