// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/promote/transfermodel.h"

#include "core/transports/putblobjob.h"
#include "core/transfer/transferqueue.h"

#include <QLocale>

namespace crossdock {

namespace {

// Blob rows carry their transfer's id; transfer rows carry 0.
constexpr quintptr TransferRow = 0;

QString bytes(qint64 value)
{
    return QLocale().formattedDataSize(value);
}

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return QObject::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return QObject::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QObject::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

} // namespace

TransferModel::TransferModel(TransferQueue *queue, QObject *parent)
    : QAbstractItemModel(parent)
    , m_queue(queue)
{
    connect(
        queue, &TransferQueue::aboutToInsert, this, [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(queue, &TransferQueue::inserted, this, [this] { endInsertRows(); });
    connect(queue, &TransferQueue::aboutToRemove, this, [this](int row) { beginRemoveRows({}, row, row); });
    connect(queue, &TransferQueue::removed, this, [this] { endRemoveRows(); });
    connect(queue, &TransferQueue::changed, this,
        [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
    connect(queue, &TransferQueue::blobAboutToBeInserted, this,
        [this](int row, int blobRow) { beginInsertRows(index(row, 0), blobRow, blobRow); });
    connect(queue, &TransferQueue::blobInserted, this, [this] { endInsertRows(); });
    connect(queue, &TransferQueue::blobsAboutToBeCleared, this,
        [this](int row) { beginRemoveRows(index(row, 0), 0, static_cast<int>(m_queue->at(row).blobs.size()) - 1); });
    connect(queue, &TransferQueue::blobsCleared, this, [this] { endRemoveRows(); });
    connect(queue, &TransferQueue::blobChanged, this, [this](int row, int blobRow) {
        const QModelIndex transfer = index(row, 0);
        Q_EMIT dataChanged(index(blobRow, 0, transfer), index(blobRow, ColumnCount - 1, transfer));
    });
}

QModelIndex TransferModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, TransferRow);
    return createIndex(row, column, static_cast<quintptr>(m_queue->at(parent.row()).id));
}

QModelIndex TransferModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TransferRow)
        return {};
    const int row = m_queue->rowOf(child.internalId());
    return row < 0 ? QModelIndex() : createIndex(row, 0, TransferRow);
}

int TransferModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_queue->count();
    if (parent.internalId() != TransferRow || parent.column() != 0)
        return 0;
    return static_cast<int>(m_queue->at(parent.row()).blobs.size());
}

int TransferModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TransferModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Transfer");
    case RouteColumn:
        return tr("Registries");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case BytesColumn:
        return tr("Bytes");
    case SpeedColumn:
        return tr("Speed");
    case TimeLeftColumn:
        return tr("Time left");
    case BlobsColumn:
        return tr("Blobs");
    }
    return {};
}

QVariant TransferModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == TransferRow)
        return transferData(m_queue->at(index.row()), index.column(), role);
    const int row = m_queue->rowOf(index.internalId());
    return row < 0 ? QVariant() : blobData(m_queue->at(row), index.row(), index.column(), role);
}

