// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"
#include "core/transports/transportreference.h"

#include <functional>
#include <memory>

namespace crossdock {

class RegistryClient;
class TrustPolicy;

// One thing attached to an image, as the details panel lists it.
struct SupplyChainItem
{
    enum class Kind { Signature, Attestation, Sbom, Referrer };
    Kind kind = Kind::Referrer;
    QString title;   // "signed as r.example/app:1", a predicate type, an artifact type
    QString status;  // signatures: verified or why not; others: where it was found
    bool verified = false;
    Digest manifest; // the attachment or referrer manifest
    Descriptor blob; // the layer to open (payload, envelope, SBOM); no digest: open the manifest
    QByteArray document; // what to open when it is not in the registry (a GPG signature's content)
};

// Everything attached to one manifest in a registry: cosign signatures and
// GPG signatures from the registries.d lookaside (each verified against the
// signature policy's keys for this image; gpg off this thread),
// attestations and SBOMs (".att" and ".sbom" tags), and OCI 1.1 referrers
// (referrers API or the tag schema's index), sorted into those four kinds.
// Reads only.
class SupplyChainJob final : public Job
{
    Q_OBJECT

public:
    // reference: the image as the user knows it (for the policy's scope and
    // the signatures' identity); policy: none shows signatures unverified.
    SupplyChainJob(RegistryClient *client, const QString &repository, const Digest &subject,
        const TransportReference &reference, std::shared_ptr<const TrustPolicy> policy, QObject *parent = nullptr);

    const QList<SupplyChainItem> &items() const { return m_items; }

    static SupplyChainItem::Kind kindOfArtifact(const QString &artifactType);
    // SPDX "packages" or CycloneDX "components" as "name version" lines;
    // empty when the document is neither.
    static QStringList sbomPackages(const QByteArray &document);

protected:
    void doStart() override;

private:
    void readTag(const QString &suffix, std::function<void(const std::optional<Manifest> &)> then);
    void readSignatures();
    void verifyNext(const Manifest &attachment, QList<Descriptor> layers);
    void readGpgSignatures();
    void verifyGpgSignatures(const QList<QByteArray> &signatures);
    void readAttachments(const QString &suffix, SupplyChainItem::Kind kind, std::function<void()> then);
    void readReferrers();

    RegistryClient *m_client;
    QString m_repository;
    Digest m_subject;
    TransportReference m_reference;
    std::shared_ptr<const TrustPolicy> m_policy;
    QList<SupplyChainItem> m_items;
};

} // namespace crossdock
