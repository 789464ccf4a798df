// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Image references (ImageReference, TransportReference): whatever the text,
// a reference that parses is one a URL or a path can be built from - a
// valid tag, a well-formed digest, a repository within the length limit - and
// it reads back the same from its own canonical text.
#include "core/image/imagereference.h"
#include "core/transports/transportreference.h"
#include "fuzzcheck.h"

using namespace crossdock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = fuzz::textOf(data, size);
    QString error;
    const ImageReference reference = ImageReference::parse(text, &error);
    if (!reference.isValid()) {
        FUZZ_CHECK(!error.isEmpty(), text);
    } else {
        FUZZ_CHECK(!reference.registry().isEmpty(), text);
        FUZZ_CHECK(reference.repository().size() <= ImageReference::MaxNameLength, text);
        FUZZ_CHECK(reference.repository() == reference.repository().toLower(), text);
        FUZZ_CHECK(!reference.repository().contains(QLatin1String("..")), text);
        FUZZ_CHECK(reference.tag().isEmpty() || ImageReference::isValidTag(reference.tag()), text);
        FUZZ_CHECK(!reference.hasDigest() || Digest::parse(reference.digest().toString()) == reference.digest(), text);
        const ImageReference again = ImageReference::parse(reference.toString());
        FUZZ_CHECK(again.isValid() && again.toString() == reference.toString(), text + QStringLiteral(" -> ") + reference.toString());
    }
    QString transportError;
    const TransportReference transport = TransportReference::parse(text, &transportError);
    FUZZ_CHECK(transport.isValid() || !transportError.isEmpty(), text);
    return 0;
}
