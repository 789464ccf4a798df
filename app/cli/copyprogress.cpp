#include "copyprogress.h"

#include "blobtransferjob.h"

#include <QLocale>

namespace crossdock::cli {

namespace {

QString size(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

const char *stateWord(BlobTransferJob::State state)
{
    switch (state) {
    case BlobTransferJob::State::Skipped: return "already present";
    case BlobTransferJob::State::Mounted: return "mounted";
    case BlobTransferJob::State::Streamed: return "copied";
    default: return nullptr;
    }
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

void CopyProgress::onProgress(qint64 done, qint64 total)
{
    m_done = done;
    m_total = total;
    if (m_quiet)
        return;
    if (m_terminal || m_sinceSummary.elapsed() >= SummaryIntervalMs) {
        printTotal();
        m_sinceSummary.restart();
    }
}

void CopyProgress::onBlob(const Digest &digest, int state, qint64, qint64 total)
{
    const auto s = static_cast<BlobTransferJob::State>(state);
    const char *word = stateWord(s);
    if (!word || m_states.value(digest.toString()) == state)
        return;
    m_states.insert(digest.toString(), state);
    ++m_blobsFinished;
    if (m_quiet)
        return;
    if (m_terminal)
        std::fputs("\r\033[K", m_out);
    std::fprintf(m_out, "blob %s %s (%s)\n", qPrintable(digest.shortHex()), word, qPrintable(size(total)));
    if (m_terminal)
        printTotal();
}

void CopyProgress::printTotal()
{
    const double seconds = std::max<qint64>(1, m_sinceStart.elapsed()) / 1000.0;
    const QString line = QStringLiteral("%1 / %2 (%3%), %4 blobs done, %5/s")
                             .arg(size(m_done), size(m_total))
                             .arg(m_total > 0 ? 100 * m_done / m_total : 100)
                             .arg(m_blobsFinished)
                             .arg(size(static_cast<qint64>(m_done / seconds)));
    if (m_terminal)
        std::fprintf(m_out, "\r\033[K%s", qPrintable(line));
    else
        std::fprintf(m_out, "progress: %s\n", qPrintable(line));
    std::fflush(m_out);
}

void CopyProgress::finish()
{
    if (!m_quiet && m_terminal)
        std::fputs("\r\033[K", m_out);
}

} // namespace crossdock::cli
