// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace crossdock {

// CI runners hand corporate CAs to programs through SSL_CERT_FILE (a PEM
// bundle) and SSL_CERT_DIR (directories of PEM files, separated by ':'), the
// variables Go's and OpenSSL's clients read. Qt reads neither, so this adds
// what they name to the CAs every connection trusts (Qt's default TLS
// configuration), beside the system's - where Go would use them instead of
// the system's, a public registry stays trusted here. Call once at start-up,
// before any request. Returns a warning per variable that names nothing
// usable (the run goes on, as Go's does).
QStringList trustCaEnvironment();

} // namespace crossdock
