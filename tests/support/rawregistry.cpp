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

} // namespace crossdock::test
