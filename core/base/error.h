// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMetaType>
#include <QString>

namespace crossdock {

// What went wrong, typed so callers can react (exit codes, "Log in…" links)
// without parsing text. message is one line for a human; detail is optional
// context (a server's error body, a TLS error list) and never holds secrets.
struct Error
{
    enum class Code {
        None,
        InvalidInput,      // a bad reference, digest, flag or file given by the user
        NotFound,          // image, tag, repository or blob does not exist
        Unauthorized,      // 401: credentials missing or wrong
        Denied,            // 403 / insufficient scope after re-auth
        Unreachable,       // DNS, connection refused, timeout
        Tls,               // certificate not trusted, handshake failed
        BadResponse,       // malformed or contradictory data from the server
        TooLarge,          // a document or body over its size cap
        Unsupported,       // the registry refuses an operation (e.g. catalog)
        Server,            // 5xx and other unexpected statuses
        Cancelled,
        Io,                // local files
        Rejected,          // the signature policy refuses the image
    };

    Code code = Code::None;
    QString message;
    QString detail;

    bool isError() const { return code != Code::None; }
    static Error make(Code code, QString message, QString detail = {})
    {
        return Error{code, std::move(message), std::move(detail)};
    }
};

// User or server text quoted in a one-line message: control characters
// (a newline in a tag) shown as escapes, cut to `max` characters.
inline QString printable(const QString &text, qsizetype max = 300)
{
    QString out;
    for (QChar c : text.left(max)) {
        if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            out += QLatin1String("\\r");
        else if (c == QLatin1Char('\t'))
            out += QLatin1String("\\t");
        else if (c.category() == QChar::Other_Control)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return text.size() > max ? out + QStringLiteral("...") : out;
}

} // namespace crossdock

Q_DECLARE_METATYPE(crossdock::Error)
