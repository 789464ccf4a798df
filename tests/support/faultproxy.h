// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "minihttpserver.h"

#include <QMutex>
#include <QString>

#include <functional>
#include <memory>

namespace crossdock::test {

// A fault-injecting HTTP proxy placed in front of a real registry: every
// request is forwarded upstream unchanged, and a test-chosen mutation may
// then corrupt, truncate, retype or replace the answer - the faults a
// healthy registry never produces on its own.
class FaultProxy final
{
public:
    using Mutation = std::function<void(const MiniHttpServer::Request &, MiniHttpServer::Response &)>;

    // With a TLS identity the proxy listens for https (and still logs any
    // plain-http request sent to the same port; see MiniHttpServer).
    explicit FaultProxy(const QString &upstreamBaseUrl, const MiniHttpServer::TlsIdentity &tls = {});
    ~FaultProxy();

    void setMutation(Mutation mutation);
    // Answers a request without forwarding it when it returns true.
    using Interceptor = std::function<bool(const MiniHttpServer::Request &, MiniHttpServer::Response &)>;
    void setInterceptor(Interceptor interceptor);
    // Changes a request before it is forwarded (what the helper saw is
    // still logged as it arrived): e.g. a storage host adding its own grant.
    using RequestRewrite = std::function<void(MiniHttpServer::Request &)>;
    void setRequestRewrite(RequestRewrite rewrite);
    QString hostAndPort() const { return m_http->hostAndPort(); }
    QString baseUrl(const QString &host = QStringLiteral("127.0.0.1")) const { return m_http->baseUrl(host); }
    QList<MiniHttpServer::Request> requests() const { return m_http->requests(); }

private:
    MiniHttpServer::Response forward(MiniHttpServer::Request request);

    QString m_upstream;
    QByteArray m_selfBaseUrl;
    mutable QMutex m_mutex;
    Mutation m_mutation;
    Interceptor m_interceptor;
    RequestRewrite m_rewrite;
    std::unique_ptr<MiniHttpServer> m_http;
};

} // namespace crossdock::test
