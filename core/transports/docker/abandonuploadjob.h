// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"

#include <QPointer>
#include <QStringList>
#include <QUrl>

namespace crossdock {

class RegistryCall;
class RegistryClient;
class UploadSegment;

// Leaves a blob upload session that is given up (cancelled, failed, or
// restarted another way) as the registry needs it left: gone.
//
// distribution 2.8 deletes a session only when the DELETE carries the
// session state (`_state`) of the bytes it holds; a DELETE with an older
// state is refused and the bytes stay in `_uploads` until the registry's
// upload purge, a week later by default. So:
// 1. a request still sending a segment is let finish with zeros in place of
//    the rest of its bytes (at most one segment), and its answer gives the
//    current state; a request too far from its end is aborted instead;
// 2. the session is deleted with the newest state known;
// 3. refused, the session's status is asked (registries that answer it
//    without a state, distribution 3 among them, hand out the current one)
//    and the DELETE is tried once more.
// Best effort: the outcome is logged, never reported as the copy's error.
// The job lives under the destination's client, not under the job that
// gave the session up, so it outlives that; the transfer worker counts it as
// running work, so a program exits only after it (see TransferWorker::isIdle).
class AbandonUploadJob final : public Job
{
    Q_OBJECT

public:
    // inFlight (with segment, its body) is a request still sending; both
    // are taken over. Starts itself.
    static void start(RegistryClient *client, const QUrl &session, const QStringList &scopes,
        RegistryCall *inFlight = nullptr, UploadSegment *segment = nullptr);

    // Zeros sent to finish a request cleanly: at most this many; a request
    // with more still to send is aborted.
    static constexpr qint64 MaxZeroFill = 64 * 1024 * 1024;

protected:
    void doStart() override;
    void doCancel() override;

private:
    AbandonUploadJob(RegistryClient *client, const QUrl &session, const QStringList &scopes, RegistryCall *inFlight,
        UploadSegment *segment);
    void finishInFlight();
    // A request to the session's newest Location.
    RegistryCall *callOnSession(const QByteArray &method);
    void deleteSession(bool askStatusIfRefused);
    void askStatus();

    RegistryClient *m_client;
    QUrl m_session;
    QStringList m_scopes;
    QPointer<RegistryCall> m_inFlight;
    QPointer<UploadSegment> m_segment;
    QPointer<RegistryCall> m_call;
};

} // namespace crossdock
