// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/transports/transportreference.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace crossdock {

class Job;
class RegistryClient;
class SupplyChainJob;
class TrustPolicy;

// The details panel's "Supply chain" tab: what is attached to the image -
// signatures (verified against the signature policy's keys, or why not),
// attestations by predicate type, SBOMs and other referrers, grouped by
// kind. Selecting one opens it below: raw JSON, and an SBOM's package list.
class SupplyChainView final : public QWidget {
    Q_OBJECT

public:
    explicit SupplyChainView(std::shared_ptr<const TrustPolicy> policy, QWidget *parent = nullptr);

    // Lists what is attached to digest in repository (registries only).
    void show(RegistryClient *client, const QString &repository, const Digest &digest, const TransportReference &reference);
    void clear(const QString &message);
    QTreeWidget *list() const { return m_list; }

Q_SIGNALS:
    void listed();
    void opened();

private:
    void present(const SupplyChainJob &job);
    void open(QTreeWidgetItem *item);
    void showDocument(const QByteArray &bytes, bool isSbom);

    std::shared_ptr<const TrustPolicy> m_policy;
    RegistryClient *m_client = nullptr;
    QString m_repository;
    QPointer<SupplyChainJob> m_job;
    QPointer<Job> m_opening;
    QLabel *m_status;
    QTreeWidget *m_list;
    QPlainTextEdit *m_document;
};

} // namespace crossdock
