// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/manifest.h"

#include <QString>

#include <optional>

namespace crossdock {

// Where WriteBlobJob puts one blob's bytes: a file of a layout or a dir:
// folder (FileBlobSink), a member of a tar archive being written
// (TarMemberSink), a layer decompressed into a docker archive
// (LayerTarSink). The bytes only take their name in commit(), after the
// stream has verified the digest; a sink destroyed before that leaves
// nothing behind.
class BlobSink
{
public:
    virtual ~BlobSink() = default;

    virtual bool open(QString *error) = 0;
    virtual bool write(const char *data, qint64 size, QString *error) = 0;
    // A blob made as it streamed (recompressed): what it turned out to be,
    // before commit() (a file sink takes its name from the digest).
    virtual bool setMade(const Descriptor &, QString *) { return true; }
    virtual bool commit(QString *error) = 0;
    // The blob as stored when the sink changed it (decompressed), after commit.
    virtual std::optional<Descriptor> written() const { return std::nullopt; }
    // For messages: "/srv/dir/4f2a…", "layer 3 of app.tar".
    virtual QString describe() const = 0;
};

} // namespace crossdock
