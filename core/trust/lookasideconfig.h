// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrl>

#include <optional>

namespace crossdock {

class Digest;
class ImageReference;

// containers-registries.d(5): where the GPG ("simple signing") signatures
// of registry images are kept, outside the registry. Each namespace names a
// "lookaside" URL (read, and written unless a "lookaside-staging" is given)
// as containers/image reads it: the most specific "docker" entry for the
// image that has a URL, then "default-docker", then the built-in default
// (/var/lib/containers/sigstore for root, ~/.local/share/containers/sigstore
// otherwise). A signature of an image is then at
//   <base>/<repository path>@sha256=<hex>/signature-<n>   (n from 1).
// Loaded once; read-only after.
class LookasideConfig final
{
public:
    // Merges every *.yaml in `dir` as containers/image does: one
    // default-docker and one entry per namespace across all files. A missing
    // directory is an empty configuration; anything else wrong is nullopt
    // with the file and key named.
    static std::optional<LookasideConfig> load(const QString &dir, QString *error);
    // One file's contents, as if it were alone in the directory (`path`
    // names it in errors).
    static std::optional<LookasideConfig> parse(const QByteArray &yaml, const QString &path, QString *error);
    // $HOME/.config/containers/registries.d if it exists, else
    // /etc/containers/registries.d.
    static QString defaultDir();

    // The root under which `image`'s signatures are read (write = false) or
    // written (write = true), with the repository path appended. Only
    // file:// roots can be written; http(s):// ones are read.
    QUrl base(const ImageReference &image, bool write) const;
    // Where signature `index` (from 0) of `manifest` is under `base`.
    static QUrl signatureUrl(const QUrl &base, const Digest &manifest, int index);
    // Where `image`'s configuration came from, for messages.
    QString describeSource(const ImageReference &image, bool write) const;

private:
    struct Namespace {
        QString lookaside, staging; // sigstore / sigstore-staging are their old names
        QString file;               // where it was defined
    };
    QString topLevel(const ImageReference &image, bool write, QString *from) const;
    bool merge(const QByteArray &yaml, const QString &path, QString *error);
    bool mergeNodes(const QByteArray &yaml, const QString &path, QString *error);

    std::optional<Namespace> m_default;
    QHash<QString, Namespace> m_docker;
};

} // namespace crossdock
