// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/tagtablemodel.h"

#include "core/browse/localstore.h"
#include "core/browse/summaryloader.h"
#include "core/trust/signaturechecks.h"
#include "core/trust/sigstoresignature.h"
#include "core/browse/tagorder.h"
#include "core/registry/listtagsjob.h"
#include "core/registry/pagedlistjob.h"

#include <QLocale>
#include <QIcon>
#include <QRegularExpression>
#include <QMimeData>

namespace crossdock {

TagTableModel::TagTableModel(const ImageSource &source, ContentCache *cache, const QString &repository,
    std::shared_ptr<const TrustPolicy> policy, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
    , m_cache(cache)
    , m_repository(repository)
    , m_loader(new SummaryLoader(source, cache, repository, SummaryLoader::DefaultConcurrency, this))
{
    if (policy && source.client) {
        m_signatures = new SignatureChecks(source.client, repository, std::move(policy), this);
        connect(m_signatures, &SignatureChecks::checked, this, [this](const Digest &digest) {
            for (int row = 0; row < m_rows.size(); ++row)
                if (m_rows.at(row).summary && m_rows.at(row).summary->digest == digest)
                    markChanged(row);
        });
    }
    m_flush.setSingleShot(true);
    m_flush.setInterval(100);
    connect(&m_flush, &QTimer::timeout, this, &TagTableModel::flushChanges);
    connect(m_loader, &SummaryLoader::summaryReady, this, [this](const QString &tag, const ImageSummary &summary) {
        const int row = m_rowOfTag.value(tag, -1);
        if (row < 0)
            return;
        m_rows[row].summary = summary;
        markChanged(row);
        checkSignature(row);
    });
    connect(m_loader, &SummaryLoader::summaryFailed, this, [this](const QString &tag, const Error &error) {
        const int row = m_rowOfTag.value(tag, -1);
        if (row < 0)
            return;
        m_rows[row].error = error.message;
        markChanged(row);
        // The registry went away (or cannot be trusted): said once, with
        // Retry, rather than as an error in every row.
        if ((error.code == Error::Code::Unreachable || error.code == Error::Code::Tls) && !m_reachFailureSaid) {
            m_reachFailureSaid = true;
            Q_EMIT registryFailed(error);
        }
    });
    connect(m_loader, &SummaryLoader::progress, this, &TagTableModel::loadProgress);
}

TagTableModel::~TagTableModel()
{
    if (m_list) {
        m_list->disconnect(this); // no signals from a half-destroyed model
        m_list->cancel();
    }
}

void TagTableModel::load()
{
    if (m_list)
        return;
    m_listing = true;
    if (m_source.isLocal()) {
        // The local folder's index is read at once, but still reported from
        // the event loop, as a registry's list would be.
        QTimer::singleShot(0, this, [this] {
            QString error;
            const QStringList tags = m_source.store->tags(m_repository, &error);
            m_listing = false;
            if (!error.isEmpty())
                return Q_EMIT listFailed(Error::make(Error::Code::Io, error));
            appendTags(tags);
            Q_EMIT listFinished();
        });
        return;
    }
    auto *list = new ListTagsJob(m_source.client, m_repository, this);
    m_list = list;
    m_listing = true;
    connect(list, &PagedListJob::pageArrived, this, &TagTableModel::appendTags);
    connect(list, &Job::finished, this, [this, list] {
        m_listing = false;
        if (list->error().isError())
            Q_EMIT listFailed(list->error());
        else {
            // Attachment tags may have come on a later page than their images.
            for (int row = 0; row < m_rows.size(); ++row) {
                markChanged(row);
                checkSignature(row);
            }
            Q_EMIT listFinished();
        }
    });
    list->start();
}

void TagTableModel::appendTags(const QStringList &tags)
{
    QStringList fresh;
    for (const QString &tag : tags)
        if (!m_rowOfTag.contains(tag))
            fresh << tag;
    if (fresh.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    for (const QString &tag : std::as_const(fresh)) {
        m_rowOfTag.insert(tag, static_cast<int>(m_rows.size()));
        m_rows.append(Row {tag, tagSortKey(tag), std::nullopt, {}});
    }
    endInsertRows();
    m_loader->enqueue(fresh);
}

int TagTableModel::loadedCount() const
{
    return m_loader->finishedCount();
}

void TagTableModel::prioritizeTags(const QStringList &tags)
{
    m_loader->prioritize(tags); // it skips what is loaded or loading
}

void TagTableModel::removeTags(const QStringList &tags)
{
    flushChanges(); // row numbers below must not go stale
    for (const QString &tag : tags) {
        const int row = m_rowOfTag.value(tag, -1);
        if (row < 0)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        m_rowOfTag.remove(tag);
        for (int i = row; i < m_rows.size(); ++i)
            m_rowOfTag.insert(m_rows.at(i).tag, i);
        endRemoveRows();
    }
}

void TagTableModel::markChanged(int row)
{
    m_firstChanged = m_firstChanged < 0 ? row : std::min(m_firstChanged, row);
    m_lastChanged = std::max(m_lastChanged, row);
    if (!m_flush.isActive())
        m_flush.start();
}

void TagTableModel::flushChanges()
{
    m_flush.stop();
    if (m_firstChanged < 0)
        return;
    const int first = m_firstChanged;
    const int last = std::min(m_lastChanged, static_cast<int>(m_rows.size()) - 1);
    m_firstChanged = m_lastChanged = -1;
    if (first <= last)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

int TagTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TagTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const std::optional<ImageSummary> &s = row.summary;
    switch (role) {
    case TagRole:
        return row.tag;
    case DigestRole:
        return s ? s->digest.toString() : QString();
    case LoadedRole:
        return s.has_value() || !row.error.isEmpty();
    case Qt::ToolTipRole:
        if (!row.error.isEmpty())
            return row.error;
        if (index.column() == SignatureColumn) {
            QString tooltip;
            signatureText(row, &tooltip);
            return tooltip.isEmpty() ? QVariant() : QVariant(tooltip);
        }
        if (s && index.column() == DigestColumn)
            return s->digest.toString();
        return {};
    case SortRole:
        switch (index.column()) {
        case TagColumn:
            return row.sortKey;
        case DigestColumn:
            return s ? s->digest.toString() : QString();
        case PlatformsColumn:
            return s ? s->platforms.join(QStringLiteral(", ")) : QString();
        case SizeColumn:
            return s ? s->compressedSize : qint64(-1);
        case CreatedColumn:
            return s ? s->created : QDateTime();
        case TypeColumn:
            return s ? s->typeName() : QString();
        case SignatureColumn:
            return signatureText(row, nullptr);
        }
        return {};
    case Qt::DecorationRole:
        // The verdict at a glance, beside the tag (the Signature column says it in words).
        if (index.column() == TagColumn && m_signatures && s && !isAttachmentTag(row.tag) && isSigned(*s)) {
            const std::optional<SignatureVerdict> verdict = m_signatures->verdict(referenceOf(row.tag), s->digest);
            if (verdict && verdict->kind == SignatureVerdict::Kind::Verified)
                return QIcon(QStringLiteral(":/icons/signature-verified.svg"));
            if (verdict && verdict->kind == SignatureVerdict::Kind::Refused)
                return QIcon(QStringLiteral(":/icons/signature-failed.svg"));
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    if (index.column() == TagColumn)
        return row.tag;
    if (!s)
        return index.column() == DigestColumn ? (row.error.isEmpty() ? tr("loading…") : tr("error")) : QString();
    switch (index.column()) {
    case DigestColumn:
        return s->digest.shortHex();
    case PlatformsColumn:
        return s->platforms.join(QStringLiteral(", "));
    case SizeColumn:
        return s->compressedSize < 0 ? QString() : QLocale().formattedDataSize(s->compressedSize);
    case CreatedColumn:
        return s->created.isValid() ? QLocale().toString(s->created.toLocalTime(), QLocale::ShortFormat) : QString();
    case TypeColumn:
        return s->typeName();
    case SignatureColumn:
        return signatureText(row, nullptr);
    }
    return {};
}

QVariant TagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TagColumn:
        return tr("Tag");
    case DigestColumn:
        return tr("Digest");
    case PlatformsColumn:
        return tr("Platforms");
    case SizeColumn:
        return tr("Size");
    case CreatedColumn:
        return tr("Created");
    case TypeColumn:
        return tr("Type");
    case SignatureColumn:
        return tr("Signature");
    }
    return {};
}

} // namespace crossdock

namespace crossdock {

Qt::ItemFlags TagTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index) | Qt::ItemIsDropEnabled;
    if (index.isValid())
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

QStringList TagTableModel::mimeTypes() const
{
    return {ImageDrag::MimeType};
}

QMimeData *TagTableModel::mimeData(const QModelIndexList &indexes) const
{
    QList<DraggedImage> images;
    QSet<int> rows;
    for (const QModelIndex &index : indexes) {
        if (!index.isValid() || rows.contains(index.row()))
            continue;
        rows.insert(index.row());
        const Row &row = m_rows.at(index.row());
        images.append(
            {m_registryId, m_repository, row.tag, row.summary ? row.summary->digest.toString() : QString(), {}});
    }
    if (images.isEmpty())
        return nullptr;
    return ImageDrag::encode(images);
}

bool TagTableModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &) const
{
    return ImageDrag::canDrop(data, m_registryId)
        && !ImageDrag::isOwnRepository(ImageDrag::decode(data), m_registryId, m_repository);
}

bool TagTableModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    Q_EMIT imagesDropped(ImageDrag::decode(data), m_repository);
    return true; // the copy is the promote dialog's business; the view changes nothing itself
}

