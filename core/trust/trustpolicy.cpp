// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/trustpolicy.h"

#include "core/trust/lookasideconfig.h"

#include "core/transports/transportreference.h"
#include "core/trust/sigstoresignature.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace crossdock {

namespace {

// Transports containers/image knows: a policy written for podman names some
// crossdock never reads from (containers-storage, docker-daemon); those
// entries are valid and simply never consulted.
const QSet<QString> KnownTransports {QStringLiteral("docker"), QStringLiteral("oci"), QStringLiteral("oci-archive"),
    QStringLiteral("docker-archive"), QStringLiteral("dir"), QStringLiteral("docker-daemon"),
    QStringLiteral("containers-storage"), QStringLiteral("atomic"), QStringLiteral("ostree"), QStringLiteral("sif"),
    QStringLiteral("tarball")};

// Parsing state: the file and where in it, for messages.
struct Reader
{
    QString path;
    QString error;

    bool fail(const QString &where, const QString &what)
    {
        error = QStringLiteral("%1: %2: %3").arg(path, where, what);
        return false;
    }

    // Only these keys (and "type") may appear: a misspelt key must not
    // silently weaken a requirement.
    bool onlyKeys(const QJsonObject &object, const QStringList &allowed, const QString &where)
    {
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!allowed.contains(it.key()))
                return fail(where, QStringLiteral("unknown field \"%1\"").arg(printableKey(it.key())));
        return true;
    }

    static QString printableKey(const QString &key) { return key.left(80); }

