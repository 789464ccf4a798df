// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/supplychainjob.h"

#include "core/base/runinpool.h"
#include "core/registry/fetchblobjob.h"
#include "core/registry/registryclient.h"
#include "core/trust/lookasideconfig.h"
#include "core/trust/lookasidesignatures.h"
#include "core/trust/simplesigning.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/trust/listreferrersjob.h"
#include "core/trust/sigstoresignature.h"
#include "core/trust/trustpolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock {

SupplyChainJob::SupplyChainJob(RegistryClient *client, const QString &repository, const Digest &subject,
    const TransportReference &reference, std::shared_ptr<const TrustPolicy> policy, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_repository(repository)
    , m_subject(subject)
    , m_reference(reference)
    , m_policy(std::move(policy))
{
}

SupplyChainItem::Kind SupplyChainJob::kindOfArtifact(const QString &artifactType)
{
    const QString type = artifactType.toLower();
    if (type.contains(QLatin1String("spdx")) || type.contains(QLatin1String("cyclonedx")) || type.contains(QLatin1String("sbom"))
        || type.contains(QLatin1String("syft")))
        return SupplyChainItem::Kind::Sbom;
    if (type.contains(QLatin1String("in-toto")) || type.contains(QLatin1String("dsse")) || type.contains(QLatin1String("attestation"))
        || type.contains(QLatin1String("provenance")))
        return SupplyChainItem::Kind::Attestation;
    if (type.contains(QLatin1String("signature")) || type.contains(QLatin1String("sigstore")) || type.contains(QLatin1String("notary")))
        return SupplyChainItem::Kind::Signature;
    return SupplyChainItem::Kind::Referrer;
}

QStringList SupplyChainJob::sbomPackages(const QByteArray &document)
{
    const QJsonObject root = QJsonDocument::fromJson(document).object();
    QStringList packages;
    const bool spdx = root.contains(QStringLiteral("packages"));
    const QJsonArray list = root.value(spdx ? QStringLiteral("packages") : QStringLiteral("components")).toArray();
    for (const QJsonValue &entry : list) {
        const QJsonObject package = entry.toObject();
        const QString name = package.value(QStringLiteral("name")).toString();
        const QString version = package.value(spdx ? QStringLiteral("versionInfo") : QStringLiteral("version")).toString();
        if (!name.isEmpty())
            packages << (version.isEmpty() ? name : name + QLatin1Char(' ') + version);
    }
    return packages;
}

void SupplyChainJob::doStart()
{
    readSignatures();
}

void SupplyChainJob::readTag(const QString &suffix, std::function<void(const std::optional<Manifest> &)> then)
{
    auto *job = addSubjob(new FetchManifestJob(m_client, m_repository, Sigstore::attachmentTag(m_subject, suffix), this));
    connect(job, &Job::finished, this, [this, job, then = std::move(then)] {
        if (isFinished())
            return;
        if (job->error().code == Error::Code::NotFound)
            return then(std::nullopt);
        if (job->error().isError())
            return emitError(job->error());
        then(job->manifest());
    });
    job->start();
}

void SupplyChainJob::readSignatures()
{
    readTag(QStringLiteral("sig"), [this](const std::optional<Manifest> &attachment) {
        if (!attachment)
            return readGpgSignatures();
        verifyNext(*attachment, attachment->layers());
    });
}

void SupplyChainJob::verifyNext(const Manifest &attachment, QList<Descriptor> layers)
{
    if (layers.isEmpty())
        return readGpgSignatures();
    const Descriptor layer = layers.takeFirst();
    if (layer.mediaType != QLatin1String(Sigstore::PayloadMediaType) || layer.size > Sigstore::MaxPayloadSize)
        return verifyNext(attachment, layers);
    auto *fetch = new FetchBlobJob(m_client, m_repository, layer.digest, Sigstore::MaxPayloadSize, this);
    startSubjob(fetch, [this, attachment, layers, layer](FetchBlobJob *job) {
        SupplyChainItem item;
        item.kind = SupplyChainItem::Kind::Signature;
        item.manifest = attachment.digest();
        item.blob = layer;
        QString why;
        const std::optional<Sigstore::Claims> claims = Sigstore::parsePayload(job->data(), &why);
        item.title = claims ? QStringLiteral("cosign, signed as %1").arg(printable(claims->dockerReference, 200))
                            : QStringLiteral("cosign signature");
        const QByteArray signature = QByteArray::fromBase64(
            layer.annotations.value(QLatin1String(Sigstore::SignatureAnnotation)).toString().toLatin1());
        QList<PolicyRequirement> keyed;
        if (m_policy)
            for (const PolicyRequirement &requirement : m_policy->requirementsFor(m_reference).requirements)
                if (requirement.kind == PolicyRequirement::Kind::SigstoreSigned)
                    keyed << requirement;
        if (!claims) {
            item.status = QStringLiteral("not verified: %1").arg(why);
        } else if (claims->manifestDigest != m_subject.toString()) {
            item.status = QStringLiteral("not verified: it signs another manifest (%1)").arg(printable(claims->manifestDigest, 80));
        } else if (keyed.isEmpty()) {
            item.status = QStringLiteral("not verified: the signature policy names no key for this image");
        } else {
            item.status = QStringLiteral("not verified: %1").arg(why);
            for (const PolicyRequirement &requirement : std::as_const(keyed)) {
                QString reason;
                const ImageReference intended = m_reference.isRegistry() ? m_reference.image() : ImageReference();
                if (Sigstore::verifiedByAnyKey(job->data(), signature, requirement.publicKeys, &reason)
                    && requirement.identity.accepts(intended, claims->dockerReference, &reason)) {
                    item.verified = true;
                    item.status = QStringLiteral("verified with the signature policy's key");
                    break;
                }
                item.status = QStringLiteral("not verified: %1").arg(reason);
            }
        }
        m_items << item;
        verifyNext(attachment, layers);
    });
}

void SupplyChainJob::readGpgSignatures()
{
    if (!m_reference.isRegistry() || !m_policy)
        return verifyGpgSignatures({});
    const QUrl base = m_policy->lookaside()->base(m_reference.image(), false);
    startSubjob(new ReadLookasideJob(m_client->network(), base, m_subject, this),
        [this](ReadLookasideJob *job) { verifyGpgSignatures(job->signatures()); });
}

void SupplyChainJob::verifyGpgSignatures(const QList<QByteArray> &signatures)
{
    const auto next = [this] {
        readAttachments(QStringLiteral("att"), SupplyChainItem::Kind::Attestation,
            [this] { readAttachments(QStringLiteral("sbom"), SupplyChainItem::Kind::Sbom, [this] { readReferrers(); }); });
    };
    if (signatures.isEmpty())
        return next();
    QList<PolicyRequirement> keyed;
    for (const PolicyRequirement &requirement : m_policy->requirementsFor(m_reference).requirements)
        if (requirement.kind == PolicyRequirement::Kind::SignedBy)
            keyed << requirement;
    const ImageReference intended = m_reference.image();
    runInPool<QList<SupplyChainItem>>(
        this,
        [signatures, keyed, intended, subject = m_subject] {
            QList<SupplyChainItem> items;
            for (const QByteArray &signature : signatures) {
                SupplyChainItem item;
                item.kind = SupplyChainItem::Kind::Signature;
                item.title = QStringLiteral("GPG signature");
                item.status = QStringLiteral("not verified: the signature policy names no GPG key for this image");
                for (const PolicyRequirement &requirement : keyed) {
                    QString why;
                    const auto verified = SimpleSigning::verify(signature, requirement.gpgKeys, &why, &item.document);
                    const auto claims = Sigstore::parsePayload(item.document, &why, SimpleSigning::PayloadType);
                    if (claims)
                        item.title = QStringLiteral("GPG, signed as %1").arg(printable(claims->dockerReference, 200));
                    if (verified && claims && claims->manifestDigest != subject.toString())
                        why = QStringLiteral("it signs another manifest (%1)").arg(printable(claims->manifestDigest, 80));
                    else if (verified && claims && requirement.identity.accepts(intended, claims->dockerReference, &why)) {
                        item.verified = true;
                        item.status = QStringLiteral("verified with the signature policy's key %1").arg(verified->fingerprint);
                        break;
                    }
                    item.status = QStringLiteral("not verified: %1").arg(why);
                }
                items << item;
            }
            return items;
        },
        [this, next](QList<SupplyChainItem> items) {
            m_items << items;
            next();
        });
}

void SupplyChainJob::readAttachments(const QString &suffix, SupplyChainItem::Kind kind, std::function<void()> then)
{
    readTag(suffix, [this, suffix, kind, then = std::move(then)](const std::optional<Manifest> &attachment) {
        if (attachment) {
            for (const Descriptor &layer : attachment->layers()) {
                SupplyChainItem item;
                item.kind = kind;
                item.manifest = attachment->digest();
                item.blob = layer;
                const QString predicate = layer.annotations.value(QStringLiteral("predicateType")).toString();
                item.title = predicate.isEmpty() ? layer.mediaType : predicate;
                item.status = QStringLiteral("cosign %1 tag").arg(Sigstore::attachmentTag(m_subject, suffix));
                m_items << item;
            }
        }
        then();
    });
}

void SupplyChainJob::readReferrers()
{
    startSubjob(new ListReferrersJob(m_client, m_repository, m_subject, this), [this](ListReferrersJob *job) {
        const QJsonArray descriptors = job->descriptorJson();
        for (qsizetype i = 0; i < job->referrers().size(); ++i) {
            const Descriptor &referrer = job->referrers().at(i);
            const QString artifactType = descriptors.at(i).toObject().value(QStringLiteral("artifactType")).toString();
            SupplyChainItem item;
            item.kind = kindOfArtifact(artifactType);
            item.title = artifactType.isEmpty() ? referrer.mediaType : artifactType;
            item.manifest = referrer.digest;
            item.status = job->viaApi() ? QStringLiteral("OCI referrer (referrers API)")
                                        : QStringLiteral("OCI referrer (%1 index)").arg(ListReferrersJob::fallbackTag(m_subject));
            m_items << item;
        }
        emitSuccess();
    });
}

} // namespace crossdock
