// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"

#include <QPointer>

namespace crossdock {

class RegistryCall;
class RegistryClient;

// PUTs a manifest's original bytes with its own media type, by tag or by
// digest, and checks the digest the registry reports back.
class PushManifestJob final : public Job
{
    Q_OBJECT

public:
    PushManifestJob(RegistryClient *client, const QString &repository, const QString &reference, const Manifest &manifest,
                    QObject *parent = nullptr);

protected:
    void doStart() override;
    void doCancel() override;

private:
    RegistryClient *m_client;
    QString m_repository;
    QString m_reference;
    Manifest m_manifest;
    QPointer<RegistryCall> m_call;
};

} // namespace crossdock
