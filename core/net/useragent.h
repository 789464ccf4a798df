// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock {

// The User-Agent of every request: "crossdock/VERSION", with what skopeo's
// --user-agent-prefix puts before it (registries and proxies log it, sites
// tell pipelines apart by it). Process-wide like BlobSizeLimit: the CLI sets
// it once at start-up, before any request.
namespace UserAgent {
// Returns false, with why, for a prefix that is not printable ASCII (it would
// break the header or smuggle another one in).
bool setPrefix(const QString &prefix, QString *why);
QString value();
} // namespace UserAgent

} // namespace crossdock
