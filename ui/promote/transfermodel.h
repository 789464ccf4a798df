// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractItemModel>

namespace crossdock {

class TransferQueue;
struct Transfer;

// The transfer queue as a tree: one row per transfer (source -> destination,
// state, progress, bytes, speed, time left, blobs), each expandable into one
// row per blob with its own progress. Follows the queue's signals; the
// progress column carries ProgressRole for TransferProgressDelegate.
class TransferModel final : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        RouteColumn,
        StateColumn,
        ProgressColumn,
        BytesColumn,
        SpeedColumn,
        TimeLeftColumn,
        BlobsColumn,
        ColumnCount
    };
    enum Role {
        ProgressRole = Qt::UserRole + 1, // double 0..1; -1 while unknown
        TransferIdRole, // quint64 of the transfer (blob rows: their transfer's)
        StateRole, // int Transfer::State (transfer rows)
        ErrorRole, // the one-line reason of a failure or skip
        DestinationRole, // host/repo:tag
    };

    explicit TransferModel(TransferQueue *queue, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString blobStateName(int state);

private:
    QVariant transferData(const Transfer &transfer, int column, int role) const;
    QVariant blobData(const Transfer &transfer, int blobRow, int column, int role) const;

    TransferQueue *m_queue;
};

} // namespace crossdock
