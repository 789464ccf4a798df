// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/browse/imagesource.h"
#include "core/image/imagesummary.h"
#include "core/registry/listtagsjob.h"
#include "core/transports/transportreference.h"
#include "ui/promote/imagedrag.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

namespace crossdock {

class ContentCache;
class ListTagsJob;
class RegistryClient;
class SignatureChecks;
class SummaryLoader;
class TrustPolicy;

// The tags of one repository: rows appear page by page as the tag list
// arrives; each row's summary (digest, platforms, size, created, type)
// fills in as SummaryLoader delivers it - rows in view first. Changes reach
// views in batches (at most ten a second), so a 20,000-tag repository never
// floods the event loop. Sort with SortRole for real values.
class TagTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TagColumn, DigestColumn, PlatformsColumn, SizeColumn, CreatedColumn, TypeColumn, SignatureColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw values: size as qint64, created as QDateTime
        TagRole,
        DigestRole, // full digest string, empty until loaded
        LoadedRole, // bool: summary or error arrived
    };

    // policy: the signature policy the Signature column checks signed
    // images against (none: it says signed or unsigned only).
    TagTableModel(const ImageSource &source, ContentCache *cache, const QString &repository,
        std::shared_ptr<const TrustPolicy> policy = {}, QObject *parent = nullptr);
    ~TagTableModel() override;

    // Lists the tags and starts loading summaries.
    void load();
    QString repository() const { return m_repository; }
    const ImageSource &source() const { return m_source; }
    bool isListing() const { return m_listing; }
    int loadedCount() const;
    const std::optional<ImageSummary> &summaryAt(int row) const { return m_rows.at(row).summary; }
    QString tagAt(int row) const { return m_rows.at(row).tag; }
    int rowOf(const QString &tag) const { return m_rowOfTag.value(tag, -1); }
    // Load these tags' summaries next (the rows a view shows).
    void prioritizeTags(const QStringList &tags);
    // The stable identifier of the registry these tags live in (its host, or
    // "oci:DIR"), carried by drags.
    void setRegistryId(const QString &id) { m_registryId = id; }
    QString registryId() const { return m_registryId; }
    // After a deletion: the rows go, without reloading the rest.
    void removeTags(const QStringList &tags);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Drag and drop: rows drag out as images; images dropped anywhere on
    // the table are meant for this repository (imagesDropped).
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }
    bool canDropMimeData(
        const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) const override;
    bool dropMimeData(
        const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) override;

Q_SIGNALS:
    // The tag list failed (the rows so far stay); error is typed for "Log in…".
    void listFailed(const crossdock::Error &error);
    // Loading the tags' details found the registry unreachable or
    // untrusted (once per model).
    void registryFailed(const crossdock::Error &error);
    void listFinished();
    // Images were dropped here: promote them into this repository.
    void imagesDropped(const QList<crossdock::DraggedImage> &images, const QString &repository);
    // Summaries loaded of all tags.
    void loadProgress(int loaded, int total);

private:
    bool m_reachFailureSaid = false;
    struct Row {
        QString tag;
        QString sortKey; // tagSortKey(tag): versions by number, the rest naturally
        std::optional<ImageSummary> summary;
        QString error;
    };
    void appendTags(const QStringList &tags);
    // Signed: the registry holds a cosign attachment for the digest (its
    // "sha256-<hex>.sig" tag is in the list). Attachment tags themselves
    // are not images to mark.
    bool isSigned(const ImageSummary &summary) const;
    bool isAttachmentTag(const QString &tag) const;
    QString signatureText(const Row &row, QString *tooltip) const;
    void checkSignature(int row);
    TransportReference referenceOf(const QString &tag) const;
    void markChanged(int row);
    void flushChanges();

    ImageSource m_source;
    ContentCache *m_cache;
    QString m_repository;
    QString m_registryId;
    QList<Row> m_rows;
    QHash<QString, int> m_rowOfTag;
    SummaryLoader *m_loader;
    SignatureChecks *m_signatures = nullptr; // registry sources with a policy only
    QPointer<ListTagsJob> m_list;
    bool m_listing = false;
    int m_firstChanged = -1;
    int m_lastChanged = -1;
    QTimer m_flush;
};

} // namespace crossdock
