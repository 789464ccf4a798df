// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/browse/imagesource.h"
#include "core/image/imagesummary.h"
#include "core/image/manifest.h"

#include <QHash>
#include <QPointer>

namespace crossdock {

class ContentCache;
class DocumentLoader;
class RegistryClient;

// Summarises one tag for the tag table: HEAD the tag for its digest, then
// the manifest, its config (and for an index its children) from the content
// cache or, on a miss, from the registry (verified, then cached). A tag seen
// before costs one HEAD.
class SummarizeImageJob final : public Job {
    Q_OBJECT

public:
    SummarizeImageJob(const ImageSource &source, ContentCache *cache, const QString &repository, const QString &tag,
        QObject *parent = nullptr);

    QString tag() const { return m_tag; }
    const ImageSummary &summary() const { return m_summary; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void summarize(const Manifest &top);
    void summarizeIndex(const Manifest &index);
    void partDone();

    ImageSource m_source;
    QString m_repository;
    QString m_tag;
    DocumentLoader *m_documents;
    QPointer<Job> m_resolve;
    ImageSummary m_summary;
    int m_pending = 0; // index: child manifests and the config still to come
    QHash<QString, qint64> m_layerSizes; // index: distinct layers across platforms
};

} // namespace crossdock
