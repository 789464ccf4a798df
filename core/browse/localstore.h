// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/manifest.h"
#include "core/transports/oci/ocilayout.h"

#include <QStringList>

#include <optional>

namespace crossdock {

// The local image store: one OCI image layout folder in which every image
// is named "repository:tag" (its org.opencontainers.image.ref.name, as
// `crossdock-cli copy SRC oci:DIR:team/app:1.0` writes it), so it browses
// like a registry. A name without a tag counts as "name:latest". Reads go
// straight to the folder; nothing here touches the network.
class LocalStore final {
public:
    explicit LocalStore(QString directory);

    // ~/.local/share/crossdock/local
    static QString defaultDirectory();
    QString directory() const { return m_directory; }
    // "oci:DIR:" - what references into the store start with.
    QString referencePrefix() const;

    // Creates the folder and its layout skeleton when missing.
    bool ensureExists(QString *error) const;
    QStringList repositories(QString *error) const;
    QStringList tags(const QString &repository, QString *error) const;
    std::optional<Descriptor> resolve(const QString &repository, const QString &tag, QString *error) const;
    // True when the folder holds this blob (of this size; -1: any).
    bool hasBlob(const Digest &digest, qint64 size) const;
    // A manifest or config by digest, verified.
    std::optional<QByteArray> read(const Digest &digest, qint64 maxSize, QString *error) const;
    // Removes repository:tag; the image data stays for other names.
    bool untag(const QString &repository, const QString &tag, QString *error) const;

    // Temporary files that interrupted copies (killed, crashed) left in the
    // folder: how many and how large; and their removal, which returns the
    // bytes freed. Temporaries of copies still running are not counted.
    struct Leftovers
    {
        int count = 0;
        qint64 bytes = 0;
    };
    Leftovers staleTemporaries() const;
    qint64 removeStaleTemporaries() const;

    static std::pair<QString, QString> splitName(const QString &refName);

private:
    struct Image {
        QString refName;
        QString repository;
        QString tag;
        Descriptor manifest;
    };
    std::optional<OciLayout> layout(QString *error) const;
    // Every named image of index.json, read afresh (the CLI may have written since).
    std::optional<QList<Image>> images(QString *error) const;
    std::optional<Image> find(const QString &repository, const QString &tag, QString *error) const;

    QString m_directory;
};

} // namespace crossdock
