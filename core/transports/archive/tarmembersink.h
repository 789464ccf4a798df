// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/blobsink.h"

namespace crossdock {

class TarWriter;

// One blob streamed into a TarWriter as a member under a fixed name (an OCI
// archive's blobs/sha256/<hex>, a docker archive's <hex>.json). Destroyed
// before commit, the member is cut off again.
class TarMemberSink final : public BlobSink
{
public:
    TarMemberSink(TarWriter *archive, const QString &name);
    ~TarMemberSink() override;

    bool open(QString *error) override;
    bool write(const char *data, qint64 size, QString *error) override;
    bool commit(QString *error) override;
    QString describe() const override;

private:
    TarWriter *m_archive;
    QString m_name;
    bool m_open = false;
};

} // namespace crossdock
