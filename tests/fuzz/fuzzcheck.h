// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

// What every harness shares: turning libFuzzer's bytes into Qt types, and a
// property check that stops the run with the input saved (libFuzzer writes
// the crashing input) and the broken property printed.

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

namespace crossdock::fuzz {

inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

inline QString textOf(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(bytesOf(data, size));
}

// A property of the parser's answer that must hold for every input.
#define FUZZ_CHECK(condition, what)                                                                    \
    do {                                                                                               \
        if (!(condition)) {                                                                            \
            std::fprintf(stderr, "property broken: %s (%s:%d): %s\n", #condition, __FILE__, __LINE__, \
                qPrintable(QString(what)));                                                            \
            std::abort();                                                                              \
        }                                                                                              \
    } while (false)

} // namespace crossdock::fuzz
