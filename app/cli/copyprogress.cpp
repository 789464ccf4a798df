// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "copyprogress.h"

#include "core/transports/putblobjob.h"

#include <QLocale>

namespace crossdock::cli {

namespace {

QString size(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

const char *finishedWord(BlobState state)
{
    switch (state) {
    case BlobState::Skipped: return "already present";
    case BlobState::Mounted: return "mounted";
    case BlobState::Streamed: return "copied";
    default: return nullptr;
    }
}

QString bar(qint64 done, qint64 total, int width)
{
    const int filled = total > 0 ? static_cast<int>(width * std::min(done, total) / total) : 0;
    return QStringLiteral("[") + QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.')) + QStringLiteral("]");
}

} // namespace

CopyProgress::CopyProgress(bool quiet, bool terminal, FILE *out)
    : m_quiet(quiet)
    , m_terminal(terminal)
    , m_out(out)
{
    m_sinceStart.start();
    m_sinceSummary.start();
}

QString CopyProgress::totalLine() const
{
    const double seconds = std::max<qint64>(1, m_sinceStart.elapsed()) / 1000.0;
    return QStringLiteral("%1 / %2 (%3%), %4 blobs done, %5/s")
        .arg(size(m_done), size(m_total))
        .arg(m_total > 0 ? 100 * m_done / m_total : 100)
        .arg(m_blobsFinished)
        .arg(size(static_cast<qint64>(m_done / seconds)));
}

void CopyProgress::eraseLive()
{
    for (int i = 0; i < m_liveLines; ++i)
        std::fputs("\033[1A\033[2K", m_out); // up one line, clear it
    m_liveLines = 0;
}

void CopyProgress::drawLive()
{
    for (const QString &digest : std::as_const(m_activeOrder)) {
        const Active &a = m_active.value(digest);
        std::fprintf(m_out, "  %s %s %s / %s\n", qPrintable(Digest::parse(digest).shortHex()), qPrintable(bar(a.done, a.total, BarWidth)),
                     qPrintable(size(a.done)), qPrintable(size(a.total)));
    }
    std::fprintf(m_out, "%s\n", qPrintable(totalLine()));
    m_liveLines = static_cast<int>(m_activeOrder.size()) + 1;
    std::fflush(m_out);
}

void CopyProgress::onProgress(qint64 done, qint64 total)
{
    m_done = done;
    m_total = total;
    if (m_quiet)
        return;
    if (m_terminal) {
        eraseLive();
        drawLive();
    } else if (m_sinceSummary.elapsed() >= SummaryIntervalMs) {
        std::fprintf(m_out, "progress: %s\n", qPrintable(totalLine()));
        std::fflush(m_out);
        m_sinceSummary.restart();
    }
}

void CopyProgress::onBlob(const Digest &digest, int state, qint64 done, qint64 total)
{
    const QString key = digest.toString();
    const auto s = static_cast<BlobState>(state);
    if (s == BlobState::Streaming) {
        if (!m_active.contains(key))
            m_activeOrder << key;
        m_active[key] = Active{done, total};
        return; // drawn with the next progress update
    }
    const char *word = finishedWord(s);
    if (!word || m_states.value(key) == state)
        return;
    m_states.insert(key, state);
    m_active.remove(key);
    m_activeOrder.removeAll(key);
    ++m_blobsFinished;
    if (m_quiet)
        return;
    if (m_terminal)
        eraseLive();
    std::fprintf(m_out, "blob %s %s (%s)\n", qPrintable(digest.shortHex()), word, qPrintable(size(total)));
    if (m_terminal)
        drawLive();
    std::fflush(m_out);
}

void CopyProgress::finish()
{
    if (!m_quiet && m_terminal)
        eraseLive();
}

} // namespace crossdock::cli
