// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock {

// A config history entry's created_by as the Dockerfile line that made it:
// "/bin/sh -c #(nop)  ENV A=b" -> "ENV A=b", "/bin/sh -c apt-get update"
// -> "RUN apt-get update", BuildKit's "RUN /bin/sh -c make # buildkit"
// -> "RUN make". Anything else is returned trimmed.
QString dockerfileLine(const QString &createdBy);

} // namespace crossdock
