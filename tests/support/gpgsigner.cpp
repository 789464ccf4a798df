// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "gpgsigner.h"

#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock::test {

GpgSigner::GpgSigner(const QString &dir)
    : m_dir(dir)
    , m_home(QDir(dir).filePath(QStringLiteral("gnupg")))
{
    QDir().mkpath(m_home);
    QFile::setPermissions(m_home, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

GpgSigner::~GpgSigner()
{
    runProcess(QStringLiteral("gpgconf"), {QStringLiteral("--homedir"), m_home, QStringLiteral("--kill"), QStringLiteral("all")});
}

QByteArray GpgSigner::gpg(const QStringList &arguments, const QByteArray &input, bool *ok)
{
    const ProcessResult r = runProcess(QStringLiteral("gpg"),
        QStringList {QStringLiteral("--homedir"), m_home, QStringLiteral("--batch"), QStringLiteral("--pinentry-mode"),
            QStringLiteral("loopback")}
            + arguments,
        input);
    if (ok)
        *ok = r.exitCode == 0;
    if (r.exitCode != 0)
        m_error = QStringLiteral("gpg %1: %2").arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(r.err));
    return r.out;
}

QString GpgSigner::publicKeyFile(const QString &name) const
{
    return QDir(m_dir).filePath(name + QStringLiteral(".gpg"));
}

QProcessEnvironment GpgSigner::environment() const
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GNUPGHOME"), m_home);
    return environment;
}

bool GpgSigner::makeKey(const QString &name, const QString &passphrase)
{
    const QString uid = QStringLiteral("Crossdock test %1 <%1@crossdock.test>").arg(name);
    bool ok = false;
    gpg({QStringLiteral("--passphrase"), passphrase, QStringLiteral("--quick-gen-key"), uid, QStringLiteral("ed25519"),
            QStringLiteral("sign"), QStringLiteral("never")},
        {}, &ok);
    if (!ok)
        return false;
    const QByteArray listing = gpg({QStringLiteral("--with-colons"), QStringLiteral("--list-keys"), uid});
    for (const QByteArray &line : listing.split('\n'))
        if (line.startsWith("fpr:")) {
            m_fingerprints.insert(name, QString::fromLatin1(line.split(':').value(9)));
            break;
        }
    const QByteArray key = gpg({QStringLiteral("--export"), uid});
    QFile file(publicKeyFile(name));
    return !key.isEmpty() && m_fingerprints.contains(name) && file.open(QIODevice::WriteOnly) && file.write(key) == key.size();
}

QString GpgSigner::signatureFile(const QString &root, const QString &repository, const QString &digest, int n)
{
    return QStringLiteral("%1/%2@sha256=%3/signature-%4")
        .arg(root, repository, digest.mid(QStringLiteral("sha256:").size()))
        .arg(n);
}

bool GpgSigner::sign(const QString &root, const QString &repository, const QString &digest, const QString &identity,
    const QString &name, bool tamper)
{
    // containers-signature(5)'s payload, signed uncompressed so that a
    // tampered last byte falls in the signature value itself.
    const QJsonObject critical {
        {QStringLiteral("identity"), QJsonObject {{QStringLiteral("docker-reference"), identity}}},
        {QStringLiteral("image"), QJsonObject {{QStringLiteral("docker-manifest-digest"), digest}}},
        {QStringLiteral("type"), QStringLiteral("atomic container signature")}};
    const QByteArray payload = QJsonDocument(QJsonObject {{QStringLiteral("critical"), critical},
                                                 {QStringLiteral("optional"), QJsonObject {}}})
                                   .toJson(QJsonDocument::Compact);
    bool ok = false;
    QByteArray signature = gpg({QStringLiteral("--passphrase"), QString(), QStringLiteral("--local-user"),
                                   fingerprint(name), QStringLiteral("--compress-algo"), QStringLiteral("none"),
                                   QStringLiteral("--sign")},
        payload, &ok);
    if (!ok || signature.isEmpty())
        return false;
    if (tamper)
        signature[signature.size() - 1] = char(signature.at(signature.size() - 1) ^ 0x01);
    int n = 1;
    while (QFileInfo::exists(signatureFile(root, repository, digest, n)))
        ++n;
    const QString path = signatureFile(root, repository, digest, n);
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(signature) != signature.size()) {
        m_error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace crossdock::test
