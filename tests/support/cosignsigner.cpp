// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "cosignsigner.h"

#include "rawregistry.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>

namespace crossdock::test {

namespace {
const QString OciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
}

bool CosignSigner::makeKey(const QString &name, const QString &algorithm)
{
    const QString path = m_directory + QLatin1Char('/') + name + QStringLiteral(".key");
    QStringList args {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), algorithm, QStringLiteral("-out"), path};
    if (algorithm == QLatin1String("EC"))
        args << QStringLiteral("-pkeyopt") << QStringLiteral("ec_paramgen_curve:P-256");
    return runProcess(QStringLiteral("openssl"), args).exitCode == 0
        && runProcess(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-in"), path, QStringLiteral("-pubout"),
                                                     QStringLiteral("-out"), publicKey(name)})
                   .exitCode
        == 0;
}

QString CosignSigner::attachmentTag(const QString &digest, const QString &suffix)
{
    return QString(digest).replace(QLatin1Char(':'), QLatin1Char('-')) + QLatin1Char('.') + suffix;
}

QJsonObject CosignSigner::signatureLayer(RawRegistry &registry, const QString &repository, const QString &digest,
    const QString &identity, const QString &keyName, bool tamper)
{
    const QJsonObject critical {{QStringLiteral("identity"), QJsonObject {{QStringLiteral("docker-reference"), identity}}},
        {QStringLiteral("image"), QJsonObject {{QStringLiteral("docker-manifest-digest"), digest}}},
        {QStringLiteral("type"), QStringLiteral("cosign container image signature")}};
    const QByteArray payload = QJsonDocument(QJsonObject {{QStringLiteral("critical"), critical},
                                                 {QStringLiteral("optional"), QJsonObject {{QStringLiteral("creator"), QStringLiteral("crossdock tests")}}}})
                                   .toJson(QJsonDocument::Compact);
    const QString payloadFile = m_directory + QStringLiteral("/payload");
    QFile file(payloadFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(payload);
    file.close();
    const QString keyPath = m_directory + QLatin1Char('/') + keyName + QStringLiteral(".key");
    // Ed25519 signs the message; ECDSA and RSA its SHA-256 (as cosign).
    const bool edwards = runProcess(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-in"), keyPath,
                                                                  QStringLiteral("-noout"), QStringLiteral("-text")})
                             .out.startsWith("ED25519");
    const ProcessResult signature = edwards
        ? runProcess(QStringLiteral("openssl"), {QStringLiteral("pkeyutl"), QStringLiteral("-sign"), QStringLiteral("-rawin"),
                                                    QStringLiteral("-inkey"), keyPath, QStringLiteral("-in"), payloadFile})
        : runProcess(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), keyPath, payloadFile});
    if (signature.exitCode != 0 || signature.out.isEmpty())
        return {};
    QByteArray bytes = signature.out;
    if (tamper)
        bytes[bytes.size() / 2] = static_cast<char>(bytes.at(bytes.size() / 2) ^ 0x01);
    const QString payloadDigest = registry.pushBlob(repository, payload);
    if (payloadDigest.isEmpty())
        return {};
    return QJsonObject {{QStringLiteral("mediaType"), QStringLiteral("application/vnd.dev.cosign.simplesigning.v1+json")},
        {QStringLiteral("digest"), payloadDigest}, {QStringLiteral("size"), payload.size()},
        {QStringLiteral("annotations"),
            QJsonObject {{QStringLiteral("dev.cosignproject.cosign/signature"), QString::fromLatin1(bytes.toBase64())}}}};
}

QString CosignSigner::pushAttachment(RawRegistry &registry, const QString &repository, const QString &digest,
    const QJsonArray &layers)
{
    const QByteArray config = R"({"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":[]}})";
    const QString configDigest = registry.pushBlob(repository, config);
    const QJsonObject manifest {{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), OciManifest},
        {QStringLiteral("config"),
            QJsonObject {{QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.config.v1+json")},
                {QStringLiteral("digest"), configDigest}, {QStringLiteral("size"), config.size()}}},
        {QStringLiteral("layers"), layers}};
    return registry.pushManifest(repository, attachmentTag(digest), OciManifest, QJsonDocument(manifest).toJson(QJsonDocument::Compact));
}

bool CosignSigner::sign(RawRegistry &registry, const QString &repository, const QString &digest, const QString &identity,
    const QString &keyName, bool tamper)
{
    const QJsonObject layer = signatureLayer(registry, repository, digest, identity, keyName, tamper);
    return !layer.isEmpty() && !pushAttachment(registry, repository, digest, {layer}).isEmpty();
}

QJsonObject pushReferrer(RawRegistry &registry, const QString &repository, const QString &subject,
    const QString &artifactType, const QByteArray &content)
{
    const QByteArray accept = "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json";
    const RawRegistry::Reply subjectManifest
        = registry.request("GET", QStringLiteral("/v2/%1/manifests/%2").arg(repository, subject), {}, {{"Accept", accept}});
    const QByteArray empty = "{}";
    const QJsonObject artifact {{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), OciManifest},
        {QStringLiteral("artifactType"), artifactType},
        {QStringLiteral("config"), QJsonObject {{QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.empty.v1+json")},
                                       {QStringLiteral("digest"), registry.pushBlob(repository, empty)}, {QStringLiteral("size"), empty.size()}}},
        {QStringLiteral("layers"), QJsonArray {QJsonObject {{QStringLiteral("mediaType"), artifactType},
                                       {QStringLiteral("digest"), registry.pushBlob(repository, content)}, {QStringLiteral("size"), content.size()}}}},
        {QStringLiteral("subject"), QJsonObject {{QStringLiteral("mediaType"), OciManifest}, {QStringLiteral("digest"), subject},
                                        {QStringLiteral("size"), subjectManifest.body.size()}}}};
    const QByteArray bytes = QJsonDocument(artifact).toJson(QJsonDocument::Compact);
    const QString digest = QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (subjectManifest.status != 200 || registry.pushManifest(repository, digest, OciManifest, bytes) != digest)
        return {};
    const QJsonObject descriptor {{QStringLiteral("mediaType"), OciManifest}, {QStringLiteral("digest"), digest},
        {QStringLiteral("size"), bytes.size()}, {QStringLiteral("artifactType"), artifactType}};
    const QString indexTag = QString(subject).replace(QLatin1Char(':'), QLatin1Char('-'));
    const RawRegistry::Reply existing
        = registry.request("GET", QStringLiteral("/v2/%1/manifests/%2").arg(repository, indexTag), {}, {{"Accept", accept}});
    QJsonObject index = existing.status == 200 ? QJsonDocument::fromJson(existing.body).object()
                                               : QJsonObject {{QStringLiteral("schemaVersion"), 2},
                                                   {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.index.v1+json")}};
    QJsonArray listed = index.value(QStringLiteral("manifests")).toArray();
    listed.append(descriptor);
    index.insert(QStringLiteral("manifests"), listed);
    if (registry.pushManifest(repository, indexTag, QStringLiteral("application/vnd.oci.image.index.v1+json"),
            QJsonDocument(index).toJson(QJsonDocument::Compact)).isEmpty())
        return {};
    return descriptor;
}

} // namespace crossdock::test
