// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;

namespace crossdock {

// A line above the local folder's tree when interrupted copies (a killed
// process, a crash) left temporary files in it: how many and how large,
// and a button to remove them. Hidden when there are none.
class CleanupBar final : public QWidget
{
    Q_OBJECT

public:
    explicit CleanupBar(QWidget *parent = nullptr);

    // Shows the bar for `files` leftovers of `bytes` in all, or hides it.
    void showLeftovers(int files, qint64 bytes);

Q_SIGNALS:
    void cleanUpRequested();

private:
    QLabel *m_text;
};

} // namespace crossdock
