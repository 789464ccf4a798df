#pragma once

#include "core/image/digest.h"
#include "core/image/manifest.h"
#include "core/net/httpresponse.h"
#include "core/transports/imagewriter.h"
#include "core/transports/putblobjob.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkReply;

namespace crossdock {

class BlobLocationCache;
class BlobStream;
class RegistryCall;
class RegistryClient;

// Puts one blob into a registry repository (the docker writer's putBlob)
// by the cheapest path:
//  1. HEAD at the destination: present -> Skipped;
//  2. a repository of the destination known to hold it (the blob-location
//     cache), or the source's own repository on the same registry:
//     cross-repository mount -> Mounted (a 202 answer opens a normal upload
//     session, which step 3 then uses);
//  3. stream: the source's BlobStream (a registry's with redirects, retries
//     and Range resume; a file's; an archive member's), hashed as it passes,
//     into one streaming PUT with Content-Length; blobs up to 1 MiB whole in
//     one PUT; chunked PATCHes where a registry refuses that (413). The
//     digest is checked before the job succeeds; a failed upload's session
//     is deleted.
class BlobTransferJob final : public PutBlobJob
{
    Q_OBJECT

public:
    // open() gives the source's bytes (any transport's BlobStream); origin,
    // when the source is a registry, lets the same registry mount instead.
    BlobTransferJob(const Descriptor &blob, BlobOpener open, const RegistryOrigin &origin, RegistryClient *destination,
        const QString &destinationRepository, BlobLocationCache *locations = nullptr, QObject *parent = nullptr);
    ~BlobTransferJob() override;

    // Blobs up to this size (configs, small layers) are fetched whole and
    // PUT from memory: two plain requests beat a pipe's per-chunk overhead,
    // and memory stays bounded by this size per stream.
    static constexpr qint64 SmallBlobLimit = 1024 * 1024;
    // Chunked uploads (the fallback for registries that refuse a monolithic
    // PUT with 413): chunks of this size, or the registry's
    // OCI-Chunk-Min-Length if larger.
    static constexpr qint64 DefaultChunkSize = 512 * 1024;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void checkDestination();
    void mountOrOpenSession();
    // Mounts from another repository of the destination registry known (from
    // the location cache, HEAD-checked) to hold the blob.
    void tryKnownLocations(QStringList candidates);
    void mountFrom(const QString &repository, std::function<void()> otherwise);
    void openSession();
    // A POST (or a refused mount) answered 202: judge its Location, go on.
    void onSessionAnswer(const HttpResponse &response);
    void onSessionOpened(const QUrl &location);
    void copySmallBlob();
    void putSmallBlob();
    // The source side of a streamed blob: a BlobReader (redirects, retries,
    // Range resume, digest check) feeding the PUT or the chunk pump.
    void startReader();
    void stopReader();
    void putUpload();
    void onUploadFinished();
    // Monolithic upload refused (413): start over with chunked PATCHes.
    void switchToChunked();
    void pumpChunks();
    void sendChunk();
    void commitChunkedUpload();
    void readChunkMinimum(const HttpResponse &response);
    void fail(const Error &error);
    void deleteSession();
    // Deletes an upload session; needs only the client, so it also serves
    // after this job is gone.
    static void deleteUploadSession(RegistryClient *client, const QUrl &session, const QStringList &scopes);
    // A POST opening a session may be in flight when the job is cancelled:
    // let it finish, then delete what it opened.
    void abandonSessionBeingOpened();
    QString subject() const;
    QStringList destinationScopes(const QString &mountFrom = {}) const;
    void succeedAs(BlobState state);
    bool sameRegistry() const { return m_origin.client == m_destination; }

    BlobOpener m_open;
    RegistryOrigin m_origin;
    RegistryClient *m_destination;
    QString m_destinationRepository;
    Descriptor m_blob;
    BlobLocationCache *m_locations;

    QPointer<RegistryCall> m_call;
    bool m_openingSession = false; // m_call is a POST that opens an upload session
    QUrl m_session;
    QPointer<QNetworkReply> m_put;
    QPointer<BlobStream> m_reader;
    QByteArray m_small; // a small blob, read whole before its one PUT
    qint64 m_bytesStreamed = 0;
    bool m_chunked = false;
    qint64 m_chunkMinimum = 0;
    QByteArray m_chunk;
    qint64 m_chunkOffset = 0;
    bool m_chunkInFlight = false;
};

} // namespace crossdock
