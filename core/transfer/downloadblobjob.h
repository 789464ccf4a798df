#pragma once

#include "core/base/job.h"
#include "core/image/manifest.h"

#include <QPointer>

#include <memory>

class QSaveFile;

namespace crossdock {

class BlobReader;
class RegistryClient;

// Downloads one blob from a registry into a file (an OCI layout's
// blobs/<alg>/<hex>): the bytes go to a temporary file in the same folder
// (QSaveFile: a name of its own, so two writers of one blob cannot collide)
// and replace the target only once the whole blob is there and its digest
// verified. A BlobReader retries and resumes the requests; a blob that
// still breaks off (unreachable, 5xx) is started again, as registry to
// registry copies do, within the client's RetryPolicy. Progress in bytes.
class DownloadBlobJob final : public Job
{
    Q_OBJECT

public:
    DownloadBlobJob(RegistryClient *source, const QString &repository, const Descriptor &blob, const QString &path,
        QObject *parent = nullptr);
    ~DownloadBlobJob() override;

    const Descriptor &blob() const { return m_blob; }
    qint64 bytesWritten() const { return m_written; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void attempt();
    void drain();
    void onCompleted();
    void onFailed(const Error &error);
    void discard();

    RegistryClient *m_source;
    QString m_repository;
    Descriptor m_blob;
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<BlobReader> m_reader;
    qint64 m_written = 0;
    int m_attempts = 0;
};

} // namespace crossdock
