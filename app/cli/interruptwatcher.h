// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

class QSocketNotifier;

namespace crossdock::cli {

// Turns SIGINT/SIGTERM into a Qt signal (through a self-pipe), so Ctrl-C can
// cancel a copy cleanly from the event loop instead of killing the process
// mid-upload. A second interrupt ends the process at once (exit code 130),
// for a user who will not wait for the clean-up.
class InterruptWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

Q_SIGNALS:
    void interrupted();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace crossdock::cli
