// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/digest.h"
#include "core/registry/registrycall.h"


namespace crossdock {

class RegistryClient;

// GETs a small blob (an image config) into memory, verifying its digest.
class FetchBlobJob final : public Job
{
    Q_OBJECT

public:
    FetchBlobJob(RegistryClient *client, const QString &repository, const Digest &digest, qint64 maxSize,
                 QObject *parent = nullptr);

    const QByteArray &data() const { return m_data; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    RegistryClient *m_client;
    QString m_repository;
    Digest m_digest;
    qint64 m_maxSize;
    QPointer<RegistryCall> m_call;
    QByteArray m_data;
};

} // namespace crossdock
