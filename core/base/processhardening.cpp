// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/base/processhardening.h"

#include <QByteArray>

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cstdlib>

namespace crossdock {

namespace {

bool allowedByEnvironment()
{
    // Read with getenv: this runs before QCoreApplication exists.
    const char *value = std::getenv("CROSSDOCK_ALLOW_CORE_DUMPS");
    return value && QByteArray(value) == "1";
}

} // namespace

void disableCoreDumps()
{
    if (allowedByEnvironment())
        return;
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

QString coreDumpState()
{
    rlimit limit{};
    getrlimit(RLIMIT_CORE, &limit);
    const bool dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
    if (!dumpable && limit.rlim_cur == 0)
        return QStringLiteral("core dumps off");
    return QStringLiteral("core dumps allowed%1")
        .arg(allowedByEnvironment() ? QStringLiteral(" (CROSSDOCK_ALLOW_CORE_DUMPS=1)") : QString());
}

} // namespace crossdock
