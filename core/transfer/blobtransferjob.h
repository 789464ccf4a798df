#pragma once

#include "core/base/job.h"
#include "core/image/digest.h"
#include "core/image/manifest.h"
#include "core/net/httpresponse.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkReply;

namespace crossdock {

class BlobLocationCache;
class BlobReader;
class RegistryCall;
class RegistryClient;

// Moves one blob to a destination repository by the cheapest path:
//  1. HEAD at the destination: present -> Skipped;
//  2. same registry: cross-repository mount -> Mounted (a 202 answer opens a
//     normal upload session, which step 3 then uses);
//  3. stream: the source blob through a BlobReader (redirects as
//     CredentialBoundary allows, retries, Range resume, hashed as it
//     passes) into one streaming PUT
//     with Content-Length. The digest is checked before the job succeeds; a
//     failed upload's session is deleted.
class BlobTransferJob final : public Job
{
    Q_OBJECT

public:
    enum class State { Waiting, Checking, Mounting, Streaming, Verifying, Skipped, Mounted, Streamed, Failed };
    Q_ENUM(State)

    BlobTransferJob(RegistryClient *source, const QString &sourceRepository, RegistryClient *destination,
                    const QString &destinationRepository, const Descriptor &blob, BlobLocationCache *locations = nullptr,
                    QObject *parent = nullptr);
    ~BlobTransferJob() override;

    const Descriptor &blob() const { return m_blob; }
    State state() const { return m_state; }
    qint64 bytesStreamed() const { return m_bytesStreamed; }

    // Blobs up to this size (configs, small layers) are fetched whole and
    // PUT from memory: two plain requests beat a pipe's per-chunk overhead,
    // and memory stays bounded by this size per stream.
    static constexpr qint64 SmallBlobLimit = 1024 * 1024;
    // Chunked uploads (the fallback for registries that refuse a monolithic
    // PUT with 413): chunks of this size, or the registry's
    // OCI-Chunk-Min-Length if larger.
    static constexpr qint64 DefaultChunkSize = 512 * 1024;

Q_SIGNALS:
    void stateChanged(crossdock::BlobTransferJob::State state);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void setState(State state);
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
    void succeedAs(State state);
    bool sameRegistry() const { return m_source == m_destination; }

    RegistryClient *m_source;
    QString m_sourceRepository;
    RegistryClient *m_destination;
    QString m_destinationRepository;
    Descriptor m_blob;
    BlobLocationCache *m_locations;
    State m_state = State::Waiting;

    QPointer<RegistryCall> m_call;
    bool m_openingSession = false; // m_call is a POST that opens an upload session
    QUrl m_session;
    QPointer<QNetworkReply> m_put;
    QPointer<BlobReader> m_reader;
    qint64 m_bytesStreamed = 0;
    bool m_chunked = false;
    qint64 m_chunkMinimum = 0;
    QByteArray m_chunk;
    qint64 m_chunkOffset = 0;
    bool m_chunkInFlight = false;
};

} // namespace crossdock
