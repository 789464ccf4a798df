// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/lookasideconfig.h"

#include "core/image/digest.h"
#include "core/image/imagereference.h"
#include "core/trust/trustpolicy.h"
#include "core/transports/transportreference.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

#include <yaml-cpp/yaml.h>

namespace crossdock {

namespace {

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.as<std::string>());
}

QString where(const QString &file, const YAML::Node &node)
{
    return QStringLiteral("%1:%2").arg(file).arg(node.Mark().line + 1);
}

// A lookaside URL as containers/image accepts it; empty `error` when fine.
QString checkUrl(const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid())
        return QStringLiteral("\"%1\" is not a URL").arg(value);
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("file")) {
        if (!url.path().startsWith(QLatin1Char('/')))
            return QStringLiteral("\"%1\" needs an absolute path (file:///...)").arg(value);
        return {};
    }
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        return url.host().isEmpty() ? QStringLiteral("\"%1\" names no host").arg(value) : QString();
    return QStringLiteral("\"%1\": only file://, http:// and https:// lookasides exist").arg(value);
}

QUrl builtinDefault()
{
    if (geteuid() == 0)
        return QUrl::fromLocalFile(QStringLiteral("/var/lib/containers/sigstore"));
    return QUrl::fromLocalFile(QDir::homePath() + QStringLiteral("/.local/share/containers/sigstore"));
}

} // namespace

QString LookasideConfig::defaultDir()
{
    const QString user = QDir::homePath() + QStringLiteral("/.config/containers/registries.d");
    return QFileInfo(user).isDir() ? user : QStringLiteral("/etc/containers/registries.d");
}

std::optional<LookasideConfig> LookasideConfig::load(const QString &dir, QString *error)
{
    LookasideConfig config;
    const QFileInfo info(dir);
    if (!info.exists())
        return config;
    if (!info.isDir()) {
        *error = QStringLiteral("%1: not a directory (registries.d)").arg(dir);
        return std::nullopt;
    }
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.yaml")}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : files) {
        const QString path = QDir(dir).filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        if (!config.merge(file.readAll(), path, error))
            return std::nullopt;
    }
    return config;
}

std::optional<LookasideConfig> LookasideConfig::parse(const QByteArray &yaml, const QString &path, QString *error)
{
    LookasideConfig config;
    if (!config.merge(yaml, path, error))
        return std::nullopt;
    return config;
}

bool LookasideConfig::merge(const QByteArray &yaml, const QString &path, QString *error)
{
    // yaml-cpp throws where a node is not what it is read as (a key that is
    // a list, say): that is a bad file, named like any other.
    try {
        return mergeNodes(yaml, path, error);
    } catch (const YAML::BadConversion &e) {
        *error = QStringLiteral("%1:%2: expected a name or a URL here, not a list or a map").arg(path).arg(e.mark.line + 1);
        return false;
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg));
        return false;
    }
}

