// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/error.h"

namespace crossdock::cli {

// skopeo's exit codes, so scripts can switch tools: 0 ok, 1 error, 2 not found.
enum ExitCode { ExitOk = 0, ExitError = 1, ExitNotFound = 2 };

inline int exitCodeFor(const Error &error)
{
    if (!error.isError())
        return ExitOk;
    return error.code == Error::Code::NotFound ? ExitNotFound : ExitError;
}

} // namespace crossdock::cli
