// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/net/tlsdetails.h"

#include <QFile>
#include <QHash>
#include <QSslConfiguration>

#include <openssl/ssl.h>
#include <yaml-cpp/yaml.h>

namespace crossdock {

namespace {

// IANA cipher suite name -> OpenSSL's name, for the suites this OpenSSL has
// (Qt names ciphers as OpenSSL does).
QHash<QString, QString> opensslCipherNames()
{
    QHash<QString, QString> names;
    SSL_CTX *context = SSL_CTX_new(TLS_method());
    if (!context)
        return names;
    SSL_CTX_set_security_level(context, 0); // list every suite, the weak ones too, to say "not allowed" rather than "unknown"
    SSL_CTX_set_cipher_list(context, "ALL:COMPLEMENTOFALL");
    if (STACK_OF(SSL_CIPHER) *ciphers = SSL_CTX_get_ciphers(context)) {
        for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
            const SSL_CIPHER *cipher = sk_SSL_CIPHER_value(ciphers, i);
            if (const char *standard = SSL_CIPHER_standard_name(cipher))
                names.insert(QString::fromLatin1(standard), QString::fromLatin1(SSL_CIPHER_get_name(cipher)));
        }
    }
    SSL_CTX_free(context);
    return names;
}

bool isTls13Suite(const QString &name)
{
    static const QStringList suites {QStringLiteral("TLS_AES_128_GCM_SHA256"), QStringLiteral("TLS_AES_256_GCM_SHA384"),
        QStringLiteral("TLS_CHACHA20_POLY1305_SHA256"), QStringLiteral("TLS_AES_128_CCM_SHA256"), QStringLiteral("TLS_AES_128_CCM_8_SHA256")};
    return suites.contains(name);
}

// IANA group name -> OpenSSL's short name, where they differ.
QSslEllipticCurve groupNamed(const QString &name)
{
    static const QHash<QString, QString> renamed {{QStringLiteral("secp256r1"), QStringLiteral("prime256v1")},
        {QStringLiteral("x25519"), QStringLiteral("X25519")}, {QStringLiteral("x448"), QStringLiteral("X448")}};
    QSslEllipticCurve curve = QSslEllipticCurve::fromShortName(renamed.value(name, name));
    if (!curve.isValid())
        curve = QSslEllipticCurve::fromLongName(name);
    return curve;
}

bool stringList(const YAML::Node &node, const char *field, QStringList *out, QString *why)
{
    if (!node.IsSequence()) {
        *why = QStringLiteral("%1 must be a list of names").arg(QLatin1String(field));
        return false;
    }
    for (const YAML::Node &item : node) {
        if (!item.IsScalar()) {
            *why = QStringLiteral("%1 must be a list of names").arg(QLatin1String(field));
            return false;
        }
        out->append(QString::fromStdString(item.Scalar()));
    }
    return true;
}

} // namespace

std::optional<TlsDetails> TlsDetails::parse(const QByteArray &yaml, const QString &file, QString *error)
{
    const auto fail = [&](const QString &why) {
        *error = QStringLiteral("%1: %2").arg(file, why);
        return std::nullopt;
    };
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        return fail(QStringLiteral("line %1, column %2: %3").arg(e.mark.line + 1).arg(e.mark.column + 1).arg(QString::fromStdString(e.msg)));
    }
    TlsDetails details;
    if (root.IsNull())
        return details; // an empty file: every default
    if (!root.IsMap())
        return fail(QStringLiteral("must be a mapping of minVersion, cipherSuites and namedGroups"));
    QString why;
    for (const auto &entry : root) {
        const QString key = QString::fromStdString(entry.first.as<std::string>(std::string()));
        const YAML::Node &value = entry.second;
        if (key == QLatin1String("minVersion")) {
            const QString version = value.IsScalar() ? QString::fromStdString(value.Scalar()) : QString();
            if (version == QLatin1String("1.2"))
                details.protocol = QSsl::TlsV1_2OrLater;
            else if (version == QLatin1String("1.3"))
                details.protocol = QSsl::TlsV1_3OrLater;
            else if (version == QLatin1String("1.0") || version == QLatin1String("1.1"))
                return fail(QStringLiteral("minVersion \"%1\": crossdock offers TLS 1.2 and later only").arg(version));
            else
                return fail(QStringLiteral("minVersion is \"1.2\" or \"1.3\", not \"%1\"").arg(version));
        } else if (key == QLatin1String("cipherSuites")) {
            QStringList names;
            if (!stringList(value, "cipherSuites", &names, &why))
                return fail(why);
            if (names.isEmpty())
                return fail(QStringLiteral("cipherSuites is empty: no TLS connection could be made"));
            const QHash<QString, QString> openssl = opensslCipherNames();
            QList<QSslCipher> ciphers;
            bool tls13 = false;
            for (const QString &name : std::as_const(names)) {
                if (isTls13Suite(name)) {
                    tls13 = true; // as Go: the TLS 1.3 suites are not chosen
                    continue;
                }
                const QSslCipher cipher(openssl.value(name));
                if (!openssl.contains(name) || cipher.isNull())
                    return fail(QStringLiteral("cipherSuites: \"%1\" is not a cipher suite OpenSSL offers here (IANA names, e.g. "
                                               "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)").arg(name));
                ciphers.append(cipher);
            }
            if (ciphers.isEmpty() && tls13)
                details.protocol = QSsl::TlsV1_3OrLater; // only TLS 1.3 suites named: TLS 1.2 has none left
            else
                details.ciphers = ciphers;
        } else if (key == QLatin1String("namedGroups")) {
            QStringList names;
            if (!stringList(value, "namedGroups", &names, &why))
                return fail(why);
            if (names.isEmpty())
                return fail(QStringLiteral("namedGroups is empty: no TLS connection could be made"));
            QList<QSslEllipticCurve> groups;
            for (const QString &name : std::as_const(names)) {
                const QSslEllipticCurve curve = groupNamed(name);
                if (!curve.isValid())
                    return fail(QStringLiteral("namedGroups: \"%1\" is not a group OpenSSL offers here (IANA names, e.g. x25519, secp256r1)").arg(name));
                groups.append(curve);
            }
            details.groups = groups;
        } else {
            return fail(QStringLiteral("unknown field \"%1\" (minVersion, cipherSuites, namedGroups)").arg(key));
        }
    }
    return details;
}

std::optional<TlsDetails> TlsDetails::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return parse(file.read(1024 * 1024), path, error);
}

void TlsDetails::applyToProcess() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (protocol)
        config.setProtocol(*protocol);
    if (ciphers)
        config.setCiphers(*ciphers);
    if (groups)
        config.setEllipticCurves(*groups);
    QSslConfiguration::setDefaultConfiguration(config);
}

} // namespace crossdock