QVariant TransferModel::transferData(const Transfer &t, int column, int role) const
{
    switch (role) {
    case TransferIdRole:
        return QVariant::fromValue(t.id);
    case StateRole:
        return static_cast<int>(t.state);
    case ErrorRole:
        return t.error;
    case DestinationRole:
        return t.order.destinationName;
    case ProgressRole:
        if (t.state == Transfer::State::Copied || t.state == Transfer::State::UpToDate)
            return 1.0;
        return t.total > 0 ? static_cast<double>(t.done) / static_cast<double>(t.total) : -1.0;
    case Qt::ToolTipRole:
        if (column == StateColumn && !t.error.isEmpty())
            return t.error;
        if (column == StateColumn && t.state == Transfer::State::UpToDate && !t.result.attachmentsAdded().isEmpty())
            return tr("The tag already named this image; %1 since it was copied").arg(t.result.attachmentsAdded());
        if (column == NameColumn)
            return tr("%1\n→ %2\n%3").arg(t.order.sourceName, t.order.destinationName, t.order.digest.toString());
        if (column == RouteColumn) // elided in the column: "Staging → Production (from mirror …)"
            return t.order.route;
        return {};
    case Qt::TextAlignmentRole:
        return column >= BytesColumn && column <= TimeLeftColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                 : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NameColumn: // the full references are in the tooltip
        return t.order.sourceShort.isEmpty() ? tr("%1 → %2").arg(t.order.sourceName, t.order.destinationName)
                                             : tr("%1 → %2").arg(t.order.sourceShort, t.order.destinationShort);
    case RouteColumn:
        return t.order.route;
    case StateColumn:
        // A failure says why in the same line; an image that was there
        // already, what arrived for it (a signature made since).
        if (!t.error.isEmpty())
            return QString(Transfer::stateName(t.state) + QStringLiteral(": ") + t.error);
        if (t.state == Transfer::State::UpToDate && !t.result.attachmentsAdded().isEmpty())
            return QString(Transfer::stateName(t.state) + QStringLiteral("; ") + t.result.attachmentsAdded());
        return Transfer::stateName(t.state);
    case ProgressColumn:
        return {};
    case BytesColumn:
        if (t.state == Transfer::State::Copied)
            return tr("%1 streamed").arg(bytes(t.result.bytesStreamed));
        return t.total > 0 ? tr("%1 / %2").arg(bytes(t.done), bytes(t.total)) : QString();
    case SpeedColumn:
        return t.state == Transfer::State::Running && t.bytesPerSecond > 0
            ? tr("%1/s").arg(bytes(static_cast<qint64>(t.bytesPerSecond)))
            : QString();
    case TimeLeftColumn:
        return duration(t.secondsLeft());
    case BlobsColumn: {
        int skipped = t.result.blobsSkipped;
        int mounted = t.result.blobsMounted;
        int streamed = t.result.blobsStreamed;
        if (!t.isFinished()) {
            using S = BlobState;
            skipped = mounted = streamed = 0;
            for (const Transfer::Blob &blob : t.blobs) {
                skipped += blob.state == static_cast<int>(S::Skipped);
                mounted += blob.state == static_cast<int>(S::Mounted);
                streamed += blob.state == static_cast<int>(S::Streamed);
            }
        }
        if (skipped + mounted + streamed == 0)
            return QString();
        return tr("%1 skipped · %2 mounted · %3 streamed").arg(skipped).arg(mounted).arg(streamed);
    }
    }
    return {};
}

QVariant TransferModel::blobData(const Transfer &t, int blobRow, int column, int role) const
{
    const Transfer::Blob &blob = t.blobs.at(blobRow);
    switch (role) {
    case TransferIdRole:
        return QVariant::fromValue(t.id);
    case ProgressRole: {
        using S = BlobState;
        const auto state = static_cast<S>(blob.state);
        if (state == S::Skipped || state == S::Mounted || state == S::Streamed)
            return 1.0;
        return blob.total > 0 ? static_cast<double>(blob.done) / static_cast<double>(blob.total) : -1.0;
    }
    case Qt::ToolTipRole:
        return column == NameColumn ? blob.digest.toString() : QVariant();
    case Qt::TextAlignmentRole:
        return column == BytesColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NameColumn:
        return blob.digest.toString().left(19);
    case StateColumn:
        return blobStateName(blob.state);
    case BytesColumn: {
        using S = BlobState;
        const auto state = static_cast<S>(blob.state);
        if (state == S::Skipped || state == S::Mounted) // nothing moved: its size says enough
            return bytes(blob.total);
        return tr("%1 / %2").arg(bytes(blob.done), bytes(blob.total));
    }
    default:
        return {};
    }
}

QString TransferModel::blobStateName(int state)
{
    using S = BlobState;
    switch (static_cast<S>(state)) {
    case S::Waiting:
        return tr("Waiting");
    case S::Checking:
        return tr("Checking");
    case S::Mounting:
        return tr("Mounting");
    case S::Streaming:
        return tr("Streaming");
    case S::Verifying:
        return tr("Verifying");
    case S::Skipped:
        return tr("Already there");
    case S::Mounted:
        return tr("Mounted");
    case S::Streamed:
        return tr("Streamed");
    case S::Failed:
        return tr("Failed");
    }
    return {};
}

} // namespace crossdock
