// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/secretmemory.h"

#include <openssl/crypto.h>

namespace crossdock {

void wipe(QByteArray &bytes)
{
    // OPENSSL_cleanse cannot be optimised away, unlike a plain memset.
    if (bytes.isDetached() && !bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes = QByteArray();
}

void wipe(QString &text)
{
    if (text.isDetached() && !text.isEmpty())
        OPENSSL_cleanse(text.data(), static_cast<size_t>(text.size()) * sizeof(QChar));
    text = QString();
}

void wipe(char *data, qsizetype size)
{
    if (data && size > 0)
        OPENSSL_cleanse(data, static_cast<size_t>(size));
}

} // namespace crossdock
