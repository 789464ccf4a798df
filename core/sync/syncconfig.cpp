// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/sync/syncconfig.h"

#include "core/image/imagereference.h"
#include "core/image/platform.h"
#include "core/sync/semver.h"

#include <QFile>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace crossdock {

namespace {

class Reader {
public:
    explicit Reader(QString fileName)
        : m_fileName(std::move(fileName))
    {
    }

    bool fail(const YAML::Node &at, const QString &key, const QString &message)
    {
        m_error = QStringLiteral("%1:%2: %3: %4").arg(m_fileName).arg(at.Mark().line + 1).arg(key, message);
        return false;
    }
    QString error() const { return m_error; }

    static QString text(const YAML::Node &node) { return QString::fromStdString(node.as<std::string>()); }

    bool scalar(const YAML::Node &node, const QString &key, QString *out)
    {
        if (!node.IsScalar())
            return fail(node, key, QStringLiteral("expected a single value"));
        *out = text(node);
        return true;
    }

    bool registry(const YAML::Node &key, const YAML::Node &value, SyncRegistrySpec *spec)
    {
        QString error;
        spec->registry = text(key);
        spec->line = key.Mark().line + 1;
        const ImageReference probe = ImageReference::parseRegistry(spec->registry, &error);
        if (!probe.isValid())
            return fail(key, spec->registry, error);
        if (!value.IsMap())
            return fail(value, spec->registry, QStringLiteral("expected keys such as images, tls-verify, credentials"));
        for (const auto &it : value) {
            const QString name = text(it.first);
            const QString where = spec->registry + QLatin1Char('.') + name;
            const YAML::Node &v = it.second;
            if (name == QLatin1String("images")) {
                if (!images(v, where, SyncImageSpec::Selection::Listed, spec))
                    return false;
            } else if (name == QLatin1String("images-by-tag-regex")) {
                if (!images(v, where, SyncImageSpec::Selection::TagRegex, spec))
                    return false;
            } else if (name == QLatin1String("images-by-semver")) {
                if (!images(v, where, SyncImageSpec::Selection::Semver, spec))
                    return false;
            } else if (name == QLatin1String("tls-verify")) {
                if (!boolean(v, where, &spec->tlsVerify))
                    return false;
            } else if (name == QLatin1String("referrers")) {
                if (!boolean(v, where, &spec->referrers))
                    return false;
            } else if (name == QLatin1String("cert-dir")) {
                if (!scalar(v, where, &spec->certDir))
                    return false;
            } else if (name == QLatin1String("credentials")) {
                if (!v.IsMap())
                    return fail(v, where, QStringLiteral("expected username and password"));
                for (const auto &c : v) {
                    const QString field = text(c.first);
                    QString *into = field == QLatin1String("username") ? &spec->credentials.username
                        : field == QLatin1String("password")           ? &spec->credentials.password
                                                                       : nullptr;
                    if (!into)
                        return fail(c.first, where + QLatin1Char('.') + field,
                            QStringLiteral("unknown key (username, password)"));
                    if (!scalar(c.second, where + QLatin1Char('.') + field, into))
                        return false;
                }
            } else if (name == QLatin1String("tags-deny")) {
                if (!list(v, where, &spec->tagsDeny))
                    return false;
                for (const QString &pattern : std::as_const(spec->tagsDeny))
                    if (const QRegularExpression re(pattern); !re.isValid())
                        return fail(v, where,
                            QStringLiteral("\"%1\" is not a regular expression: %2").arg(pattern, re.errorString()));
            } else if (name == QLatin1String("platforms")) {
                if (!list(v, where, &spec->platforms))
                    return false;
                for (const QString &platform : std::as_const(spec->platforms))
                    if (Platform::fromString(platform).isEmpty())
                        return fail(v, where, QStringLiteral("\"%1\" is not os/arch[/variant]").arg(platform));
            } else if (name == QLatin1String("requests-per-second")) {
                QString number;
                bool ok = false;
                if (!scalar(v, where, &number))
                    return false;
                spec->requestsPerSecond = number.toDouble(&ok);
                if (!ok || spec->requestsPerSecond <= 0 || spec->requestsPerSecond > 10000)
                    return fail(
                        v, where, QStringLiteral("expected requests per second above 0, not \"%1\"").arg(number));
            } else if (name == QLatin1String("concurrency")) {
                QString number;
                bool ok = false;
                if (!scalar(v, where, &number))
                    return false;
                spec->concurrency = number.toInt(&ok);
                if (!ok || spec->concurrency < 1 || spec->concurrency > 64)
                    return fail(v, where, QStringLiteral("expected a number from 1 to 64, not \"%1\"").arg(number));
            } else {
                return fail(it.first, where,
                    QStringLiteral("unknown key (images, images-by-tag-regex, images-by-semver, tls-verify, cert-dir, "
                                   "credentials, tags-deny, platforms, referrers, concurrency, requests-per-second)"));
            }
        }
        return true;
    }

