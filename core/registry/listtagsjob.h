// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/registry/pagedlistjob.h"

namespace crossdock {

// All tags of one repository.
class ListTagsJob final : public PagedListJob {
    Q_OBJECT

public:
    ListTagsJob(RegistryClient *client, const QString &repository, QObject *parent = nullptr, int pageSize = 1000);
    QString repository() const { return m_repository; }

protected:
    Error pageError(const HttpResponse &response) const override;

private:
    QString m_repository;
};

} // namespace crossdock
