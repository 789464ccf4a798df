// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock {

// Both programs hold secrets in memory (passwords, tokens, identity
// tokens). A core dump would write them to disk in clear, so core dumps are
// off for the whole process: PR_SET_DUMPABLE 0 (this also keeps other
// processes of the same user from attaching a debugger) and RLIMIT_CORE 0.
// Called first thing in main(). For debugging a crash, run with
// CROSSDOCK_ALLOW_CORE_DUMPS=1 (and `ulimit -c unlimited`).
void disableCoreDumps();

// What the process allows now, in words, for --debug output and tests:
// "core dumps off" or "core dumps allowed (CROSSDOCK_ALLOW_CORE_DUMPS=1)".
QString coreDumpState();

} // namespace crossdock
