// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/image/manifest.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace crossdock {

// An OCI image layout directory (oci-layout, index.json, blobs/<alg>/<hex>):
// the local store images can be copied into and out of. Writes are durable
// (DurableFile): blobs land under a temporary name and are renamed once
// verified and on disk, and index.json is replaced the same way under a lock
// that every writer takes, so an interrupted copy, a full disk or a crash
// never leaves a corrupt layout, and two writers never lose each other's tags.
class OciLayout final {
public:
    // Opens a layout; with create, makes the directory and its skeleton when
    // missing. A directory that exists but is not a layout is refused.
    // Whether a writer may use directory: absent, empty, a layout, or a
    // layout another writer is making this moment (blobs/ before the marker).
    static bool canHoldLayout(const QString &directory);
    static std::optional<OciLayout> open(const QString &directory, bool create, QString *error);

    QString directory() const { return m_directory; }
    QString blobPath(const Digest &digest) const;
    bool hasBlob(const Digest &digest, qint64 size) const;
    // Reads a small blob (a manifest or config) and checks its digest.
    std::optional<QByteArray> readBlob(const Digest &digest, qint64 maxSize, QString *error) const;
    // Writes a small blob from memory, atomically.
    bool writeBlob(const Digest &digest, const QByteArray &bytes, QString *error);

    // The manifest descriptor for a reference: a ref.name annotation, or a
    // digest; empty reference means the only manifest of the index.
    std::optional<Descriptor> resolve(const QString &reference, QString *error) const;
    // The same over an index.json already read (an OCI archive's); `where`
    // names it in messages.
    static std::optional<Descriptor> resolveIn(
        const QJsonObject &index, const QString &reference, const QString &where, QString *error);
    // Adds (or replaces, for the same ref.name) an entry in index.json,
    // under the index lock (LockFileName); *busy when another writer holds
    // it right now (try again shortly).
    bool tag(const Descriptor &manifest, const QString &refName, QString *error, bool *busy = nullptr);
    // Removes the entry named refName from index.json (its blobs stay).
    bool untag(const QString &refName, QString *error, bool *busy = nullptr);
    // Every named entry of index.json: ref.name -> manifest descriptor.
    std::optional<QList<std::pair<QString, Descriptor>>> namedManifests(QString *error) const;

    // flock'ed by every index update (crossdock's, in any process).
    static inline const QString LockFileName = QStringLiteral(".crossdock-index.lock");
    static inline const QString RefNameAnnotation = QStringLiteral("org.opencontainers.image.ref.name");
    // The image-layout spec's grammar for ref names: components of
    // alphanumerics joined by one of - . _ : @ + or "--", separated by "/".
    // "../x", names with white space or a newline are refused.
    static bool isValidRefName(const QString &name);

private:
    QString m_directory;
};

} // namespace crossdock