    bool string(const QJsonObject &object, const QString &key, const QString &where, QString *out, bool required)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined()) {
            if (required)
                return fail(where, QStringLiteral("\"%1\" is required").arg(key));
            return true;
        }
        if (!value.isString() || value.toString().isEmpty())
            return fail(where, QStringLiteral("\"%1\" must be a non-empty string").arg(key));
        *out = value.toString();
        return true;
    }

    bool readKeyFile(const QString &keyPath, const QString &where, QByteArray *out)
    {
        QFile file(keyPath);
        if (!file.open(QIODevice::ReadOnly))
            return fail(where, QStringLiteral("cannot read key file %1: %2").arg(keyPath, file.errorString()));
        *out = file.read(1024 * 1024);
        if (out->isEmpty())
            return fail(where, QStringLiteral("key file %1 is empty").arg(keyPath));
        return true;
    }

    bool identity(const QJsonValue &value, const QString &where, SignedIdentity *out)
    {
        if (value.isUndefined())
            return true; // matchRepoDigestOrExact
        const QString at = where + QStringLiteral(".signedIdentity");
        if (!value.isObject())
            return fail(at, QStringLiteral("must be an object"));
        const QJsonObject object = value.toObject();
        const QString type = object.value(QStringLiteral("type")).toString();
        using Kind = SignedIdentity::Kind;
        if (type == QLatin1String("matchExact") || type == QLatin1String("matchRepoDigestOrExact")
            || type == QLatin1String("matchRepository")) {
            out->kind = type == QLatin1String("matchExact") ? Kind::MatchExact
                : type == QLatin1String("matchRepository") ? Kind::MatchRepository
                                                           : Kind::MatchRepoDigestOrExact;
            return onlyKeys(object, {QStringLiteral("type")}, at);
        }
        if (type == QLatin1String("exactReference")) {
            out->kind = Kind::ExactReference;
            return onlyKeys(object, {QStringLiteral("type"), QStringLiteral("dockerReference")}, at)
                && string(object, QStringLiteral("dockerReference"), at, &out->dockerReference, true);
        }
        if (type == QLatin1String("exactRepository")) {
            out->kind = Kind::ExactRepository;
            return onlyKeys(object, {QStringLiteral("type"), QStringLiteral("dockerRepository")}, at)
                && string(object, QStringLiteral("dockerRepository"), at, &out->dockerRepository, true);
        }
        if (type == QLatin1String("remapIdentity")) {
            out->kind = Kind::RemapIdentity;
            return onlyKeys(object, {QStringLiteral("type"), QStringLiteral("prefix"), QStringLiteral("signedPrefix")}, at)
                && string(object, QStringLiteral("prefix"), at, &out->prefix, true)
                && string(object, QStringLiteral("signedPrefix"), at, &out->signedPrefix, true);
        }
        return fail(at, QStringLiteral("unknown type \"%1\"").arg(printableKey(type)));
    }

    // keyPath | keyPaths | keyData | keyDatas: exactly one, read now so a
    // missing key file is reported when the policy is loaded, not mid-copy.
    bool keys(const QJsonObject &object, const QString &where, QList<QByteArray> *out, QStringList *sources)
    {
        const QStringList forms {QStringLiteral("keyPath"), QStringLiteral("keyPaths"), QStringLiteral("keyData"),
            QStringLiteral("keyDatas")};
        QString given;
        for (const QString &form : forms) {
            if (!object.contains(form))
                continue;
            if (!given.isEmpty())
                return fail(where, QStringLiteral("\"%1\" and \"%2\" cannot both be set").arg(given, form));
            given = form;
        }
        if (given.isEmpty())
            return fail(where, QStringLiteral("one of keyPath, keyPaths, keyData or keyDatas is required"));
        const QJsonValue value = object.value(given);
        QStringList items;
        if (given.endsWith(QLatin1Char('s'))) {
            if (!value.isArray() || value.toArray().isEmpty())
                return fail(where, QStringLiteral("\"%1\" must be a non-empty list of strings").arg(given));
            for (const QJsonValue &item : value.toArray()) {
                if (!item.isString() || item.toString().isEmpty())
                    return fail(where, QStringLiteral("\"%1\" must be a non-empty list of strings").arg(given));
                items << item.toString();
            }
        } else {
            if (!value.isString() || value.toString().isEmpty())
                return fail(where, QStringLiteral("\"%1\" must be a non-empty string").arg(given));
            items << value.toString();
        }
        const bool isPath = given.startsWith(QLatin1String("keyPath"));
        for (const QString &item : std::as_const(items)) {
            QByteArray key;
            if (isPath) {
                if (!readKeyFile(item, where, &key))
                    return false;
                *sources << item;
            } else {
                key = QByteArray::fromBase64(item.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                if (key.isEmpty())
                    return fail(where, QStringLiteral("\"%1\" is not base64").arg(given));
                *sources << QStringLiteral("%1 in the policy").arg(given);
            }
            *out << key;
        }
        return true;
    }

    bool usableKeys(const QList<QByteArray> &keys, const QStringList &sources, const QString &where)
    {
        for (qsizetype i = 0; i < keys.size(); ++i) {
            QString why;
            if (!Sigstore::isUsablePublicKey(keys.at(i), &why))
                return fail(where, QStringLiteral("%1 is %2").arg(sources.at(i), why));
        }
        return true;
    }

    // Whether each key at least looks like OpenPGP (an armored public key
    // block, or a binary packet); gpg reads them fully when verifying.
    bool openPgpKeys(const QList<QByteArray> &keys, const QStringList &sources, const QString &where)
    {
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const QByteArray &key = keys.at(i);
            const bool armored = key.trimmed().startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
            const bool binary = !key.isEmpty() && (uchar(key.at(0)) & 0x80);
            if (!armored && !binary)
                return fail(where, QStringLiteral("%1 is not an OpenPGP public key (gpg --export KEY, armored or not)")
                                       .arg(sources.at(i)));
        }
        return true;
    }

    bool requirement(const QJsonValue &value, const QString &where, PolicyRequirement *out)
    {
        if (!value.isObject())
            return fail(where, QStringLiteral("a requirement must be an object"));
        const QJsonObject object = value.toObject();
        const QString type = object.value(QStringLiteral("type")).toString();
        using Kind = PolicyRequirement::Kind;
        if (type == QLatin1String("insecureAcceptAnything") || type == QLatin1String("reject")) {
            out->kind = type == QLatin1String("reject") ? Kind::Reject : Kind::InsecureAcceptAnything;
            return onlyKeys(object, {QStringLiteral("type")}, where);
        }
        if (type == QLatin1String("signedBy")) {
            out->kind = Kind::SignedBy;
            if (!onlyKeys(object, {QStringLiteral("type"), QStringLiteral("keyType"), QStringLiteral("keyPath"),
                    QStringLiteral("keyPaths"), QStringLiteral("keyData"), QStringLiteral("signedIdentity")}, where))
                return false;
            QString keyType;
            if (!string(object, QStringLiteral("keyType"), where, &keyType, true))
                return false;
            if (keyType != QLatin1String("GPGKeys"))
                return fail(where, QStringLiteral("keyType \"%1\" is not supported (only GPGKeys)").arg(printableKey(keyType)));
            return this->keys(object, where, &out->gpgKeys, &out->gpgKeySources)
                && openPgpKeys(out->gpgKeys, out->gpgKeySources, where)
                && identity(object.value(QStringLiteral("signedIdentity")), where, &out->identity);
        }
        if (type == QLatin1String("sigstoreSigned")) {
            out->kind = Kind::SigstoreSigned;
            for (const QString &unsupported : {QStringLiteral("fulcio"), QStringLiteral("rekorPublicKeyPath"),
                     QStringLiteral("rekorPublicKeyPaths"), QStringLiteral("rekorPublicKeyData"),
                     QStringLiteral("rekorPublicKeyDatas"), QStringLiteral("pki")})
                if (object.contains(unsupported))
                    return fail(where, QStringLiteral("\"%1\" is not supported yet: crossdock verifies sigstore "
                                                      "signatures by public key (keyPath, keyData) only")
                                           .arg(unsupported));
            QStringList sources;
            return onlyKeys(object, {QStringLiteral("type"), QStringLiteral("keyPath"), QStringLiteral("keyPaths"),
                                        QStringLiteral("keyData"), QStringLiteral("keyDatas"),
                                        QStringLiteral("signedIdentity")},
                       where)
                && keys(object, where, &out->publicKeys, &sources) && usableKeys(out->publicKeys, sources, where)
                && identity(object.value(QStringLiteral("signedIdentity")), where, &out->identity);
        }
        if (type.isEmpty())
            return fail(where, QStringLiteral("a requirement needs a \"type\""));
        return fail(where, QStringLiteral("unknown requirement type \"%1\"").arg(printableKey(type)));
    }

    bool requirements(const QJsonValue &value, const QString &where, QList<PolicyRequirement> *out)
    {
        if (!value.isArray())
            return fail(where, QStringLiteral("must be a list of requirements"));
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return fail(where, QStringLiteral("must not be empty (use [{\"type\": \"reject\"}] to refuse everything)"));
        for (qsizetype i = 0; i < array.size(); ++i) {
            PolicyRequirement requirement;
            if (!this->requirement(array.at(i), QStringLiteral("%1[%2]").arg(where).arg(i), &requirement))
                return false;
            *out << requirement;
        }
        return true;
    }
};

