#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QString>

namespace crossdock::test {

// Pushes blobs and manifests through the plain distribution HTTP API,
// independently of the code under test. Blocking; for test set-up only.
class RawRegistry final
{
public:
    explicit RawRegistry(const QString &baseUrl, const QByteArray &authorization = {});

    // Returns the blob's digest ("sha256:..."); empty on failure (see error()).
    QString pushBlob(const QString &repository, const QByteArray &bytes);
    QString pushManifest(const QString &repository, const QString &reference, const QString &mediaType,
                         const QByteArray &bytes);
    QString error() const { return m_error; }

    struct Reply
    {
        int status = 0;
        QByteArray body;
        QByteArray location;
    };
    Reply request(const QByteArray &method, const QString &pathOrUrl, const QByteArray &body = {},
                  const QList<QPair<QByteArray, QByteArray>> &headers = {});

private:
    QString m_baseUrl;
    QByteArray m_authorization;
    QNetworkAccessManager m_network;
    QString m_error;
};

} // namespace crossdock::test
