#pragma once

#include "digest.h"

#include <QElapsedTimer>
#include <QHash>

#include <cstdio>

namespace crossdock::cli {

// Prints a copy's progress for humans and for CI logs. On a terminal: one
// live total line. Elsewhere: a line per finished blob and a summary line
// every few seconds, so a CI log shows progress without control characters.
class CopyProgress final
{
public:
    CopyProgress(bool quiet, bool terminal, FILE *out = stderr);

    void onProgress(qint64 done, qint64 total);
    void onBlob(const Digest &digest, int state, qint64 done, qint64 total);
    void finish();

    static constexpr qint64 SummaryIntervalMs = 3000;

private:
    void printTotal();

    bool m_quiet;
    bool m_terminal;
    FILE *m_out;
    qint64 m_done = 0;
    qint64 m_total = 0;
    int m_blobsFinished = 0;
    QHash<QString, int> m_states;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceSummary;
};

} // namespace crossdock::cli
