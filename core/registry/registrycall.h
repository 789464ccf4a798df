// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/net/credentialboundary.h"
#include "core/net/httpresponse.h"

#include <QNetworkReply>
#include <QPointer>
#include <QSslError>
#include <QStringList>
#include <QUrlQuery>

namespace crossdock {

class RegistryClient;

// One logical request to a registry: what to ask and with which scopes.
struct RegistryRequest {
    QByteArray method = QByteArrayLiteral("GET");
    QString path; // "/v2/<name>/manifests/<ref>"; ignored when url is set
    QUrlQuery query;
    QUrl url; // an absolute URL the registry handed out (see urlHop)
    // What url is: a next-page Link (this registry only) or an upload
    // session's Location (may be a storage host; see CredentialBoundary).
    CredentialBoundary::Hop urlHop = CredentialBoundary::Hop::PageLink;
    QStringList scopes; // "repository:<name>:pull", ...
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // A body read from a device as it goes out, instead of `body`: exactly
    // bodyStreamLength bytes, never held in memory. Such a request cannot be
    // sent twice, so it is not retried, redirected or re-authenticated; the
    // caller gets the answer as it came.
    QIODevice *bodyStream = nullptr;
    qint64 bodyStreamLength = 0;
    // Successful bodies over this size fail with TooLarge, without being
    // held in memory. Error bodies are always capped at 64 KiB.
    qint64 maxBodyBytes = 1024 * 1024;
};

// A job that performs one RegistryRequest: waits for the client's ping,
// authorises (token or Basic), follows redirects as CredentialBoundary
// allows (Authorization only ever goes to the registry's own scheme, host
// and port), re-authenticates once on 401, and
// retries transient faults (see RetryPolicy), and finishes with the HTTP
// response whatever its status. It fails only when no HTTP answer was had
// (unreachable, TLS, timeout, too large, cancelled).
class RegistryCall final : public Job {
    Q_OBJECT

public:
    RegistryCall(RegistryClient *client, RegistryRequest request, QObject *parent);
    ~RegistryCall() override;

    const HttpResponse &response() const { return m_response; }
    // The call failed because the answer's body passed maxBodyBytes (not
    // because of the ping or the token service before it).
    bool bodyWasTooLarge() const { return m_tooLarge; }

    static constexpr int MaxRedirects = 5;
    static constexpr qint64 MaxErrorBody = 64 * 1024;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void authorizeAndSend(bool forceRefresh);
    // Authorization is attached per URL by the client's boundary.
    void send(const QUrl &url);
    void sendNow(const QUrl &url);
    void onReadyRead();
    void onFinished();
    // Schedules another try of the current request if the policy allows;
    // false when the attempts are used up.
    bool retryLater(const QString &why, const QByteArray &retryAfter);
    QUrl initialUrl() const;

    RegistryClient *m_client;
    RegistryRequest m_request;
    HttpResponse m_response;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
    QByteArray m_authorization;
    QUrl m_currentUrl;
    int m_redirects = 0;
    bool m_reauthenticated = false;
    bool m_tooLarge = false;
    bool m_abortedByUs = false;
    int m_attempt = 1;
};

} // namespace crossdock
