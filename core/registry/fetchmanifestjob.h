// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/manifest.h"
#include "core/registry/registrycall.h"
#include "core/transports/imagereader.h"

namespace crossdock {

class RegistryClient;

// GETs one manifest by tag or digest and verifies it: the sha256 of the
// exact bytes must equal Docker-Content-Digest (when sent) and the digest
// asked for (when fetching by digest). Oversized, ambiguous or mistyped
// documents are refused (see Manifest::parse).
class FetchManifestJob final : public ReadManifestJob
{
    Q_OBJECT

public:
    // reference: a tag or a validated digest string.
    FetchManifestJob(RegistryClient *client, const QString &repository, const QString &reference,
                     QObject *parent = nullptr);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onFinished();
    QString subject() const;

    RegistryClient *m_client;
    QString m_repository;
    QString m_reference;
    QPointer<RegistryCall> m_call;
};

} // namespace crossdock
