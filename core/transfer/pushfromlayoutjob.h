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
