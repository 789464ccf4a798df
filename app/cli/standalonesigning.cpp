// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "standalonesigning.h"

#include "clioptions.h"
#include "signingflags.h"

#include "core/image/imagereference.h"
#include "core/image/manifest.h"
#include "core/trust/simplesigning.h"
#include "core/trust/sigstoresignature.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock::cli {

namespace {

bool readSmallFile(const QString &path, qint64 limit, const QString &what, QByteArray *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1 (the %2): %3").arg(path, what, file.errorString());
        return false;
    }
    *out = file.read(limit + 1);
    if (out->size() > limit) {
        *error = QStringLiteral("the %1 %2 is larger than %3 bytes").arg(what, path).arg(limit);
        return false;
    }
    return true;
}

} // namespace

std::optional<Digest> manifestFileDigest(const QString &path, QString *error)
{
    QByteArray bytes;
    if (!readSmallFile(path, Manifest::MaxSize, QStringLiteral("manifest"), &bytes, error))
        return std::nullopt;
    // A signed schema 1 manifest is digested without its signatures.
    QByteArray payload = bytes;
    const QJsonObject object = QJsonDocument::fromJson(bytes).object();
    if (object.value(QLatin1String("schemaVersion")).toInt() == 1 && object.contains(QLatin1String("signatures"))) {
        QString why;
        payload = Manifest::schema1Payload(bytes, &why);
        if (payload.isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(path, why);
            return std::nullopt;
        }
    }
    return Digest::sha256Of(payload);
}

std::optional<StandaloneSign> prepareStandaloneSign(const CliOptions &options, QString *error)
{
    if (options.arguments.size() != 3) {
        *error = QStringLiteral("standalone-sign needs MANIFEST DOCKER-REFERENCE KEY-FINGERPRINT");
        return std::nullopt;
    }
    if (options.signatureOutput.isEmpty()) {
        *error = QStringLiteral("standalone-sign needs --output FILE for the signature");
        return std::nullopt;
    }
    const auto digest = manifestFileDigest(options.arguments.at(0), error);
    if (!digest || !isFullySpecifiedReference(options.arguments.at(1), error))
        return std::nullopt;
    StandaloneSign sign;
    sign.payload = SimpleSigning::makePayload(*digest, options.arguments.at(1));
    sign.keyId = options.arguments.at(2);
    sign.output = options.signatureOutput;
    if (!options.passphraseFile.isEmpty()) {
        QByteArray passphrase;
        if (!readPassphraseFile(options.passphraseFile, &passphrase, error))
            return std::nullopt;
        sign.passphrase = passphrase;
    }
    return sign;
}

std::optional<StandaloneVerify> prepareStandaloneVerify(const CliOptions &options, QString *error)
{
    if (options.arguments.size() != 4) {
        *error = QStringLiteral("standalone-verify needs MANIFEST DOCKER-REFERENCE KEY-FINGERPRINTS SIGNATURE");
        return std::nullopt;
    }
    StandaloneVerify verify;
    const auto digest = manifestFileDigest(options.arguments.at(0), error);
    if (!digest || !isFullySpecifiedReference(options.arguments.at(1), error))
        return std::nullopt;
    verify.manifest = *digest;
    verify.reference = options.arguments.at(1);
    if (!readSmallFile(options.arguments.at(3), SimpleSigning::MaxSignatureSize, QStringLiteral("signature"),
            &verify.signature, error))
        return std::nullopt;
    const QString fingerprints = options.arguments.at(2);
    if (fingerprints == QLatin1String("any")) {
        if (options.publicKeyFile.isEmpty()) {
            *error = QStringLiteral("KEY-FINGERPRINTS \"any\" needs --public-key-file: it accepts any key of that file");
            return std::nullopt;
        }
    } else {
        for (const QString &fingerprint : fingerprints.split(QLatin1Char(','), Qt::SkipEmptyParts))
            verify.fingerprints << fingerprint.trimmed().toUpper();
        if (verify.fingerprints.isEmpty()) {
            *error = QStringLiteral("KEY-FINGERPRINTS names no key");
            return std::nullopt;
        }
    }
    if (!options.publicKeyFile.isEmpty()
        && !readSmallFile(options.publicKeyFile, 16 * 1024 * 1024, QStringLiteral("public key file"), &verify.keyring, error))
        return std::nullopt;
    return verify;
}

std::optional<QString> runStandaloneVerify(const StandaloneVerify &verify, QString *error)
{
    QByteArray keyring = verify.keyring;
    if (keyring.isEmpty()) {
        // The user's keyring, as skopeo: only the named keys are taken from it.
        auto exported = SimpleSigning::exportPublicKeys(verify.fingerprints, error);
        if (!exported)
            return std::nullopt;
        keyring = *exported;
    }
    QString why;
    const auto verified = SimpleSigning::verify(verify.signature, {keyring}, &why);
    if (!verified) {
        *error = QStringLiteral("the signature does not verify: %1").arg(why);
        return std::nullopt;
    }
    if (!verify.fingerprints.isEmpty() && !verify.fingerprints.contains(verified->fingerprint)) {
        *error = QStringLiteral("the signature was made by key %1, not by %2")
                     .arg(verified->fingerprint, verify.fingerprints.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const auto claims = Sigstore::parsePayload(verified->payload, &why, SimpleSigning::PayloadType);
    if (!claims) {
        *error = QStringLiteral("the signed content is not a container signature: %1").arg(why);
        return std::nullopt;
    }
    if (claims->manifestDigest != verify.manifest.toString()) {
        *error = QStringLiteral("the signature is for manifest %1, not %2 (the manifest given)")
                     .arg(printable(claims->manifestDigest, 100), verify.manifest.toString());
        return std::nullopt;
    }
    if (claims->dockerReference != verify.reference) {
        *error = QStringLiteral("the signature names %1, not %2")
                     .arg(printable(claims->dockerReference, 200), verify.reference);
        return std::nullopt;
    }
    // skopeo 1.9.3's line, word for word (scripts parse it).
    return QStringLiteral("Signature verified, digest %1\n").arg(claims->manifestDigest);
}

} // namespace crossdock::cli
