#pragma once

#include "core/base/job.h"
#include "core/browse/imagesource.h"
#include "core/image/manifest.h"
#include "core/transfer/copytypes.h"

#include <QHash>
#include <QPointer>

namespace crossdock {

class ContentCache;
class DocumentLoader;

// What promoting one image would do, found out before anything is written.
struct PromotePreview {
    enum class Action { Skip, Mount, Stream };
    struct Blob {
        Digest digest;
        qint64 size = 0;
        Action action = Action::Stream;
    };

    Digest sourceDigest; // what the destination tag will name
    Digest destinationDigest; // what it names now; invalid when the tag is not there
    QList<Blob> blobs;

    int count(Action action) const;
    qint64 bytesToMove() const; // the streamed blobs, summed
    bool destinationExists() const { return destinationDigest.isValid(); }
    bool upToDate() const { return destinationDigest == sourceDigest; }
    bool conflicts() const { return destinationExists() && !upToDate(); }
};

// Previews a promotion with HEAD requests and manifests only (no blob
// bytes): the source manifest (for an index, its children as the copy will
// take them), the destination tag's digest, and for each blob whether the
// destination has it (skip), can mount it from another repository of the
// same registry (mount) or must receive its bytes (stream). Either end may
// be a registry or the local folder.
class PromotePreviewJob final : public Job {
    Q_OBJECT

public:
    PromotePreviewJob(const ImageSource &source, const QString &sourceRepository, const QString &sourceTag,
        const ImageSource &destination, const QString &destinationRepository, const QString &destinationTag,
        CopyOptions::MultiArch multiArch, ContentCache *cache, QObject *parent = nullptr);

    const PromotePreview &preview() const { return m_preview; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void collect(const Manifest &manifest, bool isTop);
    void resolveDestinationTag();
    void checkBlobs();
    void checkBlob(int index);
    void partDone();
    bool sameRegistry() const;

    ImageSource m_source;
    QString m_sourceRepository;
    QString m_sourceTag;
    ImageSource m_destination;
    QString m_destinationRepository;
    QString m_destinationTag;
    CopyOptions::MultiArch m_multiArch;
    DocumentLoader *m_documents;
    PromotePreview m_preview;
    QHash<QString, int> m_blobIndex; // digest -> index in m_preview.blobs
    int m_manifestsPending = 0;
    int m_pending = 0;
    QList<QPointer<Job>> m_jobs;
};

} // namespace crossdock
