// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/authfile.h"

#include "core/base/durablefile.h"
#include "core/base/jsonfile.h"
#include "core/base/logging.h"
#include "core/base/privatefiles.h"
#include "core/credentials/secretmemory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>

#include <unistd.h>

namespace crossdock {

namespace {

QStringList registryAliases(const QString &registry)
{
    if (registry == QLatin1String("docker.io") || registry == QLatin1String("index.docker.io")
        || registry == QLatin1String("registry-1.docker.io"))
        return {QStringLiteral("docker.io"), QStringLiteral("index.docker.io"), QStringLiteral("registry-1.docker.io")};
    return {registry};
}

bool isValidHelperName(const QString &name)
{
    // docker-credential-<name> is run as a program: no '/', no newline.
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_.-]+")));
    return re.match(name).hasMatch() && !name.startsWith(QLatin1Char('.'));
}

} // namespace

QString AuthFile::normaliseKey(const QString &key)
{
    QString k = key.trimmed();
    if (k.startsWith(QLatin1String("http://")) || k.startsWith(QLatin1String("https://"))) {
        // Legacy docker keys are URLs: only the host counts.
        k = k.section(QLatin1String("://"), 1).section(QLatin1Char('/'), 0, 0);
    }
    while (k.endsWith(QLatin1Char('/')))
        k.chop(1);
    if (k == QLatin1String("index.docker.io") || k == QLatin1String("registry-1.docker.io"))
        k = QStringLiteral("docker.io");
    else if (k.startsWith(QLatin1String("index.docker.io/")))
        k = QStringLiteral("docker.io/") + k.mid(16);
    return k;
}

std::optional<AuthFile> AuthFile::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read auth file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return fromJson(file.read(4 * 1024 * 1024), path, error);
}

std::optional<AuthFile> AuthFile::fromJson(const QByteArray &json, const QString &path, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("auth file %1 is not valid JSON (%2 at offset %3)")
                     .arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    AuthFile file;
    file.m_path = path;
    const QJsonObject auths = root.value(QLatin1String("auths")).toObject();
    for (auto it = auths.begin(); it != auths.end(); ++it)
        file.m_auths.insert(normaliseKey(it.key()), it.value());
    const QJsonObject helpers = root.value(QLatin1String("credHelpers")).toObject();
    for (auto it = helpers.begin(); it != helpers.end(); ++it)
        file.m_credHelpers.insert(normaliseKey(it.key()), it.value());
    file.m_credsStore = root.value(QLatin1String("credsStore")).toString();
    return file;
}

AuthFileMatch AuthFile::lookup(const QString &registry, const QString &repository) const
{
    AuthFileMatch match;
    const QStringList aliases = registryAliases(normaliseKey(registry));
    for (const QString &host : aliases) {
        const QString helper = m_credHelpers.value(host).toString();
        if (!helper.isEmpty() && isValidHelperName(helper)) {
            match.kind = AuthFileMatch::Kind::Helper;
            match.helper = helper;
            match.key = QStringLiteral("credHelpers.") + host;
            return match;
        }
    }
    // Most specific first: host/a/b/c, host/a/b, host/a, host.
    for (const QString &host : aliases) {
        QStringList parts = repository.isEmpty() ? QStringList() : repository.split(QLatin1Char('/'));
        while (true) {
            const QString key = parts.isEmpty() ? host : host + QLatin1Char('/') + parts.join(QLatin1Char('/'));
            const QJsonObject entry = m_auths.value(key).toObject();
            const QString identityToken = entry.value(QLatin1String("identitytoken")).toString();
            QByteArray decoded = QByteArray::fromBase64(entry.value(QLatin1String("auth")).toString().toLatin1());
            const qsizetype colon = decoded.indexOf(':');
            if (colon > 0 || !identityToken.isEmpty()) {
                match.kind = AuthFileMatch::Kind::Credentials;
                if (colon > 0) {
                    match.credentials.username = QString::fromUtf8(decoded.left(colon));
                    match.credentials.password = QString::fromUtf8(decoded.mid(colon + 1));
                }
                wipe(decoded);
                match.credentials.identityToken = identityToken;
                match.key = QStringLiteral("auths.") + key;
                return match;
            }
            wipe(decoded);
            if (parts.isEmpty())
                break;
            parts.removeLast();
        }
    }
    if (!m_credsStore.isEmpty() && isValidHelperName(m_credsStore)) {
        match.kind = AuthFileMatch::Kind::Helper;
        match.helper = m_credsStore;
        match.key = QStringLiteral("credsStore");
    }
    return match;
}

