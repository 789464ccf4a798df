// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLabel>

namespace crossdock {

// A two-line heading - a reference in bold over a smaller line - that never
// asks for more width than it is given: both lines are elided in the
// middle, keeping their ends (a tag is told apart by its end: pr-1707-…-
// abcdef), and the tooltip holds them whole. A plain QLabel would ask for
// the width of its longest word and push a pane, then the window, past the
// screen.
class ElidedTitle final : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedTitle(QWidget *parent = nullptr);

    void setLines(const QString &title, const QString &subtitle);
    void clearLines();
    QString title() const { return m_title; }

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_title;
    QString m_subtitle;
};

} // namespace crossdock
