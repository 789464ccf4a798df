// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/registry/pagedlistjob.h"

namespace crossdock {

// All repositories of a registry (GET /v2/_catalog). Registries that hide
// their catalog (Docker Hub, GHCR, GitLab) fail with Error::Code::Unsupported.
class CatalogJob final : public PagedListJob {
    Q_OBJECT

public:
    explicit CatalogJob(RegistryClient *client, QObject *parent = nullptr, int pageSize = 1000);

protected:
    Error pageError(const HttpResponse &response) const override;
};

} // namespace crossdock
