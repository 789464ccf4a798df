// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/promote/promotedialog.h"

#include "core/trust/signingkeys.h"

#include "core/browse/localstore.h"
#include "core/registry/listtagsjob.h"
#include "core/registry/pagedlistjob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QInputDialog>
#include <QFileInfo>
#include <QFileDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace crossdock {

namespace {

// "Sign with" items of GPG keys: this, then the key's fingerprint.
const QString GpgPrefix = QStringLiteral("gpg:");

enum Column { SourceColumn, DestinationColumn, OutcomeColumn, BlobsColumn, BytesColumn };

QString substitute(const QString &pattern, const QString &repository, const QString &tag)
{
    QString text = pattern.trimmed();
    text.replace(QLatin1String("{repository}"), repository);
    text.replace(QLatin1String("{tag}"), tag);
    return text;
}

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

} // namespace

PromoteDialog::PromoteDialog(const PromoteEndpoint &source, const QList<DraggedImage> &images,
    const PromoteEndpoint &destination, const QString &destinationRepository, const EnforcedTrustPolicy &trust,
    SigningKeys *keys, QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_destination(destination)
    , m_trust(trust)
    , m_heading(new QLabel)
    , m_repository(new QLineEdit)
    , m_tag(new QLineEdit(QStringLiteral("{tag}")))
    , m_multiArch(new QComboBox)
    , m_existing(new QComboBox)
    , m_format(new QComboBox)
    , m_compression(new QComboBox)
    , m_keepSignatures(new QCheckBox(tr("&Signatures")))
    , m_copyReferrers(new QCheckBox(tr("&Attestations, SBOMs and other referrers")))
    , m_signWith(new QComboBox)
    , m_keys(keys)
    , m_table(new QTreeWidget)
    , m_summary(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
    , m_edited(new QTimer(this))
{
    setObjectName(QStringLiteral("promoteDialog"));
    setWindowTitle(tr("Promote images"));
    resize(980, 460);

    QSet<QString> repositories;
    for (const DraggedImage &image : images)
        repositories.insert(image.repository);
    // Into the repository dropped on; dropped on a pane, to the same path.
    m_repository->setText(!destinationRepository.isEmpty() ? destinationRepository
            : repositories.size() == 1                     ? *repositories.begin()
                                                           : QStringLiteral("{repository}"));
    m_repository->setObjectName(QStringLiteral("destinationRepository"));
    m_repository->setToolTip(tr("{repository} stands for each source repository's path"));
    m_tag->setObjectName(QStringLiteral("destinationTag"));
    m_tag->setToolTip(tr("{tag} stands for each source tag: {tag}-prod turns 1.4.2 into 1.4.2-prod"));
    m_multiArch->setObjectName(QStringLiteral("multiArch"));
    m_multiArch->addItem(
        tr("Whole index: every platform, digests unchanged"), static_cast<int>(CopyOptions::MultiArch::All));
    m_multiArch->addItem(
        tr("Only %1 (this system)").arg(Platform::host().toString()), static_cast<int>(CopyOptions::MultiArch::System));
    if (source.isLocal() || destination.isLocal()) {
        m_multiArch->setEnabled(false); // the local folder takes and gives whole images
        m_multiArch->setToolTip(tr("Copies to and from the local folder keep the whole index"));
    }
    m_existing->setObjectName(QStringLiteral("existingTag"));
    m_existing->addItem(tr("Ask me"), static_cast<int>(ExistingTagPolicy::Ask));
    m_existing->addItem(tr("Skip the image"), static_cast<int>(ExistingTagPolicy::Skip));
    m_existing->addItem(tr("Overwrite the tag"), static_cast<int>(ExistingTagPolicy::Overwrite));

    // Conversion while streaming, as skopeo's --format and --dest-compress-format.
    m_format->setObjectName(QStringLiteral("manifestFormat"));
    m_format->addItem(tr("Keep as they are"), static_cast<int>(ManifestConversion::Format::Keep));
    m_format->addItem(tr("OCI"), static_cast<int>(ManifestConversion::Format::Oci));
    if (!destination.isLocal()) // the local folder is an OCI layout
        m_format->addItem(tr("Docker schema 2"), static_cast<int>(ManifestConversion::Format::DockerSchema2));
    m_compression->setObjectName(QStringLiteral("layerCompression"));
    m_compression->addItem(tr("Keep as they are"), -1);
    m_compression->addItem(tr("gzip"), static_cast<int>(LayerCompression::Kind::Gzip));
    m_compression->addItem(tr("zstd (smaller, faster to pull; OCI only)"), static_cast<int>(LayerCompression::Kind::Zstd));
    m_compression->setToolTip(tr("Layers in another compression are recompressed while they stream"));

    m_heading->setObjectName(QStringLiteral("promoteHeading"));
    m_heading->setWordWrap(true);
    m_heading->setText(
        tr("<b>From</b> %1 <b>to</b> %2").arg(m_source.label().toHtmlEscaped(), m_destination.label().toHtmlEscaped()));
    m_table->setObjectName(QStringLiteral("promotePreview"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setHeaderLabels({tr("Source"), tr("Destination"), tr("What happens"), tr("Blobs"), tr("To stream")});
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(OutcomeColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(SourceColumn, 160);
    m_table->setColumnWidth(DestinationColumn, 160);
    m_table->setColumnWidth(BlobsColumn, 230);
    m_table->setColumnWidth(BytesColumn, 90);
    m_summary->setObjectName(QStringLiteral("promoteSummary"));
    m_summary->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Promote"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("promote"));
    m_buttons->button(QDialogButtonBox::Ok)->setDefault(true); // Enter confirms
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Destination &repository:"), m_repository);
    form->addRow(tr("Destination &tag:"), m_tag);
    form->addRow(tr("&Multi-arch images:"), m_multiArch);
    form->addRow(tr("If the tag &exists:"), m_existing);
    auto *conversion = new QHBoxLayout;
    conversion->addWidget(m_format, 1);
    auto *compressionLabel = new QLabel(tr("&Layers:"));
    compressionLabel->setBuddy(m_compression);
    conversion->addWidget(compressionLabel);
    conversion->addWidget(m_compression, 1);
    auto *formatLabel = new QLabel(tr("Manifest &format:"));
    formatLabel->setBuddy(m_format);
    form->addRow(formatLabel, conversion);
    m_keepSignatures->setObjectName(QStringLiteral("keepSignatures"));
    m_keepSignatures->setChecked(true);
    m_keepSignatures->setToolTip(tr("Cosign signatures (sha256-<digest>.sig) go with the image; converting a signed "
                                    "image needs this off, as its signatures would no longer match"));
    m_copyReferrers->setObjectName(QStringLiteral("copyReferrers"));
    m_copyReferrers->setChecked(true);
    m_copyReferrers->setToolTip(tr("Attestations and SBOMs attached with cosign, and OCI referrers (artifacts whose "
                                   "subject is the image), go with it, digests unchanged"));
    auto *attached = new QHBoxLayout;
    attached->addWidget(m_keepSignatures);
    attached->addWidget(m_copyReferrers, 1);
    form->addRow(tr("Attached:"), attached);
    m_signWith->setObjectName(QStringLiteral("signWith"));
    m_signWith->setToolTip(tr("Add a signature made with this key to each image at the destination, naming the "
                              "destination tag: a cosign one for a sigstore key, a GPG one (in the registries.d "
                              "lookaside) for a GPG key"));
    if (m_keys && !m_destination.isLocal()) {
        fillSigningKeys(QString());
        form->addRow(tr("Sign &with:"), m_signWith);
        connect(m_signWith, &QComboBox::activated, this, [this] {
            if (m_signWith->currentData().toString() == QLatin1String("<choose>"))
                chooseSigningKey();
            updateSummary();
        });
        connect(m_keys, &SigningKeys::unlocked, this, [this](const QString &path) { fillSigningKeys(path); updateSummary(); });
        connect(m_keys, &SigningKeys::gpgKeysListed, this, [this] { fillSigningKeys(QString()); });
        m_keys->listGpgKeys();
        connect(m_keys, &SigningKeys::failed, this, [this](const QString &path, const QString &error) {
            fillSigningKeys(QString());
            m_signError = tr("%1 was not unlocked: %2").arg(QFileInfo(path).fileName(), error);
            updateSummary();
        });
    } else {
        m_signWith->hide();
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Editing names previews again once typing pauses.
    m_edited->setSingleShot(true);
    m_edited->setInterval(400);
    connect(m_edited, &QTimer::timeout, this, &PromoteDialog::rebuildRows);
    // Until then the rows show the old names: Promote waits, so Enter
    // right after typing cannot confirm what is no longer asked for.
    auto edited = [this] {
        m_edited->start();
        updateSummary();
    };
    connect(m_repository, &QLineEdit::textEdited, this, edited);
    connect(m_tag, &QLineEdit::textEdited, this, edited);
    connect(m_multiArch, &QComboBox::currentIndexChanged, this, &PromoteDialog::rebuildRows);
    connect(m_format, &QComboBox::currentIndexChanged, this, &PromoteDialog::rebuildRows);
    connect(m_compression, &QComboBox::currentIndexChanged, this, [this] {
        // zstd layers exist in OCI manifests only: say so by choosing it.
        if (m_compression->currentData().toInt() == static_cast<int>(LayerCompression::Kind::Zstd)
            && m_format->currentData().toInt() == static_cast<int>(ManifestConversion::Format::DockerSchema2))
            m_format->setCurrentIndex(m_format->findData(static_cast<int>(ManifestConversion::Format::Oci)));
        rebuildRows();
    });
    connect(m_existing, &QComboBox::currentIndexChanged, this, [this] {
        for (int i = 0; i < m_rows.size(); ++i)
            showRow(i);
        updateSummary();
    });

    for (const DraggedImage &image : images) {
        if (!image.isRepository()) {
            m_images.append({image.repository, image.tag});
            continue;
        }
        for (const QString &tag : image.tags)
            m_images.append({image.repository, tag});
        if (image.tags.isEmpty()) {
            ++m_listing;
            m_images.append({image.repository, QString()}); // until listed
            QTimer::singleShot(0, this, [this, repository = image.repository] { listTags(repository); });
        }
    }
    if (m_listing == 0)
        rebuildRows();
    else
        updateSummary();
}

PromoteDialog::~PromoteDialog()
{
    for (const Row &row : std::as_const(m_rows))
        if (row.job)
            row.job->cancel();
}

void PromoteDialog::listTags(const QString &repository)
{
    // A whole repository dragged: its placeholder row (empty tag) becomes its tags.
    auto finish = [this, repository](const QStringList &tags, const QString &error) {
        QList<std::pair<QString, QString>> expanded;
        for (const auto &image : std::as_const(m_images)) {
            if (image.first == repository && image.second.isEmpty()) {
                for (const QString &tag : tags)
                    expanded.append({repository, tag});
            } else {
                expanded.append(image);
            }
        }
        m_images = expanded;
        if (!error.isEmpty())
            m_listError = tr("Could not list the tags of %1: %2").arg(repository, error);
        if (--m_listing == 0)
            rebuildRows();
    };
    if (m_source.isLocal()) {
        QString error;
        const QStringList tags = m_source.images.store->tags(repository, &error);
        return finish(tags, error);
    }
    auto *list = new ListTagsJob(m_source.images.client, repository, this);
    connect(list, &Job::finished, this,
        [list, finish] { finish(list->items(), list->error().isError() ? list->error().message : QString()); });
    list->start();
}

void PromoteDialog::fillSigningKeys(const QString &select)
{
    const QString current = select.isEmpty() ? m_signWith->currentData().toString() : select;
    m_signWith->clear();
    m_signWith->addItem(tr("Don't sign"), QString());
    for (const QString &path : m_keys->paths())
        m_signWith->addItem(QFileInfo(path).fileName(), path);
    for (const SimpleSigning::SecretKey &key : m_keys->gpgKeys())
        m_signWith->addItem(tr("GPG: %1 (%2)").arg(key.userId, key.fingerprint.right(16)), QString(GpgPrefix + key.fingerprint));
    m_signWith->addItem(tr("Choose a key file…"), QStringLiteral("<choose>"));
    const int index = m_signWith->findData(current);
    m_signWith->setCurrentIndex(index >= 0 && current != QLatin1String("<choose>") ? index : 0);
    for (int i = 1; i < m_signWith->count() - 1; ++i)
        m_signWith->setItemData(i, m_signWith->itemData(i), Qt::ToolTipRole);
}

void PromoteDialog::chooseSigningKey()
{
    m_signWith->setCurrentIndex(0); // until a key is unlocked
    m_signError.clear();
    // Asked without blocking: the file, then its passphrase.
    auto *files = new QFileDialog(this, tr("Sigstore private key (cosign's encrypted format)"));
    files->setAttribute(Qt::WA_DeleteOnClose);
    files->setFileMode(QFileDialog::ExistingFile);
    connect(files, &QFileDialog::fileSelected, this, [this](const QString &path) {
        auto *ask = new QInputDialog(this);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        ask->setWindowTitle(tr("Unlock signing key"));
        ask->setLabelText(tr("Passphrase for %1:").arg(QFileInfo(path).fileName()));
        ask->setTextEchoMode(QLineEdit::Password);
        connect(ask, &QInputDialog::textValueSelected, this, [this, path](const QString &passphrase) {
            m_keys->unlock(path, passphrase.toUtf8());
        });
        ask->open();
    });
    files->open();
}

CopyOptions PromoteDialog::copyOptions() const
{
    CopyOptions options;
    options.multiArch = static_cast<CopyOptions::MultiArch>(m_multiArch->currentData().toInt());
    options.format = static_cast<ManifestConversion::Format>(m_format->currentData().toInt());
    if (const int kind = m_compression->currentData().toInt(); kind >= 0)
        options.layerCompression = LayerCompression::Target {static_cast<LayerCompression::Kind>(kind), 0};
    options.removeSignatures = !m_keepSignatures->isChecked();
    if (m_keys && !m_signWith->isHidden()) {
        const QString chosen = m_signWith->currentData().toString();
        if (chosen.startsWith(GpgPrefix))
            options.signByGpgKey = chosen.mid(GpgPrefix.size());
        else
            options.signWith = m_keys->key(chosen);
    }
    options.referrers = m_copyReferrers->isChecked();
    return options;
}

bool PromoteDialog::converts() const
{
    return copyOptions().converts();
}

ExistingTagPolicy PromoteDialog::existingPolicy() const
{
    return static_cast<ExistingTagPolicy>(m_existing->currentData().toInt());
}

void PromoteDialog::rebuildRows()
{
    for (const Row &row : std::as_const(m_rows))
        if (row.job)
            row.job->cancel();
    m_rows.clear();
    m_previewsRunning = 0;
    m_nextPreview = 0;
    m_table->clear();
    QHash<QString, int> landing; // destination -> images that would land there
    for (const auto &[repository, tag] : std::as_const(m_images)) {
        Row row;
        row.repository = repository;
        row.tag = tag;
        row.destinationRepository = substitute(m_repository->text(), repository, tag);
        row.destinationTag = substitute(m_tag->text(), repository, tag);
        // The names are checked the way the order will use them.
        TransferOrder probe;
        QString error;
        if (row.destinationRepository.isEmpty())
            row.problem = tr("no destination repository");
        else if (!makeTransferOrder(m_source, repository, tag, Digest::sha256Of({}), m_destination,
                     row.destinationRepository, row.destinationTag, copyOptions(), existingPolicy(), &probe, &error))
            row.problem = error;
        else if (m_source.registryId == m_destination.registryId && repository == row.destinationRepository
            && tag == row.destinationTag)
            row.problem = tr("this is the image itself; pick another repository or tag");
        ++landing[row.destinationRepository + QLatin1Char(':') + row.destinationTag];
        m_rows.append(row);
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(SourceColumn, repository + QLatin1Char(':') + tag);
        item->setText(DestinationColumn, row.destinationRepository + QLatin1Char(':') + row.destinationTag);
        item->setToolTip(SourceColumn, m_source.referenceName(repository) + QLatin1Char(':') + tag);
        item->setToolTip(DestinationColumn,
            m_destination.referenceName(row.destinationRepository) + QLatin1Char(':') + row.destinationTag);
    }
    for (Row &row : m_rows) {
        const int count = landing.value(row.destinationRepository + QLatin1Char(':') + row.destinationTag);
        if (row.problem.isEmpty() && count > 1)
            row.problem = tr("%1 images would land on this one tag; use {tag} in the tag pattern").arg(count);
    }
    for (int i = 0; i < m_rows.size(); ++i)
        showRow(i);
    startPreviews();
    updateSummary();
}

void PromoteDialog::startPreviews()
{
    while (m_previewsRunning < PreviewConcurrency && m_nextPreview < m_rows.size()) {
        const int index = m_nextPreview++;
        Row &row = m_rows[index];
        if (!row.problem.isEmpty())
            continue;
        if (!m_trust.error.isEmpty()) {
            row.problem = tr("refused: the signature policy cannot be used (%1)").arg(m_trust.error);
            row.problemCode = Error::Code::Rejected;
            showRow(index);
            continue;
        }
        auto *job = new PromotePreviewJob(m_source.images, row.repository, row.tag, m_destination.images,
            row.destinationRepository, row.destinationTag, copyOptions(), this);
        job->setTrustPolicy(m_trust.policy);
        row.job = job;
        ++m_previewsRunning;
        connect(job, &Job::finished, this, [this, job, index] {
            if (job->error().code == Error::Code::Cancelled)
                return; // the rows were rebuilt; this one is gone
            --m_previewsRunning;
            Row &done = m_rows[index];
            if (job->error().isError()) {
                done.problem = job->error().message;
                done.problemCode = job->error().code;
            } else if (!job->preview().policyRefusal.isEmpty()) {
                // It would fail: say so before Promote, the reason first (the whole refusal in the tooltip).
                done.problem = tr("Refused by the signature policy: %1").arg(job->preview().policyReason);
                done.problemDetail = job->preview().policyRefusal;
                done.problemCode = Error::Code::Rejected;
            } else
                done.preview = job->preview();
            showRow(index);
            startPreviews();
            updateSummary();
        });
        job->start();
    }
}

void PromoteDialog::showRow(int index)
{
    const Row &row = m_rows.at(index);
    QTreeWidgetItem *item = m_table->topLevelItem(index);
    if (!item)
        return;
    // Red that reads on a light or a dark base.
    const QColor problemColor
        = palette().color(QPalette::Base).lightness() < 128 ? QColor(255, 110, 110) : QColor(176, 0, 32);
    item->setForeground(OutcomeColumn, row.problem.isEmpty() ? palette().color(QPalette::Text) : problemColor);
    if (!row.problem.isEmpty()) {
        item->setText(OutcomeColumn, row.problem);
        item->setToolTip(OutcomeColumn, row.problemDetail.isEmpty() ? row.problem : row.problemDetail);
        return;
    }
    if (!row.preview) {
        item->setText(OutcomeColumn, tr("Checking…"));
        return;
    }
    const PromotePreview &preview = *row.preview;
    QString outcome;
    if (converts())
        outcome = preview.conflicts() || preview.upToDate() ? tr("Converted; replaces the tag's image (%1)").arg(preview.destinationDigest.toString().left(19))
                                                            : tr("New tag, converted (new digest)");
    else if (preview.upToDate())
        outcome = tr("Up to date: the tag already names this image");
    else if (!preview.conflicts())
        outcome = tr("New tag");
    else {
        const QString other = preview.destinationDigest.toString().left(19);
        switch (existingPolicy()) {
        case ExistingTagPolicy::Ask:
            outcome = tr("Tag names another image (%1): you will be asked").arg(other);
            break;
        case ExistingTagPolicy::Skip:
            outcome = tr("Tag names another image (%1): skipped").arg(other);
            break;
        case ExistingTagPolicy::Overwrite:
            outcome = tr("Overwrites the tag (now %1)").arg(other);
            break;
        }
    }
    if (preview.signaturesVerified > 0)
        outcome += tr(" · signature verified");
    item->setText(OutcomeColumn, outcome);
    if (converts()) {
        item->setToolTip(OutcomeColumn, tr("Converted while it streams: the image at the destination gets a new digest"));
        item->setText(BlobsColumn, tr("layers converted while streaming"));
        item->setText(BytesColumn, dataSize(preview.bytesToMove()));
        item->setTextAlignment(BytesColumn, Qt::AlignRight | Qt::AlignVCenter);
        return;
    }
    item->setToolTip(OutcomeColumn,
        tr("%1 → %2").arg(preview.destinationDigest.isValid() ? preview.destinationDigest.toString() : tr("(no tag)"),
            preview.sourceDigest.toString()));
    using Action = PromotePreview::Action;
    item->setText(BlobsColumn,
        preview.upToDate() ? QString()
                           : tr("%1 skipped · %2 mounted · %3 streamed")
                                 .arg(preview.count(Action::Skip))
                                 .arg(preview.count(Action::Mount))
                                 .arg(preview.count(Action::Stream)));
    item->setText(BytesColumn, preview.upToDate() ? QString() : dataSize(preview.bytesToMove()));
    item->setTextAlignment(BytesColumn, Qt::AlignRight | Qt::AlignVCenter);
}

bool PromoteDialog::isPreviewComplete() const
{
    if (m_listing > 0 || m_rows.isEmpty() || m_edited->isActive())
        return false;
    for (const Row &row : m_rows)
        if (row.problem.isEmpty() && !row.preview)
            return false;
    return true;
}

void PromoteDialog::updateSummary()
{
    QPushButton *promote = m_buttons->button(QDialogButtonBox::Ok);
    if (m_listing > 0) {
        m_summary->setText(tr("Listing tags…"));
        promote->setEnabled(false);
        return;
    }
    int previewed = 0;
    int problems = 0;
    int toCopy = 0;
    qint64 bytes = 0;
    int mounted = 0;
    int present = 0;
    QSet<QString> counted;
    for (const Row &row : std::as_const(m_rows)) {
        problems += !row.problem.isEmpty();
        if (!row.preview)
            continue;
        ++previewed;
        if ((row.preview->upToDate() && !converts()) || (row.preview->conflicts() && existingPolicy() == ExistingTagPolicy::Skip))
            continue;
        ++toCopy;
        // A blob several images share moves once (the engine copies it once per registry).
        for (const PromotePreview::Blob &blob : row.preview->blobs) {
            if (counted.contains(blob.digest.toString()))
                continue;
            counted.insert(blob.digest.toString());
            bytes += blob.action == PromotePreview::Action::Stream ? blob.size : 0;
            mounted += blob.action == PromotePreview::Action::Mount;
            present += blob.action == PromotePreview::Action::Skip;
        }
    }
    QStringList lines;
    if (!m_listError.isEmpty())
        lines << m_listError;
    if (m_rows.isEmpty())
        lines << tr("Nothing to promote: no tags.");
    else if (!isPreviewComplete())
        lines << tr("Checking the destination… %1 of %2 images").arg(previewed + problems).arg(m_rows.size());
    else if (toCopy == 0 && problems == 0)
        lines << tr("Nothing to copy: every destination tag is up to date.");
    else if (toCopy > 0 && bytes == 0)
        lines << (m_source.sameRegistryAs(m_destination)
                ? tr("Same registry: no data will be transferred (%n image(s); blobs are mounted or already there).",
                    nullptr, toCopy)
                : tr("No data will be transferred: the destination has every blob (%n image(s)).", nullptr, toCopy));
    else if (toCopy > 0)
        lines << tr("%n image(s) to copy: %1 to stream, %2 blob(s) mounted, %3 already there.", nullptr, toCopy)
                     .arg(dataSize(bytes))
                     .arg(mounted)
                     .arg(present);
    if (!m_signError.isEmpty())
        lines << m_signError;
    else if (m_keys && !m_signWith->isHidden() && m_signWith->currentIndex() > 0 && m_signWith->currentIndex() < m_signWith->count() - 1)
        lines << (m_signWith->currentData().toString().startsWith(GpgPrefix)
                ? tr("Each image will get a GPG signature naming its tag, made with key %1, in the destination's "
                     "lookaside.")
                      .arg(m_signWith->currentData().toString().right(16))
                : tr("Each image will be signed with %1 at the destination (a cosign signature naming its tag).")
                      .arg(m_signWith->currentText()));
    if (converts() && !m_rows.isEmpty())
        lines << tr("Converting changes digests: each promoted image gets a new digest at the destination, and its "
                    "layers are recompressed while they stream (sizes above are the source's).");
    // Say what kind of trouble it is: a name the user can fix, or a
    // registry that cannot be reached (fixing names would not help).
    int naming = 0;
    int unreachable = 0;
    int refused = 0;
    for (const Row &row : std::as_const(m_rows)) {
        if (row.problem.isEmpty())
            continue;
        const bool reach = row.problemCode == Error::Code::Unreachable || row.problemCode == Error::Code::Tls;
        unreachable += reach;
        naming += row.problemCode == Error::Code::InvalidInput;
        refused += row.problemCode == Error::Code::Rejected;
    }
    if (unreachable > 0)
        lines << tr("A registry cannot be reached (see the list); try again when it is up, or cancel.");
    if (naming > 0)
        lines << tr("%n image(s) cannot be promoted as named (see the list); fix the names or cancel.", nullptr, naming);
    if (refused > 0)
        lines << tr("%n image(s) refused by the signature policy (see the list for why); only verified images can be "
                    "promoted here.", nullptr, refused);
    if (problems > naming + unreachable + refused)
        lines << tr("%n image(s) cannot be promoted (see the list for why).", nullptr, problems - naming - unreachable - refused);
    m_summary->setText(lines.join(QLatin1Char('\n')));
    const bool ready = isPreviewComplete() && problems == 0;
    promote->setEnabled(ready);
    if (isPreviewComplete()) // ready or not: every row says what it would do, or why it cannot
        Q_EMIT previewComplete();
}

QList<TransferOrder> PromoteDialog::orders() const
{
    QList<TransferOrder> orders;
    for (const Row &row : m_rows) {
        if (!row.preview || !row.problem.isEmpty())
            continue;
        TransferOrder order;
        QString error;
        if (makeTransferOrder(m_source, row.repository, row.tag, row.preview->sourceDigest, m_destination,
                row.destinationRepository, row.destinationTag, copyOptions(), existingPolicy(), &order, &error))
            orders.append(order);
    }
    return orders;
}

} // namespace crossdock
