#pragma once

#include "copytypes.h"
#include "imagereference.h"
#include "job.h"
#include "manifest.h"
#include "ocilayout.h"

#include <QPointer>

namespace crossdock {

class RegistryClient;
class StreamLimiter;

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

// Copies an image (or a whole index) from an OCI layout to a registry:
// blobs already there are skipped, the others uploaded from their files;
// manifests pushed children first, the tag last.
class PushFromLayoutJob final : public Job
{
    Q_OBJECT

public:
    PushFromLayoutJob(const QString &layoutDirectory, const QString &layoutReference, RegistryClient *destination,
                      const ImageReference &destinationRef, QObject *parent = nullptr);

    const CopyResult &result() const { return m_result; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    bool collect(const Descriptor &descriptor, int depth, QString *error);
    void nextBlob();
    void uploadBlob(const Descriptor &blob);
    void pushNextManifest();
    void fail(const Error &error);

    QString m_directory;
    QString m_layoutReference;
    RegistryClient *m_destination;
    ImageReference m_destinationRef;
    std::optional<OciLayout> m_layout;
    CopyResult m_result;
    QList<Manifest> m_manifests; // children first, the top last
    QList<Descriptor> m_blobs;
    QSet<QString> m_seen;
    qint64 m_totalBytes = 0;
    qint64 m_doneBytes = 0;
    int m_pushIndex = 0;
    QList<QPointer<QObject>> m_work;
};

} // namespace crossdock
