// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/transferengine.h"

#include "core/transfer/bloblocationcache.h"
#include "core/transfer/transferworker.h"

#include <QElapsedTimer>
#include <QTimer>

namespace crossdock {

CopyJob::CopyJob(TransferEngine *engine, quint64 id, CopyRequest request, QObject *parent)
    : Job(parent)
    , m_engine(engine)
    , m_id(id)
    , m_request(std::move(request))
{
    // Cancelled, it finishes when the engine's copy reports back, with the
    // bytes that copy sent.
    setFinishesOwnCancel();
}

void CopyJob::doStart()
{
    m_engine->startCopy(this);
}

void CopyJob::doCancel()
{
    if (!m_engine->m_jobs.contains(m_id))
        return emitError(Error::Code::Cancelled, tr("cancelled")); // never handed to the engine
    m_engine->cancelCopy(m_id);
}

TransferEngine::TransferEngine(QObject *parent)
    : TransferEngine(Limits(), parent)
{
}

TransferEngine::TransferEngine(const Limits &limits, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<crossdock::Error>();
    qRegisterMetaType<crossdock::CopyResult>();
    qRegisterMetaType<crossdock::CopyRequest>();
    qRegisterMetaType<crossdock::Digest>();
    m_thread.setObjectName(QStringLiteral("TransferEngine"));
    m_worker = new TransferWorker(limits.globalStreams, limits.streamsPerHost, limits.blobLocationCache);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TransferWorker::copyProgress, this, [this](quint64 id, qint64 done, qint64 total) {
        if (CopyJob *job = m_jobs.value(id))
            Q_EMIT job->progress(done, total);
    });
    connect(m_worker, &TransferWorker::copyBlobProgress, this,
            [this](quint64 id, const Digest &digest, int state, qint64 done, qint64 total) {
                if (CopyJob *job = m_jobs.value(id))
                    Q_EMIT job->blobProgress(digest, state, done, total);
            });
    connect(m_worker, &TransferWorker::copyFinished, this, [this](quint64 id, const Error &error, const CopyResult &result) {
        CopyJob *job = m_jobs.take(id);
        if (!job || job->isFinished())
            return;
        job->m_result = result;
        if (error.isError())
            job->emitError(error);
        else
            job->emitSuccess();
    });
    m_thread.start();
}

QString TransferEngine::defaultBlobLocationCache()
{
    return BlobLocationCache::defaultPath();
}

TransferEngine::~TransferEngine()
{
    // Cancel what runs (upload sessions are deleted best effort), then stop.
    for (auto it = m_jobs.begin(); it != m_jobs.end(); ++it)
        cancelCopy(it.key());
    m_thread.quit();
    m_thread.wait();
    // No report comes any more: what is left ends here.
    for (const QPointer<CopyJob> &job : std::exchange(m_jobs, {}))
        if (job)
            job->emitError(Error::Code::Cancelled, tr("cancelled"));
}

CopyJob *TransferEngine::copy(const CopyRequest &request, QObject *parent)
{
    return new CopyJob(this, m_nextId++, request, parent);
}

void TransferEngine::startCopy(CopyJob *job)
{
    m_jobs.insert(job->m_id, job);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id = job->m_id, request = job->m_request] {
        worker->startCopy(id, request);
    });
}

void TransferEngine::whenIdle(QObject *context, std::function<void()> done, int timeoutMs)
{
    // Poll the worker's state: a handful of cheap queued calls, no blocking.
    auto deadline = std::make_shared<QElapsedTimer>();
    deadline->start();
    auto check = std::make_shared<std::function<void()>>();
    *check = [this, context = QPointer<QObject>(context), done, timeoutMs, deadline, check] {
        QMetaObject::invokeMethod(m_worker, [this, context, done, timeoutMs, deadline, check, worker = m_worker] {
            const bool idle = worker->isIdle();
            QMetaObject::invokeMethod(this, [context, done, timeoutMs, deadline, check, idle] {
                if (!context)
                    return;
                if (idle || deadline->elapsed() >= timeoutMs)
                    return done();
                QTimer::singleShot(50, context, *check);
            });
        });
    };
    (*check)();
}

void TransferEngine::cancelCopy(quint64 id)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id] { worker->cancelCopy(id); });
}

} // namespace crossdock
