// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/browse/imagesource.h"

#include <QPointer>

#include <memory>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTabWidget;
class QTreeWidget;

namespace crossdock {

class ContentCache;
class ElidedTitle;
class ImageDetailsJob;
class RegistryClient;
class SupplyChainView;
class TrustPolicy;

// What one tag (or one platform of an index) is: an overview with the full
// reference and digest, its layers with the command that made each, its
// config, its history as Dockerfile lines, and the raw manifest and config
// JSON. An index lists its platforms; activating one opens that image, and
// "Back to index" returns. Loading is asynchronous; errors show inline.
class DetailsPanel final : public QWidget {
    Q_OBJECT

public:
    // policy: what the Supply chain tab verifies signatures against.
    explicit DetailsPanel(ContentCache *cache, std::shared_ptr<const TrustPolicy> policy = {}, QWidget *parent = nullptr);
    SupplyChainView *supplyChain() const { return m_supplyChain; }

    // name: the repository as references name it ("host/team/app", or
    // "oci:DIR:team/app" in the local folder), for the reference shown.
    void showImage(const ImageSource &source, const QString &name, const QString &repository, const QString &reference);
    void clear(const QString &message = {});
    QString shownDigest() const { return m_digest; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void loaded();
    // The registry could not be reached or trusted (the pane offers Retry).
    void registryFailed(const crossdock::Error &error);

private:
    void load(const QString &reference, bool isPlatformOfIndex);
    void present(const ImageDetailsJob &job);
    void showError(const QString &message);
    void fitOverviewHeight();
    // The Supply chain tab reads the registry only while it is shown.
    void showSupplyChainIfVisible();

    ContentCache *m_cache;
    ImageSource m_source;
    QString m_name;
    QString m_repository;
    QString m_topReference; // what the user selected (a tag), for "Back to index"
    QString m_digest;
    QPointer<ImageDetailsJob> m_job;

    ElidedTitle *m_title;
    QLabel *m_status;
    QPushButton *m_back;
    QPushButton *m_copyDigest;
    QTabWidget *m_tabs;
    QLabel *m_overview;
    QScrollArea *m_overviewScroll;
    QTreeWidget *m_platforms;
    QTreeWidget *m_layers;
    QPlainTextEdit *m_config;
    QPlainTextEdit *m_history;
    QPlainTextEdit *m_raw;
    SupplyChainView *m_supplyChain;
    QString m_supplyChainShown; // the digest the tab lists
    QString m_shownReference; // the tag or digest the details show
};

} // namespace crossdock
