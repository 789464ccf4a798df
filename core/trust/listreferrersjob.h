// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"

#include <QJsonArray>

#include <optional>

namespace crossdock {

class RegistryClient;

// The OCI 1.1 referrers of a manifest (artifacts whose `subject` names it:
// SBOMs, attestations, signatures), as the distribution spec lists them: the
// referrers API (GET /v2/<name>/referrers/<digest>) where the registry has
// it, else the referrers tag schema's fallback index tagged
// "sha256-<hex>". None is an empty list, not an error.
class ListReferrersJob final : public Job
{
    Q_OBJECT

public:
    ListReferrersJob(RegistryClient *client, const QString &repository, const Digest &subject, QObject *parent = nullptr);

    const QList<Descriptor> &referrers() const { return m_referrers; }
    // The same descriptors as the registry wrote them (artifactType kept),
    // for a fallback index written elsewhere.
    const QJsonArray &descriptorJson() const { return m_json; }
    // Whether the registry answered through the referrers API (it then
    // keeps the list itself as manifests with a subject are pushed).
    bool viaApi() const { return m_viaApi; }
    // The fallback index as it is at the registry (none: no such tag, or
    // the API answered).
    const std::optional<Manifest> &fallbackIndex() const { return m_fallback; }

    // "sha256-<hex>": the referrers tag schema's tag for a subject.
    static QString fallbackTag(const Digest &subject);

protected:
    void doStart() override;

private:
    void readFallback();
    bool take(const QByteArray &indexJson, QString *error);

    RegistryClient *m_client;
    QString m_repository;
    Digest m_subject;
    QList<Descriptor> m_referrers;
    QJsonArray m_json;
    bool m_viaApi = false;
    std::optional<Manifest> m_fallback;
};

} // namespace crossdock
