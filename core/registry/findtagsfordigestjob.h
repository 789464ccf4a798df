// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/digest.h"

#include <QPointer>
#include <QStringList>

namespace crossdock {

class RegistryClient;

// Finds every tag of a repository that names a given manifest digest: the
// tags a registry deletes together when that digest is deleted.
class FindTagsForDigestJob final : public Job
{
    Q_OBJECT

public:
    FindTagsForDigestJob(RegistryClient *client, const QString &repository, const Digest &digest, QObject *parent = nullptr);

    const QStringList &tags() const { return m_tags; }

    static constexpr int Concurrency = 8;

protected:
    void doStart() override;

private:
    void resolveNext();

    RegistryClient *m_client;
    QString m_repository;
    Digest m_digest;
    QStringList m_pending;
    QStringList m_tags;
    int m_running = 0;
    int m_total = 0;
};

} // namespace crossdock
