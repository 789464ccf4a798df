// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

namespace crossdock {

// The largest blob a descriptor may name, for the whole process: a size
// above it is refused when a manifest is read, before any request or buffer
// is built from it (a hostile 2^63 would overflow both). 1 TiB - far above
// any real layer - unless the program sets another cap at start from
// CROSSDOCK_MAX_BLOB_SIZE or crossdock-cli's --max-blob-size, e.g. to keep a
// mirror from taking 50 GiB layers.
namespace BlobSizeLimit {

constexpr qint64 Default = qint64(1) << 40; // 1 TiB
// No cap may go above this: offsets and lengths stay far from overflowing.
constexpr qint64 Ceiling = qint64(1) << 50; // 1 PiB
constexpr const char *EnvironmentVariable = "CROSSDOCK_MAX_BLOB_SIZE";

qint64 current();
void set(qint64 bytes);

// "500G", "2TiB", "10m", "1048576": bytes, with binary K/M/G/T/P; nullopt
// with a message naming the text when it is not a size from 1 byte to 1 PiB.
std::optional<qint64> parse(const QString &text, QString *error);

// Sets the cap from CROSSDOCK_MAX_BLOB_SIZE when it is set; false with a
// message naming the variable when it does not parse.
bool applyEnvironment(QString *error);

} // namespace BlobSizeLimit

} // namespace crossdock
