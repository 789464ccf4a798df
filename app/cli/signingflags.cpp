// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "signingflags.h"

#include "clioptions.h"
#include "passwordprompt.h"

#include "core/base/durablefile.h"
#include "core/image/imagereference.h"
#include "core/trust/sigstoreprivatekey.h"

#include <QFile>
#include <QFileInfo>

namespace crossdock::cli {

namespace {

// The first line of a passphrase file, as skopeo reads it; or a prompt.
bool readPassphrase(const QString &file, const QString &prompt, QByteArray *passphrase, QString *error)
{
    if (file.isEmpty()) {
        QString typed;
        if (!readPassword(prompt, &typed, error)) {
            *error = QStringLiteral("%1 (give the passphrase with a passphrase file instead)").arg(*error);
            return false;
        }
        *passphrase = typed.toUtf8();
        return true;
    }
    return readPassphraseFile(file, passphrase, error);
}

} // namespace

bool readPassphraseFile(const QString &file, QByteArray *passphrase, QString *error)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the passphrase file %1: %2").arg(file, in.errorString());
        return false;
    }
    QByteArray line = in.readLine(64 * 1024);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    *passphrase = line;
    return true;
}

bool isFullySpecifiedReference(const QString &text, QString *error)
{
    // What a signature may claim: this exact reference, host and tag (or
    // digest) included, nothing filled in.
    QString why;
    const ImageReference reference = ImageReference::parse(text, &why);
    if (!reference.isValid() || reference.toString() != text) {
        *error = QStringLiteral("\"%1\" must be a fully specified image reference (host/repository:tag)%2")
                     .arg(text.left(200), why.isEmpty() ? QString() : QStringLiteral(": ") + why);
        return false;
    }
    return true;
}

bool loadSigningKey(CliOptions *options, QString *error)
{
    const bool sigstore = !options->signByKeyPath.isEmpty();
    const bool gpg = !options->signByGpgKey.isEmpty();
    if (!sigstore && !gpg) {
        if (!options->signPassphraseFile.isEmpty() || !options->signIdentity.isEmpty()) {
            *error = QStringLiteral(
                "--sign-passphrase-file and --sign-identity need --sign-by or --sign-by-sigstore-private-key");
            return false;
        }
        return true;
    }
    if (sigstore && gpg && !options->signPassphraseFile.isEmpty()) {
        // As skopeo: one passphrase file cannot be meant for both keys.
        *error = QStringLiteral("--sign-passphrase-file can go with only one of --sign-by and "
                                "--sign-by-sigstore-private-key");
        return false;
    }
    if (!options->signIdentity.isEmpty() && !isFullySpecifiedReference(options->signIdentity, error)) {
        *error = QStringLiteral("--sign-identity %1").arg(*error);
        return false;
    }
    if (gpg && !options->signPassphraseFile.isEmpty()) {
        QByteArray passphrase;
        if (!readPassphraseFile(options->signPassphraseFile, &passphrase, error))
            return false;
        options->gpgPassphrase = passphrase;
    }
    if (!sigstore)
        return true;
    QFile file(options->signByKeyPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the signing key %1: %2").arg(options->signByKeyPath, file.errorString());
        return false;
    }
    const QByteArray bytes = file.read(64 * 1024);
    QByteArray passphrase;
    if (!readPassphrase(options->signPassphraseFile,
            QStringLiteral("Passphrase for %1: ").arg(QFileInfo(options->signByKeyPath).fileName()), &passphrase, error))
        return false;
    QString why;
    std::optional<SigstorePrivateKey> key = SigstorePrivateKey::decrypt(bytes, passphrase, &why);
    passphrase.fill('\0');
    if (!key) {
        *error = QStringLiteral("the signing key %1: %2").arg(options->signByKeyPath, why);
        return false;
    }
    options->signingKey = std::make_shared<const SigstorePrivateKey>(std::move(*key));
    return true;
}

bool generateSigstoreKey(const CliOptions &options, QString *written, QString *error)
{
    if (options.outputPrefix.isEmpty() || !options.arguments.isEmpty()) {
        *error = QStringLiteral("generate-sigstore-key takes --output-prefix PREFIX and no arguments");
        return false;
    }
    const QString privatePath = options.outputPrefix + QStringLiteral(".private");
    const QString publicPath = options.outputPrefix + QStringLiteral(".pub");
    for (const QString &path : {privatePath, publicPath})
        if (QFileInfo::exists(path)) {
            *error = QStringLiteral("%1 exists; choose another --output-prefix (nothing is overwritten)").arg(path);
            return false;
        }
    QByteArray passphrase;
    if (!readPassphrase(options.passphraseFile, QStringLiteral("Passphrase for the new key: "), &passphrase, error))
        return false;
    QByteArray privateFile, publicPem;
    QString why;
    const bool made = SigstorePrivateKey::generate(passphrase, &privateFile, &publicPem, &why);
    passphrase.fill('\0');
    if (!made) {
        *error = QStringLiteral("cannot make a key: %1").arg(why);
        return false;
    }
    if (!DurableFile::createIfAbsent(privatePath, privateFile, &why, 0600)
        || !DurableFile::createIfAbsent(publicPath, publicPem, &why, 0644)) {
        *error = why;
        return false;
    }
    *written = QStringLiteral("Key written to %1 and %2\n").arg(privatePath, publicPath);
    return true;
}

} // namespace crossdock::cli
