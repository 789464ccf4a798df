// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Auth files (auth.json, docker config.json): whatever the JSON, a lookup
// never names a credential helper that could escape docker-credential-NAME
// (only letters, digits, '.', '_', '-'), and a malformed file says so.
#include "core/credentials/authfile.h"
#include "fuzzcheck.h"

#include <QRegularExpression>

using namespace crossdock;

namespace {

bool isSafeHelper(const QString &name)
{
    static const QRegularExpression safe(QStringLiteral("\\A[A-Za-z0-9._-]+\\z"));
    return safe.match(name).hasMatch();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = fuzz::bytesOf(data, size);
    QString error;
    const std::optional<AuthFile> file = AuthFile::fromJson(json, QStringLiteral("fuzz.json"), &error);
    if (!file) {
        FUZZ_CHECK(!error.isEmpty(), QString::fromUtf8(json.left(200)));
        return 0;
    }
    for (const StoredLogin &login : file->logins())
        FUZZ_CHECK(login.helper.isEmpty() || isSafeHelper(login.helper), login.helper);
    for (const QString &registry : {QStringLiteral("docker.io"), QStringLiteral("quay.io"), QStringLiteral("r.example:5000"),
             QStringLiteral("127.0.0.1:5000")}) {
        const AuthFileMatch match = file->lookup(registry, QStringLiteral("team/app"));
        if (match.kind == AuthFileMatch::Kind::Helper)
            FUZZ_CHECK(isSafeHelper(match.helper), match.helper);
    }
    return 0;
}
