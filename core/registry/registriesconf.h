// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock {

// containers-registries.conf(5), as containers/image (skopeo, podman) reads
// it: version 2 ([[registry]] tables with prefix, location, insecure,
// blocked, mirror-by-digest-only and [[registry.mirror]] with
// pull-from-mirror; unqualified-search-registries, short-name-mode,
// [aliases]) and the old version 1 lists ([registries.search], .insecure,
// .block). Files: $CONTAINERS_REGISTRIES_CONF alone if set; else
// ~/.config/containers/registries.conf if it exists, else
// /etc/containers/registries.conf; then the drop-ins of
// /etc/containers/registries.conf.d and ~/.config/containers/registries.conf.d
// in name order, each overriding what came before (a [[registry]] with the
// same prefix replaces the earlier one).
class RegistriesConf {
public:
    struct Mirror {
        QString location;
        bool insecure = false;
        QString pullFromMirror; // "all" (default), "digest-only" or "tag-only"
    };
    struct Registry {
        QString prefix; // host[:port][/path], or *.domain
        QString location; // where it really is; the prefix when not set
        bool insecure = false;
        bool blocked = false;
        bool mirrorByDigestOnly = false;
        QList<Mirror> mirrors;
        QString file; // where it was configured, for messages
    };
    // Where to pull an image from, in the order to try: mirrors, then the
    // (rewritten) registry.
    struct PullSource {
        QString reference; // host[:port]/repository[:tag][@digest]
        bool insecure = false;
        bool mirror = false;
        QString image; // the image this pulls: the reference before mirrors and rewrites
    };

    // The standard files (see above); no file at all is an empty config.
    static std::optional<RegistriesConf> loadDefault(QString *error);
    // These files, in this order (the first one the main file).
    static std::optional<RegistriesConf> loadFiles(const QStringList &files, QString *error);
    static std::optional<RegistriesConf> fromText(const QString &toml, const QString &file, QString *error);
    // The files loadDefault would read, for messages and --debug.
    static QStringList defaultFiles();

    const QList<Registry> &registries() const { return m_registries; }
    const QStringList &unqualifiedSearchRegistries() const { return m_search; }
    const QString &shortNameMode() const { return m_shortNameMode; }
    // short name ("nginx", "team/app") -> fully qualified name, no tag.
    const QMap<QString, QString> &aliases() const { return m_aliases; }
    // Where unqualified-search-registries, or an alias, was set (for messages).
    const QString &searchRegistriesFile() const { return m_searchFile; }
    QString aliasFile(const QString &shortName) const { return m_aliasFiles.value(shortName); }
    const QStringList &files() const { return m_files; }

    // The [[registry]] whose prefix best matches a reference
    // "host[:port]/repository" (longest prefix; *.domain matches any
    // subdomain), or nullptr.
    const Registry *find(const QString &reference) const;
    // Where to pull reference from: the mirrors that may serve it (by
    // digest, by tag, per pull-from-mirror and mirror-by-digest-only),
    // then the registry itself with its location rewrite.
    QList<PullSource> pullSources(const QString &reference) const;
    // The same for several images in turn (a short name's candidates).
    QList<PullSource> pullSources(const QStringList &references) const;

private:
    bool merge(const QString &toml, const QString &file, QString *error);

    QList<Registry> m_registries;
    QStringList m_search;
    QString m_shortNameMode;
    QMap<QString, QString> m_aliases;
    QMap<QString, QString> m_aliasFiles;
    QString m_searchFile;
    QStringList m_files;
};

} // namespace crossdock
