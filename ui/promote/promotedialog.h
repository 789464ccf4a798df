// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"

#include "core/browse/promotepreviewjob.h"
#include "core/trust/trustpolicy.h"
#include "ui/promote/imagedrag.h"
#include "ui/promote/promoteendpoint.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTimer;
class QTreeWidget;

namespace crossdock {


// Asked on every drop: which images go where, and what will happen. The
// destination repository and tag are patterns ({repository}, {tag}) so many
// tags promote at once ({tag}-prod); the multi-arch choice and what to do
// when the destination tag names another image are set here. The preview
// (HEAD requests and manifests, no blob bytes) shows per image whether its
// blobs are skipped, mounted or streamed and how many bytes will move;
// Promote (Enter) is offered once it is complete and every name is valid.
class SigningKeys;

class PromoteDialog final : public QDialog {
    Q_OBJECT

public:
    // trust: the signature policy each image is checked against in the
    // preview; a refused image cannot be promoted.
    // keys: signing keys unlocked this session, offered under "Sign with"
    // (none: no signing offered).
    PromoteDialog(const PromoteEndpoint &source, const QList<DraggedImage> &images, const PromoteEndpoint &destination,
        const QString &destinationRepository, const EnforcedTrustPolicy &trust = {}, SigningKeys *keys = nullptr,
        QWidget *parent = nullptr);
    ~PromoteDialog() override;

    // The transfers to queue once accepted (up-to-date images included:
    // the queue reports them as such).
    QList<TransferOrder> orders() const;
    bool isPreviewComplete() const;
    int imageCount() const { return static_cast<int>(m_rows.size()); }

    static constexpr int PreviewConcurrency = 4;

Q_SIGNALS:
    // Every row is previewed (or has a problem); Promote is enabled when none has.
    void previewComplete();

private:
    struct Row {
        QString repository;
        QString tag;
        QString destinationRepository;
        QString destinationTag;
        QString problem; // a bad name, or why the preview failed
        QString problemDetail; // the whole story, for the tooltip (empty: problem says it all)
        Error::Code problemCode = Error::Code::InvalidInput; // a naming problem unless the preview said otherwise
        std::optional<PromotePreview> preview;
        QPointer<PromotePreviewJob> job;
    };

    void listTags(const QString &repository);
    void rebuildRows();
    void startPreviews();
    void showRow(int index);
    void updateSummary();
    CopyOptions copyOptions() const;
    ExistingTagPolicy existingPolicy() const;

    PromoteEndpoint m_source;
    PromoteEndpoint m_destination;
    EnforcedTrustPolicy m_trust;
    QList<std::pair<QString, QString>> m_images; // repository, tag: the dragged images, whole repositories expanded
    int m_listing = 0; // repositories whose tags are being listed
    QString m_listError;
    QList<Row> m_rows;
    int m_previewsRunning = 0;
    int m_nextPreview = 0;

    QLabel *m_heading;
    QLineEdit *m_repository;
    QLineEdit *m_tag;
    QComboBox *m_multiArch;
    QComboBox *m_existing;
    QComboBox *m_format; // manifests: as they are, OCI, Docker schema 2
    QComboBox *m_compression; // layers: as they are, gzip, zstd
    QCheckBox *m_keepSignatures; // cosign signatures travel (on by default)
    QCheckBox *m_copyReferrers; // attestations, SBOMs, OCI referrers travel (on by default)
    QComboBox *m_signWith; // don't sign, an unlocked key, or choose one
    SigningKeys *m_keys;
    void fillSigningKeys(const QString &select);
    void chooseSigningKey();
    QString m_signError; // why the last key chosen was not unlocked
    bool converts() const;
    QTreeWidget *m_table;
    QLabel *m_summary;
    QDialogButtonBox *m_buttons;
    QTimer *m_edited;
};

} // namespace crossdock
