#pragma once

#include "core/base/job.h"
#include "core/image/imagereference.h"
#include "core/image/manifest.h"
#include "core/transfer/copytypes.h"
#include "core/transports/oci/ocilayout.h"

#include <QPointer>
#include <QSet>

namespace crossdock {

class RegistryClient;

// Copies an image (or a whole index) from a registry into an OCI layout:
// manifests verified, blobs streamed to a temporary file and renamed once
// their digest checks out, index.json updated last and atomically.
class PullToLayoutJob final : public Job
{
    Q_OBJECT

public:
    PullToLayoutJob(RegistryClient *source, const ImageReference &sourceRef, const QString &layoutDirectory,
                    const QString &layoutReference, QObject *parent = nullptr);

    const CopyResult &result() const { return m_result; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void fetchManifest(const QString &reference, bool isTop, int depth);
    void nextBlob();
    void downloadBlob(const Descriptor &blob);
    void finishCopy();
    void fail(const Error &error);

    RegistryClient *m_source;
    ImageReference m_sourceRef;
    QString m_directory;
    QString m_layoutReference;
    std::optional<OciLayout> m_layout;
    CopyResult m_result;
    int m_pendingManifests = 0;
    std::optional<Manifest> m_top;
    QList<Manifest> m_manifests; // every manifest, written as blobs
    QList<Descriptor> m_blobs;
    QSet<QString> m_seen;
    qint64 m_totalBytes = 0;
    qint64 m_doneBytes = 0;
    QList<QPointer<QObject>> m_work;
};

} // namespace crossdock
