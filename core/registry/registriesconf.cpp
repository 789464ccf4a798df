// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/registriesconf.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <toml++/toml.h>

#include <sstream>

namespace crossdock {

namespace {

QString text(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

// A string array; false with why when it is something else.
bool stringArray(const toml::node *node, const QString &what, QStringList *out, QString *why)
{
    if (!node)
        return true;
    const toml::array *array = node->as_array();
    if (!array) {
        *why = QStringLiteral("%1 must be an array of strings").arg(what);
        return false;
    }
    out->clear();
    for (const toml::node &element : *array) {
        const auto value = element.value<std::string_view>();
        if (!value) {
            *why = QStringLiteral("%1 must be an array of strings").arg(what);
            return false;
        }
        *out << text(*value);
    }
    return true;
}

template <typename T>
bool scalar(const toml::table &table, const char *key, T *out, QString *why, const QString &where)
{
    const toml::node *node = table.get(key);
    if (!node)
        return true;
    const auto value = node->value<T>();
    if (!value) {
        *why = QStringLiteral("%1: %2 has the wrong type").arg(where, QString::fromLatin1(key));
        return false;
    }
    *out = *value;
    return true;
}

bool readString(const toml::table &table, const char *key, QString *out, QString *why, const QString &where)
{
    std::string value;
    if (!table.get(key))
        return true;
    if (!scalar(table, key, &value, why, where))
        return false;
    *out = QString::fromStdString(value);
    return true;
}

bool hasScheme(const QString &location)
{
    return location.contains(QLatin1String("://"));
}

// The name part of a reference: without :tag and @digest.
QString nameOf(const QString &reference)
{
    QString name = reference.section(QLatin1Char('@'), 0, 0);
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = name.lastIndexOf(QLatin1Char(':'));
    if (colon > slash && slash >= 0)
        name.truncate(colon);
    return name;
}

// Whether prefix (no wildcard) covers name: the same, or followed by a / (a
// namespace below it).
bool covers(const QString &prefix, const QString &name)
{
    return name == prefix || name.startsWith(prefix + QLatin1Char('/'));
}

// An [aliases] entry as containers/image accepts it: a short name (no
// registry, tag or digest) for a fully qualified name without tag or digest.
bool checkAlias(const QString &name, const QString &value, QString *why)
{
    const QString firstComponent = name.section(QLatin1Char('/'), 0, 0);
    if (name.contains(QLatin1Char('/')) && (firstComponent.contains(QLatin1Char('.')) || firstComponent.contains(QLatin1Char(':'))
            || firstComponent == QLatin1String("localhost"))) {
        *why = QStringLiteral("a short name has no registry");
        return false;
    }
    if (name.isEmpty() || name.contains(QLatin1Char(':')) || name.contains(QLatin1Char('@'))) {
        *why = QStringLiteral("a short name has no tag or digest");
        return false;
    }
    const QString host = value.section(QLatin1Char('/'), 0, 0);
    if (!value.contains(QLatin1Char('/'))
        || !(host.contains(QLatin1Char('.')) || host.contains(QLatin1Char(':')) || host == QLatin1String("localhost"))) {
        *why = QStringLiteral("\"%1\" must name the registry and repository").arg(value);
        return false;
    }
    if (value.contains(QLatin1Char('@')) || value.section(QLatin1Char('/'), 1).contains(QLatin1Char(':'))) {
        *why = QStringLiteral("\"%1\" must have no tag or digest").arg(value);
        return false;
    }
    return true;
}

} // namespace

QStringList RegistriesConf::defaultFiles()
{
    const QString fromEnvironment = qEnvironmentVariable("CONTAINERS_REGISTRIES_CONF");
    if (!fromEnvironment.isEmpty())
        return {fromEnvironment};
    const QString user = QDir::homePath() + QStringLiteral("/.config/containers/registries.conf");
    QStringList files {QFileInfo::exists(user) ? user : QStringLiteral("/etc/containers/registries.conf")};
    const QStringList dropInDirectories {QStringLiteral("/etc/containers/registries.conf.d"),
        QDir::homePath() + QStringLiteral("/.config/containers/registries.conf.d")};
    for (const QString &dir : dropInDirectories) {
        const QDir directory(dir);
        for (const QString &name : directory.entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name))
            files << directory.filePath(name);
    }
    return files;
}

std::optional<RegistriesConf> RegistriesConf::loadDefault(QString *error)
{
    return loadFiles(defaultFiles(), error);
}

std::optional<RegistriesConf> RegistriesConf::loadFiles(const QStringList &files, QString *error)
{
    RegistriesConf conf;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.exists())
            continue; // no file is no configuration, as for skopeo
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        if (file.size() > 1024 * 1024) {
            *error = QStringLiteral("%1 is larger than 1 MiB").arg(path);
            return std::nullopt;
        }
        if (!conf.merge(QString::fromUtf8(file.readAll()), path, error))
            return std::nullopt;
    }
    return conf;
}

