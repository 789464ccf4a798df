// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"

#include <QString>

namespace crossdock {

// A parsed and normalised Docker image reference:
//   [registry[:port]/]path[:tag][@digest]
// following the grammar of distribution/reference. "nginx" normalises to
// "docker.io/library/nginx:latest"; the registry's API host for docker.io is
// registry-1.docker.io.
class ImageReference final
{
public:
    enum class TagPolicy {
        DefaultToLatest, // "nginx" means "nginx:latest" (inspect, copy)
        NameOnly,        // a repository: tag or digest is an error (list-tags)
    };

    static ImageReference parse(const QString &text, QString *error = nullptr,
                                TagPolicy policy = TagPolicy::DefaultToLatest);

    bool isValid() const { return !m_repository.isEmpty(); }

    // "docker.io", "quay.io", "127.0.0.1:5000": the registry as named.
    QString registry() const { return m_registry; }
    // host[:port] to connect to ("registry-1.docker.io" for docker.io).
    QString apiHost() const;
    // "library/nginx"
    QString repository() const { return m_repository; }
    QString tag() const { return m_tag; }
    Digest digest() const { return m_digest; }
    bool hasDigest() const { return m_digest.isValid(); }

    // "docker.io/library/nginx"
    QString name() const { return m_registry + QLatin1Char('/') + m_repository; }
    // What to ask the registry's manifest endpoint for: the digest when
    // there is one, else the tag.
    QString manifestReference() const { return hasDigest() ? m_digest.toString() : m_tag; }
    // Canonical text: name[:tag][@digest]
    QString toString() const;

    // A registry named on its own ("r.io:5000", "docker://r.io/"): a
    // reference to a placeholder repository on it, for registry() and
    // apiHost(); invalid, with an error naming the input, when it is not a
    // host[:port].
    static ImageReference parseRegistry(const QString &text, QString *error);

    ImageReference withTag(const QString &tag) const;
    ImageReference withDigest(const Digest &digest) const;

    static constexpr int MaxNameLength = 255;
    static constexpr int MaxTagLength = 128;
    static bool isValidTag(const QString &tag);

private:
    QString m_registry;
    QString m_repository;
    QString m_tag;
    Digest m_digest;
};

} // namespace crossdock
