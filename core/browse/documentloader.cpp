// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/documentloader.h"

#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/image/imageconfig.h"
#include "core/registry/fetchblobjob.h"
#include "core/registry/fetchmanifestjob.h"

namespace crossdock {

DocumentLoader::DocumentLoader(
    const ImageSource &source, ContentCache *cache, const QString &repository, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_cache(cache)
    , m_repository(repository)
{
}

void DocumentLoader::track(Job *job)
{
    m_running << job;
    connect(job, &Job::finished, this, [this, job] {
        m_running.removeAll(job);
        if (job->error().isError())
            fail(job->error());
    });
    job->start();
}

void DocumentLoader::fail(const Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    cancel();
    Q_EMIT failed(error);
}

void DocumentLoader::cancel()
{
    const auto running = m_running;
    m_running.clear();
    for (const QPointer<Job> &job : running) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void DocumentLoader::manifest(
    const QString &reference, const Digest &digest, const std::function<void(const Manifest &)> &handler)
{
    if (m_source.isLocal()) {
        // A local folder answers at once; a tag is resolved through its index.
        QString error;
        Digest wanted = digest;
        if (!wanted.isValid()) {
            const auto descriptor = m_source.store->resolve(m_repository, reference, &error);
            if (!descriptor)
                return fail(Error::make(Error::Code::NotFound, error));
            wanted = descriptor->digest;
        }
        const auto bytes = m_source.store->read(wanted, Manifest::MaxSize, &error);
        const auto manifest = bytes ? Manifest::parse(*bytes, QString(), &error) : std::nullopt;
        if (!manifest)
            return fail(Error::make(Error::Code::BadResponse, error));
        return handler(*manifest);
    }
    if (const auto cached = m_cache->get(digest)) {
        QString error;
        if (const auto manifest = Manifest::parse(cached->bytes, cached->mediaType, &error))
            return handler(*manifest);
    }
    auto *fetch = new FetchManifestJob(m_source.client, m_repository, reference, this);
    connect(fetch, &Job::finished, this, [this, fetch, handler] {
        if (m_failed || fetch->error().isError())
            return; // track() reports the error
        const Manifest &manifest = fetch->manifest();
        if (manifest.kind() != Manifest::Kind::Schema1) // its digest is not over its bytes
            m_cache->put(manifest.digest(), manifest.raw(), manifest.mediaType());
        handler(manifest);
    });
    track(fetch);
}

void DocumentLoader::config(const Descriptor &config, const std::function<void(const QByteArray &)> &handler)
{
    if (m_source.isLocal()) {
        QString error;
        const auto bytes = m_source.store->read(config.digest, ImageConfig::MaxSize, &error);
        if (!bytes)
            return fail(Error::make(Error::Code::BadResponse, error));
        return handler(*bytes);
    }
    if (const auto cached = m_cache->get(config.digest))
        return handler(cached->bytes);
    auto *fetch = new FetchBlobJob(m_source.client, m_repository, config.digest, ImageConfig::MaxSize, this);
    connect(fetch, &Job::finished, this, [this, fetch, handler, digest = config.digest] {
        if (m_failed || fetch->error().isError())
            return;
        m_cache->put(digest, fetch->data());
        handler(fetch->data());
    });
    track(fetch);
}

} // namespace crossdock
