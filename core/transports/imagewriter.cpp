// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/imagewriter.h"

#include "core/base/durablefile.h"

namespace crossdock {

void ImageWriter::removeStaleTemporaries(const QString &folder)
{
    const QStringList removed = DurableFile::removeStale(folder);
    if (!removed.isEmpty())
        addNote(QStringLiteral("removed %1 an interrupted earlier run left in %2")
                    .arg(removed.size() == 1 ? QStringLiteral("1 temporary file")
                                             : QStringLiteral("%1 temporary files").arg(removed.size()),
                        folder));
}

} // namespace crossdock