QList<StoredLogin> AuthFile::logins() const
{
    QList<StoredLogin> found;
    for (auto it = m_credHelpers.begin(); it != m_credHelpers.end(); ++it) {
        const QString helper = it.value().toString();
        if (isValidHelperName(helper))
            found << StoredLogin {it.key(), {}, helper, m_path};
    }
    for (auto it = m_auths.begin(); it != m_auths.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        QByteArray decoded = QByteArray::fromBase64(entry.value(QLatin1String("auth")).toString().toLatin1());
        const qsizetype colon = decoded.indexOf(':');
        const QString username = colon > 0 ? QString::fromUtf8(decoded.left(colon)) : QString();
        wipe(decoded); // only the user name is kept
        if (colon > 0)
            found << StoredLogin {it.key(), username, {}, m_path};
        else if (!entry.value(QLatin1String("identitytoken")).toString().isEmpty())
            found << StoredLogin {it.key(), {}, {}, m_path};
    }
    return found;
}

QString AuthFile::credsStore() const
{
    return isValidHelperName(m_credsStore) ? m_credsStore : QString();
}

QString AuthFile::defaultWritePath()
{
    const QString fromEnv = qEnvironmentVariable("REGISTRY_AUTH_FILE");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return searchPaths(QString()).first();
}

namespace {

bool readForUpdate(const QString &path, QJsonObject *root, QString *error)
{
    const auto read = readJsonObjectFile(path, QStringLiteral("auth file"), error);
    if (!read) {
        // Never overwrite a file we cannot understand: the user would lose it.
        error->append(QStringLiteral("; not touching it"));
        return false;
    }
    *root = *read;
    return true;
}

bool writeSecretFile(const QString &path, const QJsonObject &root, QString *error)
{
    if (!makePrivateDirectory(QFileInfo(path).absolutePath(), error))
        return false;
    // Owner-only from the first byte: the temporary file is made 0600. A
    // failed write (a full disk) leaves the old file, every login in it.
    QString why;
    if (!DurableFile::writeWhole(path, QJsonDocument(root).toJson(QJsonDocument::Indented), &why, 0600)) {
        *error = QStringLiteral("cannot write auth file: %1").arg(why);
        return false;
    }
    return true;
}

} // namespace

bool AuthFile::store(const QString &path, const QString &key, const Credentials &credentials, QString *error)
{
    QJsonObject root;
    if (!readForUpdate(path, &root, error))
        return false;
    QJsonObject auths = root.value(QLatin1String("auths")).toObject();
    QJsonObject entry;
    if (!credentials.identityToken.isEmpty())
        entry.insert(QStringLiteral("identitytoken"), credentials.identityToken);
    else
        entry.insert(QStringLiteral("auth"),
            QString::fromLatin1((credentials.username + QLatin1Char(':') + credentials.password).toUtf8().toBase64()));
    auths.insert(key, entry);
    root.insert(QStringLiteral("auths"), auths);
    return writeSecretFile(path, root, error);
}

bool AuthFile::erase(const QString &path, const QString &key, bool all, bool *removed, QString *error)
{
    *removed = false;
    QJsonObject root;
    if (!QFile::exists(path))
        return true;
    if (!readForUpdate(path, &root, error))
        return false;
    QJsonObject auths = root.value(QLatin1String("auths")).toObject();
    const QStringList keys = auths.keys();
    for (const QString &k : keys) {
        if (all || normaliseKey(k) == normaliseKey(key)) {
            auths.remove(k);
            *removed = true;
        }
    }
    if (!*removed)
        return true;
    root.insert(QStringLiteral("auths"), auths);
    return writeSecretFile(path, root, error);
}

QStringList AuthFile::searchPaths(const QString &explicitAuthFile)
{
    if (!explicitAuthFile.isEmpty())
        return {explicitAuthFile};
    const QString fromEnv = qEnvironmentVariable("REGISTRY_AUTH_FILE");
    if (!fromEnv.isEmpty())
        return {fromEnv};
    QStringList paths;
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    paths << (runtimeDir.isEmpty() ? QStringLiteral("/run/containers/%1").arg(getuid())
                                   : runtimeDir + QStringLiteral("/containers"))
            + QStringLiteral("/auth.json");
    QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (configHome.isEmpty())
        configHome = QDir::homePath() + QStringLiteral("/.config");
    paths << configHome + QStringLiteral("/containers/auth.json");
    const QString dockerConfig = qEnvironmentVariable("DOCKER_CONFIG");
    paths << (dockerConfig.isEmpty() ? QDir::homePath() + QStringLiteral("/.docker") : dockerConfig)
            + QStringLiteral("/config.json");
    return paths;
}

} // namespace crossdock