bool TagTableModel::isAttachmentTag(const QString &tag) const
{
    static const QRegularExpression attachment(QStringLiteral("^sha256-[0-9a-f]{64}(\\.[a-z]+)?$"));
    return attachment.match(tag).hasMatch();
}

bool TagTableModel::isSigned(const ImageSummary &summary) const
{
    return m_rowOfTag.contains(Sigstore::attachmentTag(summary.digest));
}

TransportReference TagTableModel::referenceOf(const QString &tag) const
{
    // The name the user knows the registry by: what signatures name.
    return TransportReference::parse(QStringLiteral("docker://%1/%2:%3").arg(m_registryId, m_repository, tag));
}

void TagTableModel::checkSignature(int row)
{
    const Row &r = m_rows.at(row);
    if (!m_signatures || !r.summary || m_listing || isAttachmentTag(r.tag))
        return;
    if (!isSigned(*r.summary) && !m_signatures->readsLookaside(referenceOf(r.tag)))
        return;
    m_signatures->check(referenceOf(r.tag), r.summary->digest);
}

QString TagTableModel::signatureText(const Row &row, QString *tooltip) const
{
    if (!row.summary || isAttachmentTag(row.tag))
        return {};
    const bool gpg = m_signatures && !m_listing && m_signatures->readsLookaside(referenceOf(row.tag));
    if (!isSigned(*row.summary) && !gpg) {
        if (tooltip && m_signatures && m_signatures->requiresSignature(referenceOf(row.tag)))
            *tooltip = tr("The signature policy requires a signature here: this image cannot be promoted.");
        return m_listing ? QString() : tr("unsigned");
    }
    if (!m_signatures) {
        if (tooltip)
            *tooltip = tr("A cosign signature is attached (%1); no signature policy checks it.")
                           .arg(Sigstore::attachmentTag(row.summary->digest));
        return tr("signed");
    }
    const std::optional<SignatureVerdict> verdict = m_signatures->verdict(referenceOf(row.tag), row.summary->digest);
    if (!verdict)
        return tr("checking…");
    using Kind = SignatureVerdict::Kind;
    switch (verdict->kind) {
    case Kind::Verified:
        if (tooltip)
            *tooltip = tr("Verified under the signature policy's keys.");
        return tr("verified");
    case Kind::Refused:
        if (tooltip)
            *tooltip = tr("The signature policy refuses it: %1").arg(verdict->reason);
        return tr("fails verification");
    case Kind::NotRequired:
        if (tooltip)
            *tooltip = tr("Signed; the signature policy asks for no signature here, so it was not verified.");
        return tr("signed");
    case Kind::Unchecked:
        if (tooltip)
            *tooltip = tr("The signatures could not be read: %1").arg(verdict->reason);
        return tr("signed (not checked)");
    case Kind::Unsigned:
        if (tooltip)
            *tooltip = tr("The signature policy requires a signature here: this image cannot be promoted (%1).")
                           .arg(verdict->reason);
        return tr("unsigned");
    }
    return {};
}

} // namespace crossdock
