// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/digest.h"

#include <QPointer>

namespace crossdock {

class RegistryCall;
class RegistryClient;

// Resolves a tag to its manifest digest with one HEAD request (no manifest
// download, and on Docker Hub a HEAD does not count as a pull).
class ResolveDigestJob final : public Job
{
    Q_OBJECT

public:
    ResolveDigestJob(RegistryClient *client, const QString &repository, const QString &tag, QObject *parent = nullptr);

    QString tag() const { return m_tag; }
    const Digest &digest() const { return m_digest; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    RegistryClient *m_client;
    QString m_repository;
    QString m_tag;
    Digest m_digest;
    QPointer<RegistryCall> m_call;
};

} // namespace crossdock