std::optional<RegistriesConf> RegistriesConf::fromText(const QString &toml, const QString &file, QString *error)
{
    RegistriesConf conf;
    if (!conf.merge(toml, file, error))
        return std::nullopt;
    return conf;
}

bool RegistriesConf::merge(const QString &tomlText, const QString &file, QString *error)
{
    toml::table root;
    try {
        const std::string source = tomlText.toStdString();
        root = toml::parse(source, file.toStdString());
    } catch (const toml::parse_error &e) {
        *error = QStringLiteral("%1: line %2, column %3: %4")
                     .arg(file)
                     .arg(e.source().begin.line)
                     .arg(e.source().begin.column)
                     .arg(text(e.description()));
        return false;
    }
    const auto fail = [&](const QString &why) {
        *error = file + QStringLiteral(": ") + why;
        return false;
    };
    QString why;
    // Version 1: three lists.
    const toml::table *v1 = root["registries"].as_table();
    if (v1 && root.get("registry"))
        return fail(QStringLiteral("mixes the version 1 [registries.*] tables with version 2 [[registry]] tables"));
    if (v1) {
        QStringList search, insecure, blocked;
        if (!stringArray((*v1)["search"]["registries"].node(), QStringLiteral("registries.search.registries"), &search, &why)
            || !stringArray((*v1)["insecure"]["registries"].node(), QStringLiteral("registries.insecure.registries"), &insecure, &why)
            || !stringArray((*v1)["block"]["registries"].node(), QStringLiteral("registries.block.registries"), &blocked, &why))
            return fail(why);
        if (!search.isEmpty())
            m_search = search;
        for (const QString &host : insecure + blocked) {
            Registry registry;
            registry.prefix = registry.location = host;
            registry.insecure = insecure.contains(host);
            registry.blocked = blocked.contains(host);
            registry.file = file;
            m_registries.removeIf([&](const Registry &r) { return r.prefix == host; });
            m_registries << registry;
        }
    }
    if (root.get("unqualified-search-registries")) {
        if (!stringArray(root.get("unqualified-search-registries"), QStringLiteral("unqualified-search-registries"), &m_search, &why))
            return fail(why);
        for (const QString &registry : std::as_const(m_search)) {
            if (registry.isEmpty() || registry.contains(QLatin1Char('/')) || registry.contains(QLatin1String("://")))
                return fail(QStringLiteral("unqualified-search-registries: \"%1\" is not a registry host[:port]").arg(registry));
        }
        m_searchFile = file;
    }
    if (!readString(root, "short-name-mode", &m_shortNameMode, &why, QStringLiteral("short-name-mode")))
        return fail(why);
    if (!m_shortNameMode.isEmpty() && m_shortNameMode != QLatin1String("enforcing")
        && m_shortNameMode != QLatin1String("permissive") && m_shortNameMode != QLatin1String("disabled"))
        return fail(QStringLiteral("short-name-mode is enforcing, permissive or disabled, not \"%1\"").arg(m_shortNameMode));
    if (const toml::table *aliases = root["aliases"].as_table()) {
        for (const auto &[key, value] : *aliases) {
            const auto target = value.value<std::string_view>();
            if (!target)
                return fail(QStringLiteral("[aliases] %1 must be a string").arg(text(key.str())));
            const QString name = text(key.str());
            const QString fullName = text(*target);
            if (!checkAlias(name, fullName, &why))
                return fail(QStringLiteral("[aliases] \"%1\": %2").arg(name, why));
            m_aliases.insert(name, fullName);
            m_aliasFiles.insert(name, file);
        }
    }
    if (const toml::node *node = root.get("registry")) {
        const toml::array *tables = node->as_array();
        if (!tables)
            return fail(QStringLiteral("registry must be an array of tables ([[registry]])"));
        for (const toml::node &element : *tables) {
            const toml::table *table = element.as_table();
            if (!table)
                return fail(QStringLiteral("registry must be an array of tables ([[registry]])"));
            Registry registry;
            registry.file = file;
            const QString where = QStringLiteral("[[registry]]");
            if (!readString(*table, "prefix", &registry.prefix, &why, where) || !readString(*table, "location", &registry.location, &why, where)
                || !scalar(*table, "insecure", &registry.insecure, &why, where) || !scalar(*table, "blocked", &registry.blocked, &why, where)
                || !scalar(*table, "mirror-by-digest-only", &registry.mirrorByDigestOnly, &why, where))
                return fail(why);
            if (registry.prefix.isEmpty()) // as containers/image: the location is the prefix
                registry.prefix = registry.location;
            if (registry.prefix.isEmpty())
                return fail(QStringLiteral("a [[registry]] has neither prefix nor location"));
            const QString named = QStringLiteral("[[registry]] prefix \"%1\"").arg(registry.prefix);
            if (hasScheme(registry.prefix) || hasScheme(registry.location))
                return fail(named + QStringLiteral(": prefix and location take no scheme (no https://)"));
            if (registry.prefix.startsWith(QLatin1String("*."))) {
                if (registry.prefix.contains(QLatin1Char('/')))
                    return fail(named + QStringLiteral(": a wildcard prefix names hosts only"));
                if (!registry.location.isEmpty())
                    return fail(named + QStringLiteral(": a wildcard prefix cannot have a location"));
            } else if (registry.prefix.contains(QLatin1Char('*'))) {
                return fail(named + QStringLiteral(": * may only start a prefix (*.example.com)"));
            }
            if (registry.location.isEmpty() && !registry.prefix.startsWith(QLatin1String("*.")))
                return fail(named + QStringLiteral(": location is not set (only a *.domain prefix may go without one)"));
            if (const toml::node *mirrors = table->get("mirror")) {
                const toml::array *list = mirrors->as_array();
                if (!list)
                    return fail(named + QStringLiteral(": mirror must be an array of tables ([[registry.mirror]])"));
                for (const toml::node &m : *list) {
                    const toml::table *mirrorTable = m.as_table();
                    if (!mirrorTable)
                        return fail(named + QStringLiteral(": mirror must be an array of tables ([[registry.mirror]])"));
                    Mirror mirror;
                    if (!readString(*mirrorTable, "location", &mirror.location, &why, named)
                        || !scalar(*mirrorTable, "insecure", &mirror.insecure, &why, named)
                        || !readString(*mirrorTable, "pull-from-mirror", &mirror.pullFromMirror, &why, named))
                        return fail(why);
                    if (mirror.location.isEmpty() || hasScheme(mirror.location))
                        return fail(named + QStringLiteral(": a mirror needs a location without a scheme"));
                    if (!mirror.pullFromMirror.isEmpty() && mirror.pullFromMirror != QLatin1String("all")
                        && mirror.pullFromMirror != QLatin1String("digest-only") && mirror.pullFromMirror != QLatin1String("tag-only"))
                        return fail(named + QStringLiteral(": pull-from-mirror is all, digest-only or tag-only, not \"%1\"").arg(mirror.pullFromMirror));
                    if (!mirror.pullFromMirror.isEmpty() && registry.mirrorByDigestOnly)
                        return fail(named + QStringLiteral(": mirror-by-digest-only and pull-from-mirror cannot be combined"));
                    registry.mirrors << mirror;
                }
            }
            // A later file's table for the same prefix replaces the earlier one.
            m_registries.removeIf([&](const Registry &r) { return r.prefix == registry.prefix; });
            m_registries << registry;
        }
    }
    m_files << file;
    return true;
}

