// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "faultproxy.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>

#include <memory>

namespace crossdock::test {

FaultProxy::FaultProxy(const QString &upstreamBaseUrl, const MiniHttpServer::TlsIdentity &tls)
    : m_upstream(upstreamBaseUrl)
{
    m_http = std::make_unique<MiniHttpServer>([this](const MiniHttpServer::Request &r) { return forward(r); }, tls);
    // Read by forward() in the server's thread, also while m_http is being destroyed.
    m_selfBaseUrl = m_http->baseUrl().toLatin1();
}

FaultProxy::~FaultProxy()
{
    m_http.reset();
}

void FaultProxy::setMutation(Mutation mutation)
{
    QMutexLocker lock(&m_mutex);
    m_mutation = std::move(mutation);
}

void FaultProxy::setInterceptor(Interceptor interceptor)
{
    QMutexLocker lock(&m_mutex);
    m_interceptor = std::move(interceptor);
}

void FaultProxy::setRequestRewrite(RequestRewrite rewrite)
{
    QMutexLocker lock(&m_mutex);
    m_rewrite = std::move(rewrite);
}

MiniHttpServer::Response FaultProxy::forward(MiniHttpServer::Request request)
{
    Interceptor interceptor;
    RequestRewrite rewrite;
    {
        QMutexLocker lock(&m_mutex);
        interceptor = m_interceptor;
        rewrite = m_rewrite;
    }
    MiniHttpServer::Response answer;
    if (interceptor && interceptor(request, answer))
        return answer;
    if (rewrite)
        rewrite(request);

    // The upstream round trip runs in a thread of its own: spinning an event
    // loop here, in the server's thread, would re-enter the server while a
    // client may hang up and its socket be deleted under our feet.
    MiniHttpServer::Response response;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        QNetworkAccessManager network;
        QNetworkRequest upstream(QUrl(m_upstream + request.url.toString(QUrl::FullyEncoded)));
        upstream.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        for (auto it = request.headers.begin(); it != request.headers.end(); ++it) {
            if (it.key() != "host" && it.key() != "content-length" && it.key() != "connection")
                upstream.setRawHeader(it.key(), it.value());
        }
        QNetworkReply *reply = request.method == "HEAD" ? network.head(upstream)
                                                        : network.sendCustomRequest(upstream, request.method, request.body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        for (auto header : reply->rawHeaderPairs()) {
            const QByteArray name = header.first.toLower();
            // Like any reverse proxy: upload locations point back at us.
            if (name == "location")
                header.second.replace(m_upstream.toLatin1(), m_selfBaseUrl);
            if (name != "content-length" && name != "connection" && name != "transfer-encoding")
                response.headers << header;
        }
        delete reply;
    }));
    worker->start();
    worker->wait();
    Mutation mutation;
    {
        QMutexLocker lock(&m_mutex);
        mutation = m_mutation;
    }
    if (mutation)
        mutation(request, response);
    return response;
}

} // namespace crossdock::test
