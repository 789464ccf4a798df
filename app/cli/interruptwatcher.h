#pragma once

#include <QObject>

class QSocketNotifier;

namespace crossdock::cli {

// Turns SIGINT/SIGTERM into a Qt signal (through a self-pipe), so Ctrl-C can
// cancel a copy cleanly from the event loop instead of killing the process
// mid-upload.
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
