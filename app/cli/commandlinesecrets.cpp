// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "commandlinesecrets.h"

#include <cstring>

namespace crossdock::cli {

namespace {

bool carriesPassword(const QString &creds)
{
    const qsizetype colon = creds.indexOf(QLatin1Char(':'));
    return colon >= 0 && colon + 1 < creds.size();
}

// How a flag's value holds its secret: after the first ':' (creds), or whole.
enum class Secret { None, AfterColon, Whole };

Secret secretOf(const char *flag)
{
    // One dash or two: the parser reads -creds as --creds.
    if (flag[0] == '-' && flag[1] == '-')
        ++flag;
    for (const char *name : {"-creds", "-src-creds", "-dest-creds", "-screds", "-dcreds"})
        if (std::strcmp(flag, name) == 0)
            return Secret::AfterColon;
    for (const char *name : {"-password", "-p", "-src-password", "-dest-password", "-registry-token",
             "-src-registry-token", "-dest-registry-token"})
        if (std::strcmp(flag, name) == 0)
            return Secret::Whole;
    return Secret::None;
}

void blank(char *value, Secret secret)
{
    if (secret == Secret::AfterColon) {
        value = std::strchr(value, ':');
        if (!value)
            return;
        ++value;
    }
    for (; *value; ++value)
        *value = '*';
}

} // namespace

QStringList commandLinePasswordWarnings(const CliOptions &options)
{
    QStringList warnings;
    const QList<std::pair<QString, const EndpointOptions *>> sides{
        {QString(), &options.endpoint}, {QStringLiteral("src-"), &options.source},
        {QStringLiteral("dest-"), &options.destination}};
    for (const auto &[prefix, endpoint] : sides) {
        const QString flag = carriesPassword(endpoint->creds) ? QStringLiteral("creds")
            : !endpoint->password.isEmpty()                    ? QStringLiteral("password")
            : !endpoint->registryToken.isEmpty()               ? QStringLiteral("registry-token")
                                                               : QString();
        if (flag.isEmpty())
            continue;
        warnings << QStringLiteral("warning: --%1%2 puts a %3 on the command line, where other users of "
                                   "this machine can read it (ps, /proc); use --%1username with --%1password-stdin, "
                                   "an auth file, or crossdock-cli login")
                        .arg(prefix, flag, flag == QLatin1String("registry-token") ? QStringLiteral("token") : QStringLiteral("password"));
    }
    return warnings;
}

void hidePasswordsInArgv(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        char *arg = argv[i];
        if (std::strcmp(arg, "--") == 0)
            return;
        if (char *equals = std::strchr(arg, '='); equals && arg[0] == '-') {
            // --creds=user:password
            *equals = '\0';
            const Secret secret = secretOf(arg);
            *equals = '=';
            if (secret != Secret::None)
                blank(equals + 1, secret);
            continue;
        }
        const Secret secret = secretOf(arg);
        if (secret != Secret::None && i + 1 < argc)
            blank(argv[++i], secret);
    }
}

} // namespace crossdock::cli
