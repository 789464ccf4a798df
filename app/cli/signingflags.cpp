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

} // namespace

bool loadSigningKey(CliOptions *options, QString *error)
{
    if (options->signByKeyPath.isEmpty()) {
        if (!options->signPassphraseFile.isEmpty() || !options->signIdentity.isEmpty()) {
            *error = QStringLiteral("--sign-passphrase-file and --sign-identity need --sign-by-sigstore-private-key");
            return false;
        }
        return true;
    }
    if (!options->signIdentity.isEmpty()) {
        // A fully named image: the signature claims exactly this.
        const QString &identity = options->signIdentity;
        const QString first = identity.section(QLatin1Char('/'), 0, 0);
        const bool qualified = identity.contains(QLatin1Char('/'))
            && (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) || first == QLatin1String("localhost"));
        QString why;
        if (!qualified || !ImageReference::parse(identity, &why, ImageReference::TagPolicy::DefaultToLatest).isValid()
            || (!identity.section(QLatin1Char('/'), -1).contains(QLatin1Char(':')) && !identity.contains(QLatin1Char('@')))) {
            *error = QStringLiteral("--sign-identity \"%1\" must be a fully specified image reference (host/repository:tag)")
                         .arg(identity.left(200));
            return false;
        }
    }
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
