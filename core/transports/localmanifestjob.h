// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/imagereader.h"

#include <functional>
#include <optional>

namespace crossdock {

// A manifest read from local files (a layout, an archive, a dir: folder):
// `read` runs from the event loop, as every job starts, and gives the
// manifest or the error.
class LocalManifestJob final : public ReadManifestJob
{
    Q_OBJECT

public:
    using Read = std::function<std::optional<Manifest>(Error *error)>;
    explicit LocalManifestJob(Read read, QObject *parent = nullptr)
        : ReadManifestJob(parent)
        , m_read(std::move(read))
    {
    }

protected:
    void doStart() override
    {
        Error error;
        const std::optional<Manifest> manifest = m_read(&error);
        if (manifest)
            succeedWith(*manifest);
        else
            emitError(error);
    }

private:
    Read m_read;
};

} // namespace crossdock
