// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/supplychainview.h"

#include "core/image/manifest.h"
#include "core/registry/fetchblobjob.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/trust/supplychainjob.h"
#include "ui/browse/jsonhighlighter.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace crossdock {

namespace {

enum Column { KindColumn, ItemColumn, StatusColumn };
enum Role { ManifestRole = Qt::UserRole + 1, BlobRole, BlobSizeRole, KindRole, DocumentRole };

QString kindName(SupplyChainItem::Kind kind)
{
    switch (kind) {
    case SupplyChainItem::Kind::Signature:
        return QObject::tr("Signatures");
    case SupplyChainItem::Kind::Attestation:
        return QObject::tr("Attestations");
    case SupplyChainItem::Kind::Sbom:
        return QObject::tr("SBOMs");
    case SupplyChainItem::Kind::Referrer:
        return QObject::tr("Other referrers");
    }
    return {};
}

} // namespace

SupplyChainView::SupplyChainView(std::shared_ptr<const TrustPolicy> policy, QWidget *parent)
    : QWidget(parent)
    , m_policy(std::move(policy))
    , m_status(new QLabel)
    , m_list(new QTreeWidget)
    , m_document(new QPlainTextEdit)
{
    m_status->setObjectName(QStringLiteral("supplyChainStatus"));
    m_status->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("supplyChain"));
    m_list->setHeaderLabels({tr("Kind"), tr("What"), tr("Status")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_document->setObjectName(QStringLiteral("supplyChainDocument"));
    m_document->setReadOnly(true);
    m_document->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_document->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_document->setPlaceholderText(tr("Select an item to open it."));
    new JsonHighlighter(m_document->document());
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_list);
    split->addWidget(m_document);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) { open(item); });
}

void SupplyChainView::clear(const QString &message)
{
    if (m_job)
        m_job->cancel();
    if (m_opening)
        m_opening->cancel();
    m_list->clear();
    m_document->clear();
    m_status->setText(message);
}

void SupplyChainView::show(RegistryClient *client, const QString &repository, const Digest &digest,
    const TransportReference &reference)
{
    clear(tr("Looking for signatures, attestations and SBOMs…"));
    m_client = client;
    m_repository = repository;
    auto *job = new SupplyChainJob(client, repository, digest, reference, m_policy, this);
    m_job = job;
    connect(job, &Job::finished, this, [this, job] {
        if (job->error().code == Error::Code::Cancelled)
            return;
        if (job->error().isError())
            return m_status->setText(tr("Cannot list what is attached: %1").arg(job->error().message));
        present(*job);
        Q_EMIT listed();
    });
    job->start();
}

void SupplyChainView::present(const SupplyChainJob &job)
{
    if (job.items().isEmpty()) {
        m_status->setText(tr("Nothing is attached: no signature, attestation, SBOM or other referrer."));
        return;
    }
    int verified = 0;
    int signatures = 0;
    for (const SupplyChainItem &item : job.items()) {
        const QString group = kindName(item.kind);
        QTreeWidgetItem *parent = nullptr;
        for (int i = 0; i < m_list->topLevelItemCount() && !parent; ++i)
            if (m_list->topLevelItem(i)->text(KindColumn) == group)
                parent = m_list->topLevelItem(i);
        if (!parent) {
            parent = new QTreeWidgetItem(m_list, {group});
            parent->setFirstColumnSpanned(true);
            parent->setExpanded(true);
        }
        auto *row = new QTreeWidgetItem(parent, {QString(), item.title, item.status});
        row->setToolTip(ItemColumn, item.title);
        row->setToolTip(StatusColumn, item.status);
        row->setData(KindColumn, ManifestRole, item.manifest.toString());
        row->setData(KindColumn, BlobRole, item.blob.digest.toString());
        row->setData(KindColumn, BlobSizeRole, item.blob.size);
        row->setData(KindColumn, KindRole, static_cast<int>(item.kind));
        row->setData(KindColumn, DocumentRole, item.document);
        if (item.kind == SupplyChainItem::Kind::Signature) {
            ++signatures;
            verified += item.verified;
        }
    }
    m_status->setText(signatures == 0 ? tr("Not signed.")
            : verified > 0            ? tr("%1 of %2 signature(s) verified.").arg(verified).arg(signatures)
                                      : tr("Signed, but no signature verified (see each for why)."));
}

void SupplyChainView::open(QTreeWidgetItem *item)
{
    if (m_opening)
        m_opening->cancel();
    m_document->clear();
    if (!item || !item->parent() || !m_client)
        return;
    const bool isSbom = item->data(KindColumn, KindRole).toInt() == static_cast<int>(SupplyChainItem::Kind::Sbom);
    // A GPG signature's content came with it (from the lookaside).
    if (const QByteArray document = item->data(KindColumn, DocumentRole).toByteArray(); !document.isEmpty())
        return showDocument(document, false);
    if (item->data(KindColumn, ManifestRole).toString().isEmpty() && item->data(KindColumn, BlobRole).toString().isEmpty())
        return m_document->setPlainText(item->toolTip(StatusColumn));
    const Digest blob = Digest::parse(item->data(KindColumn, BlobRole).toString());
    const auto showBlob = [this, isSbom](const Digest &digest) {
        auto *fetch = new FetchBlobJob(m_client, m_repository, digest, Manifest::MaxSize, this);
        m_opening = fetch;
        connect(fetch, &Job::finished, this, [this, fetch, isSbom] {
            if (fetch->error().isError())
                return m_document->setPlainText(fetch->error().message);
            showDocument(fetch->data(), isSbom);
        });
        fetch->start();
    };
    if (blob.isValid())
        return showBlob(blob);
    // A referrer: its manifest, or an SBOM's document (its first layer).
    auto *fetch = new FetchManifestJob(m_client, m_repository, item->data(KindColumn, ManifestRole).toString(), this);
    m_opening = fetch;
    connect(fetch, &Job::finished, this, [this, fetch, isSbom, showBlob] {
        if (fetch->error().isError())
            return m_document->setPlainText(fetch->error().message);
        if (isSbom && !fetch->manifest().layers().isEmpty())
            return showBlob(fetch->manifest().layers().first().digest);
        showDocument(fetch->manifest().raw(), false);
    });
    fetch->start();
}

void SupplyChainView::showDocument(const QByteArray &bytes, bool isSbom)
{
    const QJsonDocument json = QJsonDocument::fromJson(bytes);
    QString text = json.isNull() ? QString::fromUtf8(bytes) : QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    if (isSbom) {
        const QStringList packages = SupplyChainJob::sbomPackages(bytes);
        if (!packages.isEmpty())
            text = tr("%n package(s):", nullptr, static_cast<int>(packages.size())) + QLatin1Char('\n')
                + packages.join(QLatin1Char('\n')) + QStringLiteral("\n\n") + text;
    }
    m_document->setPlainText(text);
    Q_EMIT opened();
}

} // namespace crossdock
