// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"
#include "core/transports/imagereader.h"

#include <QJsonArray>

#include <memory>

namespace crossdock {

class BlobLocationCache;
class SigstorePrivateKey;

// Signs an image in a registry as skopeo's --sign-by-sigstore-private-key
// does: a cosign simple-signing payload naming the manifest digest and the
// identity (the destination reference), signed with the key, stored as a
// layer of the "sha256-<hex>.sig" attachment - added to the signatures
// already there, never replacing them. Its blobs go up through the copy
// engine's own upload.
class SignImageJob final : public Job
{
    Q_OBJECT

public:
    SignImageJob(const RegistryOrigin &destination, const Digest &manifest, const QString &identity,
        std::shared_ptr<const SigstorePrivateKey> key, BlobLocationCache *locations, QObject *parent = nullptr);

protected:
    void doStart() override;

private:
    void putBlobs(QList<QByteArray> blobs, std::function<void()> then);
    void writeAttachment(const QJsonArray &layers);

    RegistryOrigin m_destination;
    Digest m_manifest;
    QString m_identity;
    std::shared_ptr<const SigstorePrivateKey> m_key;
    BlobLocationCache *m_locations;
    QJsonObject m_layer; // the new signature
};

} // namespace crossdock
