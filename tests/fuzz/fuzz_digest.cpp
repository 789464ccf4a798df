// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Digests: a digest that parses is safe in a URL and a file path - a known
// algorithm, lower-case hex of exactly its length - and prints as its input.
#include "core/image/digest.h"
#include "fuzzcheck.h"

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = fuzz::textOf(data, size);
    QString error;
    const Digest digest = Digest::parse(text, &error);
    if (!digest.isValid()) {
        FUZZ_CHECK(!error.isEmpty(), text);
        return 0;
    }
    FUZZ_CHECK(digest.toString() == text, text);
    const qsizetype length = digest.algorithm() == QLatin1String("sha256") ? 64 : 128;
    FUZZ_CHECK(digest.algorithm() == QLatin1String("sha256") || digest.algorithm() == QLatin1String("sha512"), text);
    FUZZ_CHECK(digest.hex().size() == length, text);
    for (const QChar c : digest.hex())
        FUZZ_CHECK((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')), text);
    return 0;
}