    // true or false, as skopeo writes them.
    bool boolean(const YAML::Node &node, const QString &key, std::optional<bool> *out)
    {
        QString flag;
        if (!scalar(node, key, &flag))
            return false;
        if (flag != QLatin1String("true") && flag != QLatin1String("false"))
            return fail(node, key, QStringLiteral("expected true or false, not \"%1\"").arg(flag));
        *out = flag == QLatin1String("true");
        return true;
    }

    bool list(const YAML::Node &node, const QString &key, QStringList *out)
    {
        if (node.IsNull())
            return true;
        if (!node.IsSequence())
            return fail(node, key, QStringLiteral("expected a list"));
        for (const YAML::Node &item : node) {
            QString value;
            if (!scalar(item, key, &value))
                return false;
            *out << value;
        }
        return true;
    }

    bool images(const YAML::Node &node, const QString &key, SyncImageSpec::Selection kind, SyncRegistrySpec *spec)
    {
        if (!node.IsMap())
            return fail(node, key, QStringLiteral("expected repository names as keys"));
        for (const auto &it : node) {
            SyncImageSpec image;
            image.repository = text(it.first);
            const QString where = key + QLatin1Char('.') + image.repository;
            QString error;
            if (!ImageReference::parse(
                    spec->registry + QLatin1Char('/') + image.repository, &error, ImageReference::TagPolicy::NameOnly)
                     .isValid())
                return fail(it.first, where, error);
            image.selection = kind;
            if (kind == SyncImageSpec::Selection::Listed) {
                if (!list(it.second, where, &image.tags))
                    return false;
                if (image.tags.isEmpty())
                    image.selection = SyncImageSpec::Selection::AllTags; // "busybox: []"
            } else {
                if (!scalar(it.second, where, &image.pattern))
                    return false;
                if (kind == SyncImageSpec::Selection::TagRegex) {
                    if (const QRegularExpression re(image.pattern); !re.isValid())
                        return fail(
                            it.second, where, QStringLiteral("not a regular expression: %1").arg(re.errorString()));
                } else if (!SemverConstraint::parse(image.pattern, &error)) {
                    return fail(it.second, where, error);
                }
            }
            spec->images << image;
        }
        return true;
    }

private:
    QString m_fileName;
    QString m_error;
};

} // namespace

std::optional<QList<SyncRegistrySpec>> SyncConfig::parse(
    const QByteArray &yaml, const QString &fileName, QString *error)
{
    Reader reader(fileName);
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1:%2: not valid YAML: %3")
                     .arg(fileName)
                     .arg(e.mark.line + 1)
                     .arg(QString::fromStdString(e.msg));
        return std::nullopt;
    }
    if (!root.IsMap()) {
        *error = QStringLiteral("%1: expected registries as top-level keys (see skopeo-sync(1))").arg(fileName);
        return std::nullopt;
    }
    QList<SyncRegistrySpec> registries;
    try {
        for (const auto &it : root) {
            SyncRegistrySpec spec;
            if (!reader.registry(it.first, it.second, &spec)) {
                *error = reader.error();
                return std::nullopt;
            }
            registries << spec;
        }
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1:%2: %3").arg(fileName).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg));
        return std::nullopt;
    }
    return registries;
}

std::optional<QList<SyncRegistrySpec>> SyncConfig::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return parse(file.read(16 * 1024 * 1024), path, error);
}

} // namespace crossdock
