// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/promote/promoteendpoint.h"

#include "core/browse/localstore.h"
#include "core/image/imagereference.h"
#include "core/registry/registryclient.h"

namespace crossdock {

QString PromoteEndpoint::referenceName(const QString &repository) const
{
    return isLocal() ? registryId + QLatin1Char(':') + repository : registryId + QLatin1Char('/') + repository;
}

QString PromoteEndpoint::label() const
{
    if (displayName.isEmpty() || displayName == registryId)
        return registryId;
    return QStringLiteral("%1 (%2)").arg(displayName, registryId);
}

bool PromoteEndpoint::sameRegistryAs(const PromoteEndpoint &other) const
{
    return images.client && other.images.client && images.client->host() == other.images.client->host();
}

bool makeTransferOrder(const PromoteEndpoint &source, const QString &sourceRepository, const QString &sourceTag,
    const Digest &digest, const PromoteEndpoint &destination, const QString &destinationRepository,
    const QString &destinationTag, const CopyOptions &options, ExistingTagPolicy existing, TransferOrder *order,
    QString *error)
{
    if (source.isLocal() && destination.isLocal()) {
        *error = QObject::tr("both ends are the local folder; promote to a registry, or from one");
        return false;
    }
    if (!ImageReference::isValidTag(destinationTag)) {
        *error = QObject::tr("\"%1\" is not a valid tag (letters, digits, _ . -, up to 128, not starting with . or -)")
                     .arg(destinationTag);
        return false;
    }
    CopyRequest &request = order->request;
    request = CopyRequest();
    request.options = options;
    if (source.isLocal()) {
        // Pinned: what was previewed.
        request.source = TransportReference::oci(source.images.store->directory(), digest.toString());
    } else {
        QString parseError;
        const ImageReference reference = ImageReference::parse(
            source.registryId + QLatin1Char('/') + sourceRepository + QLatin1Char(':') + sourceTag, &parseError);
        if (!reference.isValid()) {
            *error = parseError;
            return false;
        }
        request.source = reference.withDigest(digest);
        request.sourceCredentials = source.images.client->credentials();
        request.sourceTls = source.tls;
    }
    if (destination.isLocal()) {
        QString parseError; // the folder names images like a registry does
        if (!ImageReference::parse(QStringLiteral("localhost/") + destinationRepository, &parseError).isValid()) {
            *error = QObject::tr("\"%1\" is not a valid repository: %2").arg(destinationRepository, parseError);
            return false;
        }
        request.destination = TransportReference::oci(
            destination.images.store->directory(), destinationRepository + QLatin1Char(':') + destinationTag);
        // Manifests as they came, so promoting back out keeps the digest.
        request.destinationKeepsManifests = true;
    } else {
        QString parseError;
        const ImageReference reference = ImageReference::parse(
            destination.registryId + QLatin1Char('/') + destinationRepository + QLatin1Char(':') + destinationTag,
            &parseError);
        if (!reference.isValid()) {
            *error = QObject::tr("\"%1\" is not a valid repository: %2").arg(destinationRepository, parseError);
            return false;
        }
        request.destination = reference;
        request.destinationCredentials = destination.images.client->credentials();
        request.destinationTls = destination.tls;
    }
    order->sourceName = source.referenceName(sourceRepository) + QLatin1Char(':') + sourceTag;
    order->destinationName = destination.referenceName(destinationRepository) + QLatin1Char(':') + destinationTag;
    order->destinationRegistry = destination.registryId;
    order->route = QStringLiteral("%1 → %2").arg(source.displayName.isEmpty() ? source.registryId : source.displayName,
        destination.displayName.isEmpty() ? destination.registryId : destination.displayName);
    order->sourceShort = sourceRepository + QLatin1Char(':') + sourceTag;
    order->destinationShort = destinationRepository + QLatin1Char(':') + destinationTag;
    order->destinationRepository = destinationRepository;
    order->destinationTag = destinationTag;
    order->digest = digest;
    order->existing = existing;
    return true;
}

} // namespace crossdock
