// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/manifest.h"
#include "core/transports/imagereader.h"

#include <QObject>

#include <functional>

namespace crossdock {

class BlobStream;
class CheckBlobJob;
class Job;
class PutBlobJob;

// Opens the source stream of one blob (each attempt gets a fresh one).
using BlobOpener = std::function<BlobStream *(QObject *parent)>;

// Writes one image where it will live: a registry, an OCI layout, an
// archive, a dir: folder (transports/<name>/). The copy engine calls, in
// this order: putBlob for every blob (several at once unless
// maxConcurrentBlobs says), putManifest for every child manifest and then
// the top one, and commit. Nothing names the image until the last step: a
// failed or cancelled copy leaves no tag (a writer that is destroyed without
// commit removes what it would have committed).
class ImageWriter : public QObject
{
    Q_OBJECT

public:
    // The manifest formats a destination stores as they are; others are
    // converted (and the copy says so), or refused with --preserve-digests.
    enum class Formats { Any, OciOnly, DockerSchema2Only };

    using QObject::QObject;

    virtual QString describe() const = 0;
    virtual Formats formats() const { return Formats::Any; }
    // False where only one image fits (docker-archive): an index is then
    // copied as this machine's platform image.
    virtual bool holdsIndexes() const { return true; }
    // Blobs it takes at once; 0: as many as the stream limits allow. A tar
    // archive is written in order: 1.
    virtual int maxConcurrentBlobs() const { return 0; }
    // Whether putBlob takes a blob made as it streams (size -1, digest
    // known at its end: a layer recompressed on the way).
    virtual bool takesMadeBlobs() const { return false; }
    // What its streams count against in the StreamLimiter, and under which
    // one blob is never in flight twice (BlobFlights): a registry host, a path.
    virtual QString streamKey() const = 0;
    // The registry repository it writes to (none elsewhere): signatures
    // attached to the image travel only between registries.
    virtual RegistryOrigin registryTarget() const { return {}; }

    // What putBlob would do, without writing anything.
    virtual CheckBlobJob *checkBlob(const Descriptor &blob, const RegistryOrigin &origin, QObject *parent) = 0;
    // Stores one blob: there already, mounted from `origin`, or streamed
    // from open() (the stream is checked; a bad byte fails the job).
    virtual PutBlobJob *putBlob(
        const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &origin, QObject *parent)
        = 0;
    // One manifest, bytes unchanged: a child by its digest, or the top one
    // (named by the reference's tag or name).
    virtual Job *putManifest(const Manifest &manifest, bool isTop, QObject *parent) = 0;
    // The last step, once every manifest is in: a layout's index.json, an
    // archive's table of contents and its rename into place. Registries have
    // nothing left to do.
    virtual Job *commit(const Manifest &top, QObject *parent) = 0;

    // What the user should be told once the copy is done: temporary files
    // that an interrupted run (kill -9, a crash) left where this writer
    // writes, which it found older than itself and removed.
    QStringList notes() const { return m_notes; }

protected:
    void addNote(const QString &note) { m_notes << note; }
    // Removes what dead processes left in `folder` (DurableFile temporaries)
    // and notes it.
    void removeStaleTemporaries(const QString &folder);

private:
    QStringList m_notes;
};

} // namespace crossdock
