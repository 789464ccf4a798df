// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/image/manifest.h"
#include "core/net/httpresponse.h"
#include "core/transports/imagewriter.h"
#include "core/transports/putblobjob.h"

#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

namespace crossdock {

class BlobLocationCache;
class BlobStream;
class RegistryCall;
class RegistryClient;
class UploadSegment;

// Puts one blob into a registry repository (the docker writer's putBlob)
// by the cheapest path:
//  1. HEAD at the destination: present -> Skipped;
//  2. a repository of the destination known to hold it (the blob-location
//     cache), or the source's own repository on the same registry:
//     cross-repository mount -> Mounted (a 202 answer opens a normal upload
//     session, which step 3 then uses);
//  3. stream: the source's BlobStream (a registry's with redirects, retries
//     and Range resume; a file's; an archive member's), hashed as it passes,
//     into the session as streamed PATCH segments of SegmentSize (the first
//     without Content-Range, as docker and skopeo send a whole blob; the
//     rest as the spec's chunks), then a PUT with the digest once the
//     source's bytes checked out. Blobs up to 1 MiB go whole in one PUT.
//     A registry that refuses a later segment gets each blob in one PATCH
//     from then on; one that refuses large requests (413) gets chunks of
//     DefaultChunkSize (or its OCI-Chunk-Min-Length).
// Segments bound what a cancelled or failed upload costs to clean up: the
// session given up is finished and deleted by an AbandonUploadJob, so the
// registry keeps none of its bytes.
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
    // Streamed blobs go up in requests of this many bytes: few enough
    // requests not to cost speed, small enough that finishing one with zeros
    // to give the session up cleanly is cheap.
    static constexpr qint64 SegmentSize = 64 * 1024 * 1024;
    // Chunked uploads (the fallback for registries that refuse a large
    // request with 413): chunks of this size, or the registry's
    // OCI-Chunk-Min-Length if larger.
    static constexpr qint64 DefaultChunkSize = 512 * 1024;
    // A blob made as it streams (a recompressed layer: size and digest
    // known only at its end) goes up in chunks of this size, each sent once
    // its bytes are made; the PUT then names the digest they hashed to.
    static constexpr qint64 MadeChunkSize = 2 * 1024 * 1024;

protected:
    void doStart() override;
    void doCancel() override;

private:
    // How the bytes of a streamed blob go up (see the class comment).
    enum class UploadMode { Segments, OneRequest, Chunks, MadeChunks };

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
    // The source side of a streamed blob: a BlobStream (for registries
    // with redirects, retries, Range resume) read through by the segments.
    void startReader();
    void stopReader();
    qint64 segmentLimit() const;
    void sendSegment();
    void onSegmentAnswered();
    // Once every byte is at the registry and the source's digest checked
    // out: the PUT that names the digest.
    void commitIfReady();
    // Starts the blob over in another mode, the session given up first.
    void restartAs(UploadMode mode);
    void readChunkMinimum(const HttpResponse &response);
    void fail(const Error &error);
    // Hands the session (and a request still sending to it) to an
    // AbandonUploadJob; a HEAD in flight is simply cancelled.
    void giveUpSession();
    QString subject() const;
    QStringList destinationScopes(const QString &mountFrom = {}) const;
    void succeedAs(BlobState state);
    bool sameRegistry() const { return m_origin.client == m_destination; }
    bool isMade() const { return m_blob.size < 0; }

    BlobOpener m_open;
    RegistryOrigin m_origin;
    RegistryClient *m_destination;
    QString m_destinationRepository;
    Descriptor m_blob;
    BlobLocationCache *m_locations;

    QPointer<RegistryCall> m_call;
    bool m_callTouchesSession = false; // m_call opens, fills or commits an upload session
    QUrl m_session;                    // the session's newest Location (with its state)
    qint64 m_offset = 0;               // bytes the registry has accepted into it
    UploadMode m_mode = UploadMode::Segments;
    QPointer<BlobStream> m_reader;
    QPointer<UploadSegment> m_segment; // the body of the PATCH in flight
    bool m_committing = false;
    QByteArray m_small; // a small blob, read whole before its one PUT
    qint64 m_bytesStreamed = 0;
    qint64 m_chunkMinimum = 0;
    Descriptor m_made; // a made blob as it turned out (for written())
};

} // namespace crossdock
