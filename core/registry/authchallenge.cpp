// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/authchallenge.h"

namespace crossdock {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t'; }

} // namespace

QList<AuthChallenge> AuthChallenge::parse(const QByteArray &header)
{
    // RFC 7235: challenge = scheme [ 1*SP ( token68 / #auth-param ) ], and a
    // header holds a comma-separated list of challenges. A token followed by
    // '=' is a parameter of the current challenge; otherwise it starts a new one.
    QList<AuthChallenge> challenges;
    const qsizetype n = header.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && (isSpace(header[i]) || header[i] == ','))
            ++i;
        const qsizetype tokenStart = i;
        while (i < n && !isSpace(header[i]) && header[i] != ',' && header[i] != '=')
            ++i;
        const QString token = QString::fromLatin1(header.mid(tokenStart, i - tokenStart));
        if (token.isEmpty()) {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < n && isSpace(header[j]))
            ++j;
        if (j < n && header[j] == '=' && !challenges.isEmpty()) {
            i = j + 1;
            while (i < n && isSpace(header[i]))
                ++i;
            QString value;
            if (i < n && header[i] == '"') {
                ++i;
                QByteArray raw;
                while (i < n && header[i] != '"') {
                    if (header[i] == '\\' && i + 1 < n)
                        ++i;
                    raw += header[i];
                    ++i;
                }
                ++i; // closing quote
                value = QString::fromUtf8(raw);
            } else {
                const qsizetype valueStart = i;
                while (i < n && header[i] != ',' && !isSpace(header[i]))
                    ++i;
                value = QString::fromLatin1(header.mid(valueStart, i - valueStart));
            }
            challenges.last().params.insert(token.toLower(), value);
        } else {
            challenges.append(AuthChallenge{token.toLower(), {}});
            i = j;
        }
    }
    return challenges;
}

const AuthChallenge *AuthChallenge::preferred(const QList<AuthChallenge> &challenges)
{
    for (const AuthChallenge &c : challenges)
        if (c.isBearer())
            return &c;
    for (const AuthChallenge &c : challenges)
        if (c.isBasic())
            return &c;
    return nullptr;
}

} // namespace crossdock
