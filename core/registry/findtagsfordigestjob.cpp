// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/findtagsfordigestjob.h"

#include "core/image/mediatypes.h"
#include "core/registry/listtagsjob.h"
#include "core/registry/pagedlistjob.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryerrors.h"
#include "core/registry/resolvedigestjob.h"

namespace crossdock {

FindTagsForDigestJob::FindTagsForDigestJob(RegistryClient *client, const QString &repository, const Digest &digest,
                                           QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_repository(repository)
    , m_digest(digest)
{
}

void FindTagsForDigestJob::doStart()
{
    auto *list = new ListTagsJob(m_client, m_repository, this);
    addSubjob(list);
    connect(list, &Job::finished, this, [this, list] {
        if (list->error().isError())
            return emitError(list->error());
        m_pending = list->items();
        m_total = static_cast<int>(m_pending.size());
        if (m_pending.isEmpty())
            return emitSuccess();
        for (int i = 0; i < Concurrency; ++i)
            resolveNext();
    });
    list->start();
}

void FindTagsForDigestJob::resolveNext()
{
    if (isFinished() || m_pending.isEmpty())
        return;
    auto *job = new ResolveDigestJob(m_client, m_repository, m_pending.takeFirst(), this);
    addSubjob(job);
    ++m_running;
    connect(job, &Job::finished, this, [this, job] {
        --m_running;
        if (isFinished())
            return;
        // A tag deleted meanwhile is simply not among those sharing the digest.
        if (job->error().isError() && job->error().code != Error::Code::NotFound) {
            emitError(job->error());
            return cancelSubjobs();
        }
        if (!job->error().isError() && job->digest() == m_digest)
            m_tags << job->tag();
        Q_EMIT progress(m_total - m_pending.size() - m_running, m_total);
        if (m_pending.isEmpty() && m_running == 0) {
            m_tags.sort();
            return emitSuccess();
        }
        resolveNext();
    });
    job->start();
}

} // namespace crossdock
