#pragma once

#include "imagesummary.h"
#include "job.h"
#include "manifest.h"

#include <QHash>
#include <QPointer>

#include <functional>

namespace crossdock {

class ContentCache;
class RegistryClient;

// Summarises one tag for the tag table: HEAD the tag for its digest, then
// the manifest, its config (and for an index its children) from the content
// cache or, on a miss, from the registry (verified, then cached). A tag seen
// before costs one HEAD.
class SummarizeImageJob final : public Job {
    Q_OBJECT

public:
    SummarizeImageJob(RegistryClient *client, ContentCache *cache, const QString &repository, const QString &tag,
        QObject *parent = nullptr);

    QString tag() const { return m_tag; }
    const ImageSummary &summary() const { return m_summary; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    using ManifestHandler = std::function<void(const Manifest &)>;
    void withManifest(const QString &reference, const Digest &digest, const ManifestHandler &handler);
    void withConfig(const Descriptor &config, const std::function<void(const QByteArray &)> &handler);
    void summarize(const Manifest &top);
    void summarizeIndex(const Manifest &index);
    void partDone();
    void track(Job *job);

    RegistryClient *m_client;
    ContentCache *m_cache;
    QString m_repository;
    QString m_tag;
    ImageSummary m_summary;
    QList<QPointer<Job>> m_running;
    int m_pending = 0; // index: child manifests and the config still to come
    QHash<QString, qint64> m_layerSizes; // index: distinct layers across platforms
};

} // namespace crossdock
