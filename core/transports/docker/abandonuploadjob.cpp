// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/docker/abandonuploadjob.h"

#include "core/base/logging.h"
#include "core/registry/registrycall.h"
#include "core/registry/registryclient.h"
#include "core/transports/docker/uploadsegment.h"

namespace crossdock {

AbandonUploadJob::AbandonUploadJob(RegistryClient *client, const QUrl &session, const QStringList &scopes,
    RegistryCall *inFlight, UploadSegment *segment)
    : Job(client)
    , m_client(client)
    , m_session(session)
    , m_scopes(scopes)
    , m_inFlight(inFlight)
    , m_segment(segment)
{
    if (inFlight) {
        inFlight->disconnect();
        inFlight->setParent(this);
    }
    if (segment)
        segment->setParent(this);
}

void AbandonUploadJob::start(RegistryClient *client, const QUrl &session, const QStringList &scopes,
    RegistryCall *inFlight, UploadSegment *segment)
{
    (new AbandonUploadJob(client, session, scopes, inFlight, segment))->Job::start();
}

void AbandonUploadJob::doStart()
{
    if (m_inFlight && !m_inFlight->isFinished())
        return finishInFlight();
    deleteSession(true);
}

void AbandonUploadJob::doCancel()
{
    if (m_inFlight)
        m_inFlight->cancel();
    if (m_call)
        m_call->cancel();
}

void AbandonUploadJob::finishInFlight()
{
    if (m_segment && m_segment->sent() == 0) {
        // Nothing of its body has gone out: the session still holds what
        // the state we have says.
        m_inFlight->cancel();
        return deleteSession(true);
    }
    if (m_segment && m_segment->length() - m_segment->sent() > MaxZeroFill) {
        qCDebug(lcHttp) << "upload to" << m_client->host() << "given up with"
                        << m_segment->length() - m_segment->sent()
                        << "bytes of its request unsent; the registry may keep what it received until it purges old uploads";
        m_inFlight->cancel();
        return deleteSession(true);
    }
    // A segment is finished with zeros; a request without one (opening the
    // session, a small blob's PUT, the commit) is small and simply let end.
    if (m_segment)
        m_segment->fillRestWithZeros();
    connect(m_inFlight, &Job::finished, this, [this] {
        const HttpResponse &response = m_inFlight->response();
        QUrl next;
        if (!m_inFlight->error().isError() && response.status == 202
            && !m_client->uploadLocation(response, &next).isError())
            m_session = next;
        else if (!m_inFlight->error().isError() && response.status == 201)
            m_session = QUrl(); // a small blob committed after all: nothing left open
        // A final request filled with zeros fails the digest check and the
        // registry removes the upload itself; the DELETE then finds nothing.
        deleteSession(true);
    });
}

RegistryCall *AbandonUploadJob::callOnSession(const QByteArray &method)
{
    RegistryRequest request;
    request.method = method;
    request.url = m_session;
    request.urlHop = CredentialBoundary::Hop::UploadLocation;
    request.scopes = m_scopes;
    return m_client->call(request, this);
}

void AbandonUploadJob::deleteSession(bool askStatusIfRefused)
{
    if (!m_session.isValid())
        return emitSuccess();
    m_call = callOnSession("DELETE");
    connect(m_call, &Job::finished, this, [this, askStatusIfRefused] {
        const int status = m_call->error().isError() ? 0 : m_call->response().status;
        // Gone already counts: a final PUT that failed its digest check
        // took the session with it.
        if (status == 204 || status == 202 || status == 200
            || (status == 404 && m_call->response().body.contains("BLOB_UPLOAD_UNKNOWN")))
            return emitSuccess();
        if (askStatusIfRefused && status != 0)
            return askStatus();
        qCDebug(lcHttp) << "upload session at" << m_client->host() << "not deleted (" << status
                        << "); the registry purges old uploads itself";
        emitSuccess();
    });
    m_call->start();
}

void AbandonUploadJob::askStatus()
{
    m_call = callOnSession("GET");
    connect(m_call, &Job::finished, this, [this] {
        QUrl current;
        if (m_call->error().isError() || m_call->response().status != 204
            || m_client->uploadLocation(m_call->response(), &current).isError()) {
            qCDebug(lcHttp) << "upload session at" << m_client->host()
                            << "could not be deleted; the registry purges old uploads itself";
            return emitSuccess();
        }
        m_session = current;
        deleteSession(false);
    });
    m_call->start();
}

} // namespace crossdock
