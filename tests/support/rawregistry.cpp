// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "rawregistry.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QNetworkReply>
#include <QUrlQuery>

namespace crossdock::test {

RawRegistry::RawRegistry(const QString &baseUrl, const QByteArray &authorization)
    : m_baseUrl(baseUrl)
    , m_authorization(authorization)
{
}

RawRegistry::Reply RawRegistry::request(const QByteArray &method, const QString &pathOrUrl, const QByteArray &body,
                                        const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const QUrl url = pathOrUrl.startsWith(QLatin1String("http")) ? QUrl(pathOrUrl) : QUrl(m_baseUrl + pathOrUrl);
    QNetworkRequest req(url);
    if (!m_authorization.isEmpty())
        req.setRawHeader("Authorization", m_authorization);
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    // HEAD must go through head(): as a custom verb Qt would wait for the
    // body that Content-Length announces.
    QNetworkReply *reply = method == "HEAD" ? m_network.head(req) : m_network.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.location = reply->rawHeader("Location");
    if (r.status == 0)
        m_error = reply->errorString();
    reply->deleteLater();
    return r;
}

QString RawRegistry::pushBlob(const QString &repository, const QByteArray &bytes)
{
    const QString digest = QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (request("HEAD", QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest)).status == 200)
        return digest;
    const Reply start = request("POST", QStringLiteral("/v2/%1/blobs/uploads/").arg(repository));
    if (start.status != 202) {
        m_error = QStringLiteral("upload start answered %1").arg(start.status);
        return {};
    }
    QUrl location = QUrl(m_baseUrl).resolved(QUrl::fromEncoded(start.location));
    QUrlQuery query(location);
    query.addQueryItem(QStringLiteral("digest"), digest);
    location.setQuery(query);
    const Reply done = request("PUT", location.toString(), bytes, {{"Content-Type", "application/octet-stream"}});
    if (done.status != 201) {
        m_error = QStringLiteral("blob PUT answered %1: %2").arg(done.status).arg(QString::fromUtf8(done.body));
        return {};
    }
    return digest;
}

QString RawRegistry::pushManifest(const QString &repository, const QString &reference, const QString &mediaType,
                                  const QByteArray &bytes)
{
    const Reply r = request("PUT", QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference), bytes,
                            {{"Content-Type", mediaType.toLatin1()}});
    if (r.status != 201) {
        m_error = QStringLiteral("manifest PUT %1:%2 answered %3: %4").arg(repository, reference).arg(r.status).arg(QString::fromUtf8(r.body));
        return {};
    }
    return QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString RawRegistry::pushSingleLayerImage(const QString &repository, const QString &tag, qint64 layerSize)
{
    QByteArray layer(layerSize, '\0');
    for (qint64 i = 0; i + 32 <= layer.size(); i += 32)
        memcpy(layer.data() + i, QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256).constData(), 32);
    const QByteArray config = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
    const QString manifest = pushImage(repository, tag, layer, config);
    return manifest.isEmpty() ? QString() : QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(layer, QCryptographicHash::Sha256).toHex());
}

QString RawRegistry::pushConvertibleImage(const QString &repository, const QString &tag, qint64 layerSize)
{
    QByteArray layer(layerSize, '\0');
    for (qint64 i = 0; i + 32 <= layer.size(); i += 64) // half hash, half zeros: compressible
        memcpy(layer.data() + i, QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256).constData(), 32);
    const QString diffId = QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(layer, QCryptographicHash::Sha256).toHex());
    return pushImage(repository, tag, layer,
        QStringLiteral(R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%1"]}})").arg(diffId).toUtf8());
}

QString RawRegistry::pushImage(const QString &repository, const QString &tag, const QByteArray &layer, const QByteArray &config)
{
    const QString layerDigest = pushBlob(repository, layer);
    const QString configDigest = pushBlob(repository, config);
    if (layerDigest.isEmpty() || configDigest.isEmpty())
        return {};
    const QByteArray manifest = QStringLiteral(
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
        R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%1","size":%2},)"
        R"("layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%3","size":%4}]})")
                                    .arg(configDigest).arg(config.size()).arg(layerDigest).arg(layer.size()).toUtf8();
    return pushManifest(repository, tag, QStringLiteral("application/vnd.oci.image.manifest.v1+json"), manifest);
}

} // namespace crossdock::test
