// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
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

    // Pushes an OCI image with one layer of `layerSize` deterministic bytes
    // (large enough to take the streaming path) under repository:tag.
    // Returns the layer's digest; empty on failure.
    QString pushSingleLayerImage(const QString &repository, const QString &tag, qint64 layerSize);
    // The same with a config that gives the layer's DiffID (an image a
    // conversion can check); returns the manifest's digest.
    QString pushConvertibleImage(const QString &repository, const QString &tag, qint64 layerSize);
    // An OCI image of one plain layer and this config; the manifest's digest.
    QString pushImage(const QString &repository, const QString &tag, const QByteArray &layer, const QByteArray &config);

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
