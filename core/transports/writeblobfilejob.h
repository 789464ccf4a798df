#pragma once

#include "core/image/manifest.h"
#include "core/transports/imagewriter.h"
#include "core/transports/putblobjob.h"

#include <QPointer>

#include <memory>

class QSaveFile;

namespace crossdock {

class BlobStream;

// Writes one blob into a file (an OCI layout's blobs/<alg>/<hex>, a dir:
// blob) from any source's BlobStream: the bytes go to a temporary file in the
// same folder (QSaveFile: a name of its own, so two writers of one blob
// cannot collide) and replace the target only once the whole blob is there
// and its digest verified. The stream retries and resumes what it can; the
// copy engine starts a blob that still breaks off again. Progress in bytes.
class WriteBlobFileJob final : public PutBlobJob
{
    Q_OBJECT

public:
    WriteBlobFileJob(const Descriptor &blob, BlobOpener open, const QString &path, QObject *parent = nullptr);
    ~WriteBlobFileJob() override;

    qint64 bytesWritten() const { return m_written; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void drain();
    void onCompleted();
    void discard();

    BlobOpener m_open;
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<BlobStream> m_stream;
    qint64 m_written = 0;
};

} // namespace crossdock