// Where a local path lives, symbolic links resolved when it exists (as
// containers/image resolves them), for scope lookups.
QString resolvedPath(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return QDir::cleanPath(canonical.isEmpty() ? info.absoluteFilePath() : canonical);
}

} // namespace

QString PolicyRequirement::describe() const
{
    switch (kind) {
    case Kind::InsecureAcceptAnything:
        return QStringLiteral("insecureAcceptAnything");
    case Kind::Reject:
        return QStringLiteral("reject");
    case Kind::SignedBy:
        return QStringLiteral("signedBy (GPG keys %1)").arg(gpgKeySources.join(QStringLiteral(", ")));
    case Kind::SigstoreSigned:
        return QStringLiteral("sigstoreSigned (%1 public key(s))").arg(publicKeys.size());
    }
    return {};
}

std::optional<TrustPolicy> TrustPolicy::parse(const QByteArray &json, const QString &path, QString *error)
{
    Reader reader {path, {}};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2 at byte %3)")
                     .arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject top = document.object();
    TrustPolicy policy;
    policy.m_path = path;
    const bool valid = reader.onlyKeys(top, {QStringLiteral("default"), QStringLiteral("transports")}, QStringLiteral("top level"))
        && (top.contains(QStringLiteral("default"))
            || reader.fail(QStringLiteral("top level"), QStringLiteral("\"default\" is required")))
        && reader.requirements(top.value(QStringLiteral("default")), QStringLiteral("default"), &policy.m_default);
    if (!valid) {
        *error = reader.error;
        return std::nullopt;
    }
    const QJsonValue transports = top.value(QStringLiteral("transports"));
    if (!transports.isUndefined() && !transports.isObject()) {
        *error = QStringLiteral("%1: \"transports\" must be an object").arg(path);
        return std::nullopt;
    }
    const QJsonObject byTransport = transports.toObject();
    for (auto t = byTransport.begin(); t != byTransport.end(); ++t) {
        const QString where = QStringLiteral("transports.%1").arg(Reader::printableKey(t.key()));
        if (!KnownTransports.contains(t.key())) {
            *error = QStringLiteral("%1: %2: unknown transport").arg(path, where);
            return std::nullopt;
        }
        if (!t.value().isObject()) {
            *error = QStringLiteral("%1: %2: must be an object of scopes").arg(path, where);
            return std::nullopt;
        }
        const QJsonObject scopes = t.value().toObject();
        for (auto s = scopes.begin(); s != scopes.end(); ++s) {
            QList<PolicyRequirement> list;
            if (!reader.requirements(s.value(), QStringLiteral("%1[\"%2\"]").arg(where, Reader::printableKey(s.key())), &list)) {
                *error = reader.error;
                return std::nullopt;
            }
            policy.m_transports[t.key()].insert(s.key(), list);
        }
    }
    return policy;
}

