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