const RegistriesConf::Registry *RegistriesConf::find(const QString &reference) const
{
    const QString name = nameOf(reference);
    const QString host = name.section(QLatin1Char('/'), 0, 0);
    const Registry *best = nullptr;
    qsizetype bestLength = -1;
    for (const Registry &registry : m_registries) {
        qsizetype length = -1;
        if (registry.prefix.startsWith(QLatin1String("*."))) {
            // *.example.com: any subdomain's host, less specific than any
            // exact prefix (c/image ranks wildcards by their length too).
            const QString domain = registry.prefix.mid(1); // ".example.com"
            if (host.section(QLatin1Char(':'), 0, 0).endsWith(domain))
                length = registry.prefix.size() - 1;
        } else if (covers(registry.prefix, name)) {
            length = registry.prefix.size();
        }
        if (length > bestLength) {
            best = &registry;
            bestLength = length;
        }
    }
    return best;
}

QList<RegistriesConf::PullSource> RegistriesConf::pullSources(const QString &reference) const
{
    const Registry *registry = find(reference);
    if (!registry || registry->prefix.startsWith(QLatin1String("*.")))
        return {{reference, registry && registry->insecure, false, reference}};
    const bool byDigest = reference.contains(QLatin1Char('@'));
    const QString rest = reference.mid(registry->prefix.size()); // "/path:tag", ":tag", "@sha256:..."
    QList<PullSource> sources;
    for (const Mirror &mirror : registry->mirrors) {
        const QString mode = mirror.pullFromMirror.isEmpty()
            ? (registry->mirrorByDigestOnly ? QStringLiteral("digest-only") : QStringLiteral("all"))
            : mirror.pullFromMirror;
        if ((mode == QLatin1String("digest-only") && !byDigest) || (mode == QLatin1String("tag-only") && byDigest))
            continue;
        sources.append({mirror.location + rest, mirror.insecure, true, reference});
    }
    sources.append({registry->location + rest, registry->insecure, false, reference});
    return sources;
}

QList<RegistriesConf::PullSource> RegistriesConf::pullSources(const QStringList &references) const
{
    QList<PullSource> sources;
    for (const QString &reference : references)
        sources += pullSources(reference);
    return sources;
}

} // namespace crossdock