bool LookasideConfig::mergeNodes(const QByteArray &yaml, const QString &path, QString *error)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1:%2: not YAML: %3").arg(path).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg));
        return false;
    }
    if (root.IsNull())
        return true;
    if (!root.IsMap()) {
        *error = QStringLiteral("%1: expected the keys default-docker and docker").arg(where(path, root));
        return false;
    }
    // One namespace's keys; false with `error` set on anything unknown.
    const auto readNamespace = [&](const YAML::Node &node, const QString &label, Namespace *out) {
        out->file = path;
        if (node.IsNull())
            return true;
        if (!node.IsMap()) {
            *error = QStringLiteral("%1: %2: expected keys such as lookaside").arg(where(path, node), label);
            return false;
        }
        for (const auto &it : node) {
            const QString key = text(it.first);
            const YAML::Node &value = it.second;
            if (key == QLatin1String("use-sigstore-attachments")) {
                // Sigstore attachments are always read and written here.
                continue;
            }
            QString *target = key == QLatin1String("lookaside") || key == QLatin1String("sigstore") ? &out->lookaside
                : key == QLatin1String("lookaside-staging") || key == QLatin1String("sigstore-staging")
                ? &out->staging
                : nullptr;
            if (!target) {
                *error = QStringLiteral("%1: %2: unknown key \"%3\" (known: lookaside, lookaside-staging, "
                                        "sigstore, sigstore-staging, use-sigstore-attachments)")
                             .arg(where(path, it.first), label, key);
                return false;
            }
            if (!value.IsScalar()) {
                *error = QStringLiteral("%1: %2.%3: expected a URL").arg(where(path, value), label, key);
                return false;
            }
            const QString problem = checkUrl(text(value));
            if (!problem.isEmpty()) {
                *error = QStringLiteral("%1: %2.%3: %4").arg(where(path, value), label, key, problem);
                return false;
            }
            *target = text(value);
        }
        return true;
    };
    for (const auto &top : root) {
        const QString key = text(top.first);
        if (key == QLatin1String("default-docker")) {
            if (m_default) {
                *error = QStringLiteral("%1: \"default-docker\" is defined both in %2 and here")
                             .arg(where(path, top.first), m_default->file);
                return false;
            }
            Namespace ns;
            if (!readNamespace(top.second, key, &ns))
                return false;
            m_default = ns;
        } else if (key == QLatin1String("docker")) {
            if (top.second.IsNull())
                continue;
            if (!top.second.IsMap()) {
                *error = QStringLiteral("%1: docker: expected namespaces (registry.example.com/team: ...)")
                             .arg(where(path, top.second));
                return false;
            }
            for (const auto &entry : top.second) {
                const QString scope = text(entry.first);
                if (m_docker.contains(scope)) {
                    *error = QStringLiteral("%1: docker namespace \"%2\" is defined both in %3 and here")
                                 .arg(where(path, entry.first), scope, m_docker.value(scope).file);
                    return false;
                }
                Namespace ns;
                if (!readNamespace(entry.second, QStringLiteral("docker.") + scope, &ns))
                    return false;
                m_docker.insert(scope, ns);
            }
        } else {
            *error = QStringLiteral("%1: unknown key \"%2\" (known: default-docker, docker)").arg(where(path, top.first), key);
            return false;
        }
    }
    return true;
}

QString LookasideConfig::topLevel(const ImageReference &image, bool write, QString *from) const
{
    const auto pick = [write](const Namespace &ns) {
        return write && !ns.staging.isEmpty() ? ns.staging : ns.lookaside;
    };
    for (const QString &scope : TrustPolicy::scopesFor(TransportReference(image))) {
        const auto found = m_docker.constFind(scope);
        if (found != m_docker.cend() && !pick(*found).isEmpty()) {
            *from = QStringLiteral("registries.d namespace \"%1\" in %2").arg(scope, found->file);
            return pick(*found);
        }
    }
    if (m_default && !pick(*m_default).isEmpty()) {
        *from = QStringLiteral("registries.d default-docker in %1").arg(m_default->file);
        return pick(*m_default);
    }
    *from = QStringLiteral("the built-in default (no registries.d entry)");
    return {};
}

QUrl LookasideConfig::base(const ImageReference &image, bool write) const
{
    QString from;
    const QString top = topLevel(image, write, &from);
    QUrl url = top.isEmpty() ? builtinDefault() : QUrl(top);
    // The repository path without the host, as containers/image's
    // reference.Path(): "library/busybox" for docker.io/library/busybox.
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + image.repository());
    return url;
}

QString LookasideConfig::describeSource(const ImageReference &image, bool write) const
{
    QString from;
    topLevel(image, write, &from);
    return from;
}

QUrl LookasideConfig::signatureUrl(const QUrl &base, const Digest &manifest, int index)
{
    QUrl url = base;
    url.setPath(QStringLiteral("%1@%2=%3/signature-%4")
                    .arg(base.path(), manifest.algorithm(), manifest.hex())
                    .arg(index + 1));
    return url;
}

} // namespace crossdock
