// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"
#include "core/browse/imagesource.h"
#include "core/image/manifest.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace crossdock {

class ContentCache;
class Job;

// Gets manifests and configs of one repository: from the local folder, or
// from the content cache and on a miss from the registry (verified by the
// fetch jobs, then cached). Used by
// the jobs that need several documents (summaries, details): handlers run
// with the document - at once on a cache hit - and the first failure is
// reported once through failed(), after which nothing else is delivered.
class DocumentLoader final : public QObject {
    Q_OBJECT

public:
    DocumentLoader(
        const ImageSource &source, ContentCache *cache, const QString &repository, QObject *parent = nullptr);

    // reference: a tag or digest; digest (when known) is looked up in the cache first.
    void manifest(const QString &reference, const Digest &digest, const std::function<void(const Manifest &)> &handler);
    void config(const Descriptor &config, const std::function<void(const QByteArray &)> &handler);
    void cancel();
    bool hasFailed() const { return m_failed; }

Q_SIGNALS:
    void failed(const crossdock::Error &error);

private:
    void track(Job *job);
    void fail(const Error &error);

    ImageSource m_source;
    ContentCache *m_cache;
    QString m_repository;
    QList<QPointer<Job>> m_running;
    bool m_failed = false;
};

} // namespace crossdock
