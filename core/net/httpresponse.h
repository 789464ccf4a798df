// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace crossdock {

// A completed HTTP exchange as the registry answered it.
struct HttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QUrl url;             // the URL that finally answered (after redirects)
    bool bodyTruncated = false; // error bodies are capped, see RegistryCall

    // Case-insensitive header lookup; several values are joined with ", ".
    QByteArray header(const QByteArray &name) const
    {
        QByteArray value;
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                value += (value.isEmpty() ? QByteArray() : QByteArrayLiteral(", ")) + h.second;
        }
        return value;
    }
    bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace crossdock
