// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/simplesigning.h"

#include "core/image/digest.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <clocale>
#include <mutex>

#include <gpgme.h>

namespace crossdock::SimpleSigning {

namespace {

void initialiseGpgme()
{
    static std::once_flag once;
    std::call_once(once, [] {
        gpgme_check_version(nullptr);
        gpgme_set_locale(nullptr, LC_CTYPE, std::setlocale(LC_CTYPE, nullptr));
    });
}

QString gpgError(gpgme_error_t error)
{
    return QString::fromUtf8(gpgme_strerror(error));
}

// Owners of GPGME's handles, so every return path releases them.
struct Context
{
    gpgme_ctx_t ctx = nullptr;
    ~Context()
    {
        if (ctx)
            gpgme_release(ctx);
    }
};

struct Data
{
    gpgme_data_t data = nullptr;
    ~Data()
    {
        if (data)
            gpgme_data_release(data);
    }
    bool from(const QByteArray &bytes)
    {
        return !gpgme_data_new_from_mem(&data, bytes.constData(), size_t(bytes.size()), 1);
    }
    bool empty() { return !gpgme_data_new(&data); }
    QByteArray take()
    {
        size_t length = 0;
        char *buffer = gpgme_data_release_and_get_mem(data, &length);
        data = nullptr;
        QByteArray bytes(buffer, qsizetype(length));
        gpgme_free(buffer);
        return bytes;
    }
};

// An OpenPGP context; `home` empty: the user's GnuPG home.
bool open(Context *context, const QString &home, QString *error)
{
    initialiseGpgme();
    gpgme_error_t failed = gpgme_new(&context->ctx);
    if (!failed)
        failed = gpgme_set_protocol(context->ctx, GPGME_PROTOCOL_OpenPGP);
    if (!failed && !home.isEmpty())
        failed = gpgme_ctx_set_engine_info(context->ctx, GPGME_PROTOCOL_OpenPGP, nullptr, home.toLocal8Bit().constData());
    if (failed) {
        *error = QStringLiteral("cannot start GnuPG: %1").arg(gpgError(failed));
        return false;
    }
    gpgme_set_armor(context->ctx, 0);
    return true;
}

// Imports `keyring` into `context`'s home; false and why when it adds no key.
bool import(Context *context, const QByteArray &keyring, QString *why)
{
    Data data;
    if (!data.from(keyring)) {
        *why = QStringLiteral("out of memory");
        return false;
    }
    const gpgme_error_t failed = gpgme_op_import(context->ctx, data.data);
    const gpgme_import_result_t result = failed ? nullptr : gpgme_op_import_result(context->ctx);
    if (!result || result->considered == 0 || result->imported + result->unchanged == 0) {
        *why = failed ? gpgError(failed) : QStringLiteral("it holds no OpenPGP public key");
        return false;
    }
    return true;
}

// Each key's and subkey's fingerprint -> its primary key's fingerprint.
QHash<QString, QString> primaryKeys(Context *context)
{
    QHash<QString, QString> primaries;
    if (gpgme_op_keylist_start(context->ctx, nullptr, 0))
        return primaries;
    gpgme_key_t key = nullptr;
    while (!gpgme_op_keylist_next(context->ctx, &key)) {
        if (key->subkeys && key->subkeys->fpr) {
            const QString primary = QString::fromLatin1(key->subkeys->fpr);
            for (gpgme_subkey_t sub = key->subkeys; sub; sub = sub->next)
                if (sub->fpr)
                    primaries.insert(QString::fromLatin1(sub->fpr), primary);
        }
        gpgme_key_unref(key);
    }
    gpgme_op_keylist_end(context->ctx);
    return primaries;
}

QString statusText(gpgme_error_t status, const QString &key)
{
    switch (gpgme_err_code(status)) {
    case GPG_ERR_BAD_SIGNATURE:
        return QStringLiteral("the signature does not match what it signs (altered)");
    case GPG_ERR_NO_PUBKEY:
        return QStringLiteral("it was made by key %1, which is not one of the policy's keys").arg(key);
    case GPG_ERR_KEY_EXPIRED:
        return QStringLiteral("key %1 has expired").arg(key);
    case GPG_ERR_SIG_EXPIRED:
        return QStringLiteral("the signature has expired");
    case GPG_ERR_CERT_REVOKED:
        return QStringLiteral("key %1 has been revoked").arg(key);
    default:
        return gpgError(status);
    }
}

struct PassphraseHook
{
    QByteArray passphrase;
    bool given = false;
};

gpgme_error_t passphraseCallback(void *hook, const char *, const char *, int previousWasBad, int fd)
{
    auto *state = static_cast<PassphraseHook *>(hook);
    if (previousWasBad || state->given)
        return gpgme_error(GPG_ERR_BAD_PASSPHRASE);
    state->given = true;
    const QByteArray line = state->passphrase + '\n';
    if (gpgme_io_writen(fd, line.constData(), size_t(line.size())) != 0)
        return gpgme_error_from_errno(errno);
    return 0;
}

} // namespace

QByteArray makePayload(const Digest &manifest, const QString &dockerReference)
{
    const QJsonObject critical {
        {QStringLiteral("identity"), QJsonObject {{QStringLiteral("docker-reference"), dockerReference}}},
        {QStringLiteral("image"), QJsonObject {{QStringLiteral("docker-manifest-digest"), manifest.toString()}}},
        {QStringLiteral("type"), QLatin1String(PayloadType)}};
    const QJsonObject optional {
        {QStringLiteral("creator"),
            QStringLiteral("crossdock %1").arg(QCoreApplication::applicationVersion())},
        {QStringLiteral("timestamp"), QDateTime::currentSecsSinceEpoch()}};
    return QJsonDocument(QJsonObject {{QStringLiteral("critical"), critical}, {QStringLiteral("optional"), optional}})
        .toJson(QJsonDocument::Compact);
}

std::optional<QByteArray> exportPublicKeys(const QStringList &fingerprints, QString *error)
{
    Context context;
    if (!open(&context, QString(), error))
        return std::nullopt;
    QByteArray keyring;
    for (const QString &fingerprint : fingerprints) {
        Data out;
        if (!out.empty()) {
            *error = QStringLiteral("out of memory");
            return std::nullopt;
        }
        const gpgme_error_t failed = gpgme_op_export(context.ctx, fingerprint.toUtf8().constData(), 0, out.data);
        const QByteArray key = out.take();
        if (failed || key.isEmpty()) {
            *error = QStringLiteral("no public key %1 in the GnuPG keyring (%2)")
                         .arg(fingerprint, qEnvironmentVariableIsSet("GNUPGHOME") ? QStringLiteral("$GNUPGHOME")
                                                                                  : QStringLiteral("~/.gnupg"));
            return std::nullopt;
        }
        keyring += key;
    }
    return keyring;
}

QStringList fingerprints(const QByteArray &keyring, QString *why)
{
    QTemporaryDir home;
    Context context;
    if (!home.isValid()) {
        *why = QStringLiteral("cannot make a temporary GnuPG home: %1").arg(home.errorString());
        return {};
    }
    if (!open(&context, home.path(), why) || !import(&context, keyring, why))
        return {};
    QStringList primaries = primaryKeys(&context).values();
    primaries.removeDuplicates();
    primaries.sort();
    return primaries;
}

std::optional<Verified> verify(const QByteArray &signature, const QList<QByteArray> &keyrings, QString *why,
    QByteArray *contentOut)
{
    if (signature.size() > MaxSignatureSize) {
        *why = QStringLiteral("the signature is larger than %1 bytes").arg(MaxSignatureSize);
        return std::nullopt;
    }
    // A keyring of its own: only the policy's keys count, whatever the
    // user's keyring trusts.
    QTemporaryDir home;
    if (!home.isValid()) {
        *why = QStringLiteral("cannot make a temporary GnuPG home: %1").arg(home.errorString());
        return std::nullopt;
    }
    Context context;
    if (!open(&context, home.path(), why))
        return std::nullopt;
    for (qsizetype i = 0; i < keyrings.size(); ++i) {
        QString problem;
        if (!import(&context, keyrings.at(i), &problem)) {
            *why = QStringLiteral("key %1 of the policy cannot be used: %2").arg(i + 1).arg(problem);
            return std::nullopt;
        }
    }
    const QHash<QString, QString> primaries = primaryKeys(&context);

    Data signed_, content;
    if (!signed_.from(signature) || !content.empty()) {
        *why = QStringLiteral("out of memory");
        return std::nullopt;
    }
    const gpgme_error_t failed = gpgme_op_verify(context.ctx, signed_.data, nullptr, content.data);
    if (failed) {
        *why = QStringLiteral("not an OpenPGP signed message: %1").arg(gpgError(failed));
        return std::nullopt;
    }
    const QByteArray signedContent = content.take();
    if (contentOut)
        *contentOut = signedContent;
    const gpgme_verify_result_t result = gpgme_op_verify_result(context.ctx);
    int count = 0;
    for (gpgme_signature_t s = result ? result->signatures : nullptr; s; s = s->next)
        ++count;
    if (count != 1) {
        *why = QStringLiteral("it holds %1 OpenPGP signatures, not exactly one").arg(count);
        return std::nullopt;
    }
    const gpgme_signature_t s = result->signatures;
    const QString key = QString::fromLatin1(s->fpr ? s->fpr : "?");
    if (gpgme_err_code(s->status) != GPG_ERR_NO_ERROR) {
        *why = statusText(s->status, key);
        return std::nullopt;
    }
    if (s->validity == GPGME_VALIDITY_NEVER || s->validity_reason || s->wrong_key_usage) {
        *why = QStringLiteral("GnuPG does not accept the signature by key %1 (%2)")
                   .arg(key, s->wrong_key_usage ? QStringLiteral("the key may not sign") : gpgError(s->validity_reason));
        return std::nullopt;
    }
    const QString primary = primaries.value(key);
    if (primary.isEmpty()) {
        *why = QStringLiteral("it was made by key %1, which is not one of the policy's keys").arg(key);
        return std::nullopt;
    }
    return Verified {signedContent, primary};
}

QList<SecretKey> secretKeys(QString *error)
{
    QList<SecretKey> keys;
    Context context;
    if (!open(&context, QString(), error))
        return keys;
    if (const gpgme_error_t failed = gpgme_op_keylist_start(context.ctx, nullptr, 1)) {
        *error = QStringLiteral("cannot list the GnuPG keyring's secret keys: %1").arg(gpgError(failed));
        return keys;
    }
    gpgme_key_t key = nullptr;
    while (!gpgme_op_keylist_next(context.ctx, &key)) {
        if (key->can_sign && !key->revoked && !key->expired && !key->disabled && !key->invalid && key->subkeys
            && key->subkeys->fpr)
            keys << SecretKey {QString::fromLatin1(key->subkeys->fpr),
                key->uids && key->uids->uid ? QString::fromUtf8(key->uids->uid) : QString()};
        gpgme_key_unref(key);
    }
    gpgme_op_keylist_end(context.ctx);
    return keys;
}

std::optional<QByteArray> sign(const QByteArray &payload, const QString &keyId,
    const std::optional<QByteArray> &passphrase, QString *error)
{
    Context context;
    if (!open(&context, QString(), error))
        return std::nullopt;
    PassphraseHook hook;
    if (passphrase) {
        hook.passphrase = *passphrase;
        gpgme_set_pinentry_mode(context.ctx, GPGME_PINENTRY_MODE_LOOPBACK);
        gpgme_set_passphrase_cb(context.ctx, passphraseCallback, &hook);
    }
    gpgme_key_t key = nullptr;
    gpgme_error_t failed = gpgme_get_key(context.ctx, keyId.toUtf8().constData(), &key, 1);
    if (failed || !key) {
        *error = QStringLiteral("no secret GPG key \"%1\" in the GnuPG keyring (%2)")
                     .arg(keyId, qEnvironmentVariableIsSet("GNUPGHOME") ? QStringLiteral("$GNUPGHOME")
                                                                        : QStringLiteral("~/.gnupg"));
        return std::nullopt;
    }
    failed = gpgme_signers_add(context.ctx, key);
    gpgme_key_unref(key);
    Data plain, signature;
    if (failed || !plain.from(payload) || !signature.empty()) {
        *error = QStringLiteral("cannot sign with GPG key %1: %2").arg(keyId, gpgError(failed));
        return std::nullopt;
    }
    failed = gpgme_op_sign(context.ctx, plain.data, signature.data, GPGME_SIG_MODE_NORMAL);
    hook.passphrase.fill('\0');
    if (failed) {
        *error = gpgme_err_code(failed) == GPG_ERR_BAD_PASSPHRASE
            ? QStringLiteral("cannot sign with GPG key %1: wrong passphrase").arg(keyId)
            : QStringLiteral("cannot sign with GPG key %1: %2").arg(keyId, gpgError(failed));
        return std::nullopt;
    }
    return signature.take();
}

} // namespace crossdock::SimpleSigning
