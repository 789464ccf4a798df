// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QStringList>

#include <cstdio>

namespace crossdock::cli {

// Prints a copy's progress for humans and for CI logs. On a terminal: one
// live bar per blob being streamed and a total line, redrawn in place, with
// a permanent line per finished blob above them. Elsewhere: a line per
// finished blob and a summary line every few seconds, so a CI log shows
// progress without control characters.
class CopyProgress final
{
public:
    CopyProgress(bool quiet, bool terminal, FILE *out = stderr);

    void onProgress(qint64 done, qint64 total);
    void onBlob(const Digest &digest, int state, qint64 done, qint64 total);
    void finish();

    static constexpr qint64 SummaryIntervalMs = 3000;
    static constexpr int BarWidth = 30;

private:
    QString totalLine() const;
    void eraseLive();
    void drawLive();

    struct Active
    {
        qint64 done = 0;
        qint64 total = 0;
    };

    bool m_quiet;
    bool m_terminal;
    FILE *m_out;
    qint64 m_done = 0;
    qint64 m_total = 0;
    int m_blobsFinished = 0;
    QHash<QString, int> m_states;
    QStringList m_activeOrder;          // digests being streamed, in start order
    QHash<QString, Active> m_active;
    int m_liveLines = 0;                // lines of the live block on screen
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceSummary;
};

} // namespace crossdock::cli
