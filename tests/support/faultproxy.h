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

    explicit FaultProxy(const QString &upstreamBaseUrl);
    ~FaultProxy();

    void setMutation(Mutation mutation);
    // Answers a request without forwarding it when it returns true.
    using Interceptor = std::function<bool(const MiniHttpServer::Request &, MiniHttpServer::Response &)>;
    void setInterceptor(Interceptor interceptor);
    QString hostAndPort() const { return m_http->hostAndPort(); }
    QList<MiniHttpServer::Request> requests() const { return m_http->requests(); }

private:
    MiniHttpServer::Response forward(const MiniHttpServer::Request &request);

    QString m_upstream;
    mutable QMutex m_mutex;
    Mutation m_mutation;
    Interceptor m_interceptor;
    std::unique_ptr<MiniHttpServer> m_http;
};

} // namespace crossdock::test
