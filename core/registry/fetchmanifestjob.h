#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"
#include "core/registry/registrycall.h"

#include <optional>

namespace crossdock {

class RegistryClient;

// GETs one manifest by tag or digest and verifies it: the sha256 of the
// exact bytes must equal Docker-Content-Digest (when sent) and the digest
// asked for (when fetching by digest). Oversized, ambiguous or mistyped
// documents are refused (see Manifest::parse).
class FetchManifestJob final : public Job
{
    Q_OBJECT

public:
    // reference: a tag or a validated digest string.
    FetchManifestJob(RegistryClient *client, const QString &repository, const QString &reference,
                     QObject *parent = nullptr);

    const Manifest &manifest() const { return *m_manifest; }

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
    std::optional<Manifest> m_manifest;
};

} // namespace crossdock
