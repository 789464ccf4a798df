// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/digest.h"

#include <QPointer>

namespace crossdock {

class RegistryCall;
class RegistryClient;

// Deletes a manifest by digest. The registry removes every tag naming it;
// callers warn about those first (FindTagsForDigestJob).
class DeleteManifestJob final : public Job
{
    Q_OBJECT

public:
    DeleteManifestJob(RegistryClient *client, const QString &repository, const Digest &digest, QObject *parent = nullptr);

protected:
    void doStart() override;
    void doCancel() override;

private:
    RegistryClient *m_client;
    QString m_repository;
    Digest m_digest;
    QPointer<RegistryCall> m_call;
};

} // namespace crossdock
