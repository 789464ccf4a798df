#pragma once

#include "core/transports/blobsink.h"

#include <QSaveFile>

#include <memory>

namespace crossdock {

// A blob written into a file: the bytes go to a temporary file in the same
// folder (QSaveFile: a name of its own, so two writers of one blob cannot
// collide) that replaces the target in commit().
class FileBlobSink final : public BlobSink
{
public:
    explicit FileBlobSink(const QString &path);

    bool open(QString *error) override;
    bool write(const char *data, qint64 size, QString *error) override;
    bool commit(QString *error) override;
    QString describe() const override { return m_path; }

private:
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
};

} // namespace crossdock