std::optional<TrustPolicy> TrustPolicy::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the signature policy %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // A policy is a few kilobytes; anything far larger is not one.
    const QByteArray json = file.read(4 * 1024 * 1024 + 1);
    if (json.size() > 4 * 1024 * 1024) {
        *error = QStringLiteral("%1: larger than 4 MiB, not a signature policy").arg(path);
        return std::nullopt;
    }
    return parse(json, path, error);
}

QString TrustPolicy::defaultPath()
{
    const QString user = QDir::homePath() + QStringLiteral("/.config/containers/policy.json");
    if (QFileInfo::exists(user))
        return user;
    const QString system = QStringLiteral("/etc/containers/policy.json");
    return QFileInfo::exists(system) ? system : QString();
}

EnforcedTrustPolicy EnforcedTrustPolicy::loadDefault()
{
    return load(TrustPolicy::defaultPath(), LookasideConfig::defaultDir());
}

EnforcedTrustPolicy EnforcedTrustPolicy::load(const QString &policyPath, const QString &registriesD)
{
    EnforcedTrustPolicy enforced;
    QString error;
    const auto lookaside = LookasideConfig::load(registriesD, &error);
    if (!lookaside) {
        // GPG signatures could be neither found nor put where they belong.
        enforced.error = QStringLiteral("registries.d: %1").arg(error);
        return enforced;
    }
    enforced.lookaside = std::make_shared<const LookasideConfig>(*lookaside);
    if (policyPath.isEmpty())
        return enforced;
    if (auto policy = TrustPolicy::load(policyPath, &enforced.error)) {
        policy->setLookaside(enforced.lookaside);
        enforced.policy = std::make_shared<const TrustPolicy>(std::move(*policy));
    }
    return enforced;
}

QStringList TrustPolicy::scopesFor(const TransportReference &source)
{
    QStringList scopes;
    if (source.isRegistry()) {
        // containers/image's DockerReferenceNamespaces: the reference
        // itself, the repository and each parent namespace up to the host,
        // then the host's wildcard domains (port dropped).
        const ImageReference &image = source.image();
        scopes << image.toString();
        QString name = image.name();
        while (true) {
            scopes << name;
            const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
            if (slash < 0)
                break;
            name.truncate(slash);
        }
        const qsizetype colon = name.indexOf(QLatin1Char(':'));
        if (colon >= 0)
            name.truncate(colon);
        for (qsizetype dot = name.indexOf(QLatin1Char('.')); dot >= 0; dot = name.indexOf(QLatin1Char('.'))) {
            name = name.mid(dot + 1);
            scopes << QStringLiteral("*.") + name;
        }
        return scopes;
    }
    // Local transports: the resolved path, then its parent directories
    // (never "/", which the transport default stands for).
    QString path = resolvedPath(source.path());
    while (!path.isEmpty() && path != QLatin1String("/")) {
        scopes << path;
        const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
        if (slash <= 0)
            break;
        path.truncate(slash);
    }
    return scopes;
}

std::shared_ptr<const LookasideConfig> TrustPolicy::lookaside() const
{
    static const auto builtin = std::make_shared<const LookasideConfig>();
    return m_lookaside ? m_lookaside : builtin;
}

TrustPolicy::Match TrustPolicy::requirementsFor(const TransportReference &source) const
{
    const auto transport = m_transports.constFind(source.transportName());
    if (transport != m_transports.cend()) {
        for (const QString &scope : scopesFor(source)) {
            const auto found = transport->constFind(scope);
            if (found != transport->cend())
                return {*found, scope};
        }
        const auto fallback = transport->constFind(QString());
        if (fallback != transport->cend())
            return {*fallback, QString()};
    }
    return {m_default, QStringLiteral("default")};
}

} // namespace crossdock
