// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "clioptions.h"

#include "core/image/blobsizelimit.h"
#include "duration.h"
#include "flagtable.h"

#include <QCommandLineParser>
#include <QSet>

namespace crossdock::cli {

namespace {

// The command word: the first argument that is neither a flag nor the value
// of one. Flags may come before it (crossdock-cli --debug copy ...).
QString commandWord(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--"))
            return arguments.value(i + 1);
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-"))
            return arg;
        if (arg.contains(QLatin1Char('=')))
            continue;
        // A flag that takes a value as any command has it swallows the next argument.
        const QString name = arg.mid(arg.startsWith(QLatin1String("--")) ? 2 : 1);
        for (const Flag &f : allFlags()) {
            if (f.names.contains(name) && f.takesValue()) {
                ++i;
                break;
            }
        }
    }
    return {};
}

// What pflag accepts and QCommandLineParser does not: a bare --tls-verify
// (true), and --switch=true or --switch=false for any switch.
QStringList normalise(QStringList arguments, const QList<Flag> &flags)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        QString &arg = arguments[i];
        if (arg == QLatin1String("--"))
            break;
        if (!arg.startsWith(QLatin1String("--")))
            continue;
        const qsizetype equals = arg.indexOf(QLatin1Char('='));
        const QString name = arg.mid(2, equals < 0 ? -1 : equals - 2);
        const auto flag = std::find_if(flags.cbegin(), flags.cend(), [&](const Flag &f) { return f.names.contains(name); });
        if (flag == flags.cend())
            continue;
        if (flag->value == QLatin1String("bool") && equals < 0) {
            arg += QStringLiteral("=true");
        } else if (!flag->takesValue() && equals >= 0) {
            const QString value = arg.mid(equals + 1).toLower();
            if (value == QLatin1String("true"))
                arg = QStringLiteral("--") + name;
            else if (value == QLatin1String("false"))
                arguments.removeAt(i--);
        }
    }
    return arguments;
}

// The parsed flags, asked only for names the command defines.
class Flags {
public:
    Flags(const QCommandLineParser &parser, const QList<Flag> &flags) : m_parser(parser)
    {
        for (const Flag &f : flags)
            m_defined.insert(f.name());
    }
    bool isSet(const QString &name) const { return m_defined.contains(name) && m_parser.isSet(name); }
    QString value(const QString &name) const { return isSet(name) ? m_parser.value(name) : QString(); }
    QStringList values(const QString &name) const { return isSet(name) ? m_parser.values(name) : QStringList(); }

private:
    const QCommandLineParser &m_parser;
    QSet<QString> m_defined;
};

bool readEndpoint(const Flags &flags, const QString &p, EndpointOptions *o, QString *error, bool isLogin = false)
{
    if (flags.isSet(p + QStringLiteral("tls-verify"))) {
        const QString value = flags.value(p + QStringLiteral("tls-verify")).toLower();
        if (value != QLatin1String("true") && value != QLatin1String("false")) {
            *error = QStringLiteral("--%1tls-verify takes true or false, not \"%2\"").arg(p, value);
            return false;
        }
        o->tlsVerify = value == QLatin1String("true");
    }
    o->certDir = flags.value(p + QStringLiteral("cert-dir"));
    o->creds = flags.value(p + QStringLiteral("creds"));
    if (o->creds.isEmpty() && !p.isEmpty()) // --screds, --dcreds: old names
        o->creds = flags.value(p.at(0) + QStringLiteral("creds"));
    o->username = flags.value(p + QStringLiteral("username"));
    o->password = flags.value(p + QStringLiteral("password"));
    o->passwordStdin = flags.isSet(p + QStringLiteral("password-stdin"));
    o->noCreds = flags.isSet(p + QStringLiteral("no-creds"));
    o->registryToken = flags.value(p + QStringLiteral("registry-token"));
    o->authFile = flags.value(p + QStringLiteral("authfile"));
    const int ways = int(!o->creds.isEmpty()) + int(!o->username.isEmpty() || !o->password.isEmpty())
        + int(o->noCreds) + int(!o->registryToken.isEmpty());
    if (ways > 1) {
        *error = QStringLiteral("--%1creds, --%1username/--%1password, --%1no-creds and --%1registry-token "
                                "cannot be combined: choose one way to log in")
                     .arg(p);
        return false;
    }
    if (o->passwordStdin && !o->password.isEmpty()) {
        *error = QStringLiteral("--%1password and --%1password-stdin cannot be combined").arg(p);
        return false;
    }
    if (o->passwordStdin && o->username.isEmpty()) {
        *error = QStringLiteral("--%1password-stdin needs --%1username").arg(p);
        return false;
    }
    if (!o->password.isEmpty() && o->username.isEmpty()) {
        *error = QStringLiteral("--%1password needs --%1username").arg(p);
        return false;
    }
    if (!o->username.isEmpty() && !o->passwordStdin && o->password.isEmpty() && !isLogin) {
        *error = QStringLiteral("--%1username needs --%1password-stdin or --%1password").arg(p);
        return false;
    }
    return true;
}

// A numeric flag within bounds; *out is left alone when the flag is absent.
bool readNumber(const Flags &flags, const QString &name, int min, int max, int *out, QString *error)
{
    if (!flags.isSet(name))
        return true;
    bool ok = false;
    const int value = flags.value(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        *error = QStringLiteral("--%1 takes a number from %2 to %3, not \"%4\"")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(flags.value(name));
        return false;
    }
    *out = value;
    return true;
}

bool readDuration(const Flags &flags, const QString &name, qint64 *out, QString *error)
{
    if (!flags.isSet(name))
        return true;
    QString why;
    const auto ms = parseGoDuration(flags.value(name), &why);
    if (!ms) {
        *error = QStringLiteral("--%1: %2").arg(name, why);
        return false;
    }
    *out = *ms;
    return true;
}

// "Unknown option 'raw'": say whose flag it is, if anyone's.
QString unknownFlagError(const QString &name, const QString &command)
{
    const QString dashes = name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--");
    const QStringList owners = commandsWithFlag(name);
    if (command.isEmpty() && !owners.isEmpty())
        return QStringLiteral("%1%2 is a flag of %3; put it after the command").arg(dashes, name, owners.join(QStringLiteral(", ")));
    if (!owners.isEmpty())
        return QStringLiteral("%1%2 is not a flag of %3 (it is one of %4); see crossdock-cli %3 --help")
            .arg(dashes, name, command, owners.join(QStringLiteral(", ")));
    return QStringLiteral("unknown flag %1%2; see crossdock-cli %3--help")
        .arg(dashes, name, command.isEmpty() ? QString() : command + QLatin1Char(' '));
}

// --format, --dest-compress*, --dest-decompress (copy and sync), as skopeo spells them.
bool readConversions(const Flags &flags, CliOptions *o, QString *error)
{
    const QString format = flags.value(QStringLiteral("format"));
    if (format == QLatin1String("oci"))
        o->manifestFormat = ManifestConversion::Format::Oci;
    else if (format == QLatin1String("v2s2"))
        o->manifestFormat = ManifestConversion::Format::DockerSchema2;
    else if (format == QLatin1String("v2s1")) {
        *error = QStringLiteral("--format v2s1: Docker schema 1 is deprecated and crossdock-cli does not write it; use v2s2 or oci");
        return false;
    } else if (!format.isEmpty()) {
        *error = QStringLiteral("--format takes oci or v2s2, not \"%1\"").arg(format);
        return false;
    }
    QString compression = flags.value(QStringLiteral("dest-compress-format"));
    const bool decompress = flags.isSet(QStringLiteral("dest-decompress"));
    if (flags.isSet(QStringLiteral("dest-compress")) && compression.isEmpty())
        compression = QStringLiteral("gzip");
    if (decompress && !compression.isEmpty()) {
        *error = QStringLiteral("--dest-decompress contradicts --dest-compress-format %1").arg(compression);
        return false;
    }
    int level = 0;
    if (!readNumber(flags, QStringLiteral("dest-compress-level"), 1, 22, &level, error))
        return false;
    o->forceCompression = flags.isSet(QStringLiteral("dest-force-compress-format"));
    if (o->forceCompression && compression.isEmpty()) {
        *error = QStringLiteral("--dest-force-compress-format needs --dest-compress-format");
        return false;
    }
    if (decompress) {
        o->layerCompression = LayerCompression::Target {LayerCompression::Kind::None, 0};
    } else if (compression == QLatin1String("gzip") || compression == QLatin1String("zstd")) {
        const bool gzip = compression == QLatin1String("gzip");
        if (gzip && level > 9) {
            *error = QStringLiteral("--dest-compress-level %1: gzip levels go from 1 to 9").arg(level);
            return false;
        }
        o->layerCompression = LayerCompression::Target {gzip ? LayerCompression::Kind::Gzip : LayerCompression::Kind::Zstd, level};
    } else if (compression == QLatin1String("zstd:chunked")) {
        *error = QStringLiteral("--dest-compress-format zstd:chunked is not supported yet; use zstd");
        return false;
    } else if (!compression.isEmpty()) {
        *error = QStringLiteral("--dest-compress-format takes gzip or zstd, not \"%1\"").arg(compression);
        return false;
    }
    if (level > 0 && !o->layerCompression)
        o->notes << QStringLiteral("--dest-compress-level changes nothing without --dest-compress-format: layers are copied as they are");
    if (o->layerCompression && o->preserveDigests) {
        *error = QStringLiteral("--preserve-digests contradicts recompressing layers (--dest-compress-format, --dest-decompress)");
        return false;
    }
    if (o->manifestFormat != ManifestConversion::Format::Keep && o->preserveDigests) {
        *error = QStringLiteral("--preserve-digests contradicts --format, which converts manifests");
        return false;
    }
    if (o->manifestFormat == ManifestConversion::Format::DockerSchema2 && o->layerCompression
        && o->layerCompression->kind == LayerCompression::Kind::Zstd) {
        *error = QStringLiteral("--format v2s2 cannot hold zstd layers (Docker schema 2 has no media type for them); use --format oci");
        return false;
    }
    return true;
}

bool readCopyAndSync(const Flags &flags, CliOptions *o, QString *error)
{
    o->all = flags.isSet(QStringLiteral("all"));
    o->multiArch = flags.value(QStringLiteral("multi-arch"));
    o->digestFile = flags.value(QStringLiteral("digestfile"));
    o->platforms = flags.value(QStringLiteral("platform"));
    o->quiet = flags.isSet(QStringLiteral("quiet"));
    o->preserveDigests = flags.isSet(QStringLiteral("preserve-digests"));
    o->removeSignatures = flags.isSet(QStringLiteral("remove-signatures"));
    o->referrers = flags.isSet(QStringLiteral("referrers"));
    o->signByKeyPath = flags.value(QStringLiteral("sign-by-sigstore-private-key"));
    o->signPassphraseFile = flags.value(QStringLiteral("sign-passphrase-file"));
    o->signIdentity = flags.value(QStringLiteral("sign-identity"));
    o->signByGpgKey = flags.value(QStringLiteral("sign-by"));
    o->additionalTags = flags.values(QStringLiteral("additional-tag"));
    if (!readNumber(flags, QStringLiteral("image-parallel-copies"), 1, 64, &o->imageParallelCopies, error))
        return false;
    // --format is a Go template for inspect: only copy and sync convert.
    if ((o->command == QLatin1String("copy") || o->command == QLatin1String("sync")) && !readConversions(flags, o, error))
        return false;
    if (!o->platforms.isEmpty() && !o->multiArch.isEmpty() && o->multiArch != QLatin1String("all")) {
        *error = QStringLiteral("--platform contradicts --multi-arch %1").arg(o->multiArch);
        return false;
    }
    if (o->preserveDigests && !o->platforms.isEmpty()) {
        *error = QStringLiteral("--preserve-digests contradicts --platform, which writes a new index (a new digest)");
        return false;
    }
    if (!o->multiArch.isEmpty() && o->multiArch != QLatin1String("all") && o->multiArch != QLatin1String("system")
        && o->multiArch != QLatin1String("index-only")) {
        *error = QStringLiteral("--multi-arch takes all, system or index-only, not \"%1\"").arg(o->multiArch);
        return false;
    }
    if (o->all && !o->multiArch.isEmpty() && o->multiArch != QLatin1String("all")) {
        *error = QStringLiteral("--all contradicts --multi-arch %1").arg(o->multiArch);
        return false;
    }
    o->syncSource = flags.value(QStringLiteral("src"));
    o->syncDestination = flags.value(QStringLiteral("dest"));
    o->scoped = flags.isSet(QStringLiteral("scoped"));
    o->appendSuffix = flags.value(QStringLiteral("append-suffix"));
    o->dryRun = flags.isSet(QStringLiteral("dry-run"));
    o->keepGoing = flags.isSet(QStringLiteral("keep-going"));
    o->reportFile = flags.value(QStringLiteral("report"));
    o->repoAllow = flags.values(QStringLiteral("repo-allow"));
    o->repoDeny = flags.values(QStringLiteral("repo-deny"));
    if (!readNumber(flags, QStringLiteral("images"), 1, 64, &o->images, error))
        return false;
    if (flags.isSet(QStringLiteral("request-rate"))) {
        bool ok = false;
        o->requestRate = flags.value(QStringLiteral("request-rate")).toDouble(&ok);
        if (!ok || o->requestRate <= 0 || o->requestRate > 10000) {
            *error = QStringLiteral("--request-rate takes requests per second above 0, not \"%1\"")
                         .arg(flags.value(QStringLiteral("request-rate")));
            return false;
        }
    }
    QString shard = flags.value(QStringLiteral("shard"));
    if (!shard.isEmpty()) {
        // "I/N", or "/N" with I from a Kubernetes Indexed Job.
        if (qEnvironmentVariableIsSet("JOB_COMPLETION_INDEX") && !shard.contains(QLatin1Char('/')))
            shard.prepend(qEnvironmentVariable("JOB_COMPLETION_INDEX") + QLatin1Char('/'));
        else if (shard.startsWith(QLatin1Char('/')) && qEnvironmentVariableIsSet("JOB_COMPLETION_INDEX"))
            shard.prepend(qEnvironmentVariable("JOB_COMPLETION_INDEX"));
        const QStringList parts = shard.split(QLatin1Char('/'));
        bool okIndex = false, okCount = false;
        o->shardIndex = parts.value(0).toInt(&okIndex);
        o->shardCount = parts.value(1).toInt(&okCount);
        if (parts.size() != 2 || !okIndex || !okCount || o->shardCount < 1 || o->shardIndex < 0
            || o->shardIndex >= o->shardCount) {
            *error
                = QStringLiteral("--shard takes I/N with 0 <= I < N (or /N with $JOB_COMPLETION_INDEX set), not \"%1\"")
                      .arg(flags.value(QStringLiteral("shard")));
            return false;
        }
    }
    return true;
}

} // namespace

void applyCopyFlags(const CliOptions &cli, CopyOptions *options)
{
    options->format = cli.manifestFormat;
    options->layerCompression = cli.layerCompression;
    options->forceCompression = cli.forceCompression;
    options->removeSignatures = cli.removeSignatures;
    options->referrers = cli.referrers;
    options->signWith = cli.signingKey;
    options->signIdentity = cli.signIdentity;
    options->signByGpgKey = cli.signByGpgKey;
    options->gpgPassphrase = cli.gpgPassphrase;
    options->lookaside = cli.lookaside;
}

TransferEngine::Limits parallelCopies(int blobs)
{
    TransferEngine::Limits limits;
    limits.globalStreams = blobs;
    limits.streamsPerHost = blobs;
    return limits;
}

RetryPolicy CliOptions::retryPolicy() const
{
    RetryPolicy policy;
    if (retryTimes >= 0)
        policy.maxAttempts = retryTimes + 1;
    if (retryDelayMs >= 0) { // a fixed wait, as skopeo's --retry-delay
        policy.baseDelayMs = static_cast<int>(std::min<qint64>(retryDelayMs, policy.maxRetryAfterMs));
        policy.fixedDelay = true;
    }
    return policy;
}

EndpointOptions EndpointOptions::overriding(const EndpointOptions &common) const
{
    EndpointOptions merged = common;
    if (tlsVerify)
        merged.tlsVerify = tlsVerify;
    if (!certDir.isEmpty())
        merged.certDir = certDir;
    if (!authFile.isEmpty())
        merged.authFile = authFile;
    if (!creds.isEmpty() || !username.isEmpty() || noCreds || !registryToken.isEmpty()) {
        merged.creds = creds;
        merged.username = username;
        merged.password = password;
        merged.passwordStdin = passwordStdin;
        merged.noCreds = noCreds;
        merged.registryToken = registryToken;
    }
    return merged;
}

std::optional<CliOptions> parseCommandLine(const QStringList &arguments, QString *error)
{
    CliOptions o;
    o.command = commandWord(arguments);
    // "crossdock-cli help copy" is "crossdock-cli copy --help", as in skopeo.
    QStringList args = arguments;
    if (o.command == QLatin1String("help")) {
        args.removeAt(args.indexOf(o.command));
        args << QStringLiteral("--help");
        o.command = commandWord(args);
    }
    if (!o.command.isEmpty() && !findCommand(o.command)) {
        *error = QStringLiteral("unknown command \"%1\"; see crossdock-cli --help").arg(o.command);
        return std::nullopt;
    }
    const QList<Flag> table = flagsFor(o.command);
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const Flag &f : table)
        parser.addOption(QCommandLineOption(f.names, f.help, f.value));
    if (!parser.parse(normalise(args, table))) {
        const QStringList unknown = parser.unknownOptionNames();
        *error = unknown.isEmpty() ? parser.errorText() : unknownFlagError(unknown.first(), o.command);
        return std::nullopt;
    }
    const Flags flags(parser, table);
    for (const Flag &f : table) {
        if (!flags.isSet(f.name()))
            continue;
        if (f.support == Flag::Support::Refused) {
            *error = QStringLiteral("--%1: %2").arg(f.name(), f.why);
            return std::nullopt;
        }
        if (f.support == Flag::Support::NoEffect)
            o.notes << QStringLiteral("--%1 changes nothing: %2").arg(f.name(), f.why);
    }
    o.showHelp = flags.isSet(QStringLiteral("help"));
    o.showVersion = flags.isSet(QStringLiteral("version"));
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        o.arguments = positional.mid(1);
    o.debug = flags.isSet(QStringLiteral("debug"));
    if (flags.isSet(QStringLiteral("max-blob-size"))) {
        QString why;
        const auto bytes = BlobSizeLimit::parse(flags.value(QStringLiteral("max-blob-size")), &why);
        if (!bytes) {
            *error = QStringLiteral("--max-blob-size: %1").arg(why);
            return std::nullopt;
        }
        o.maxBlobSize = *bytes;
    }
    if (!readNumber(flags, QStringLiteral("retry-times"), 0, 100, &o.retryTimes, error)
        || !readDuration(flags, QStringLiteral("retry-delay"), &o.retryDelayMs, error)
        || !readDuration(flags, QStringLiteral("command-timeout"), &o.commandTimeoutMs, error))
        return std::nullopt;
    o.userAgentPrefix = flags.value(QStringLiteral("user-agent-prefix"));
    o.tmpDir = flags.value(QStringLiteral("tmpdir"));
    o.registriesConfPath = flags.value(QStringLiteral("registries-conf"));
    o.tlsDetailsPath = flags.value(QStringLiteral("tls-details"));
    o.policyPath = flags.value(QStringLiteral("policy"));
    o.outputPrefix = flags.value(QStringLiteral("output-prefix"));
    o.passphraseFile = flags.value(QStringLiteral("passphrase-file"));
    o.registriesDPath = flags.value(QStringLiteral("registries.d"));
    o.signatureOutput = flags.value(QStringLiteral("output"));
    o.publicKeyFile = flags.value(QStringLiteral("public-key-file"));
    o.insecurePolicy = flags.isSet(QStringLiteral("insecure-policy"));
    if (o.insecurePolicy && !o.policyPath.isEmpty()) {
        *error = QStringLiteral("--insecure-policy and --policy contradict each other: choose one");
        return std::nullopt;
    }
    const bool isLogin = o.command == QLatin1String("login");
    if (!readEndpoint(flags, QString(), &o.endpoint, error, isLogin)
        || !readEndpoint(flags, QStringLiteral("src-"), &o.source, error)
        || !readEndpoint(flags, QStringLiteral("dest-"), &o.destination, error))
        return std::nullopt;
    if (int(o.endpoint.passwordStdin) + int(o.source.passwordStdin) + int(o.destination.passwordStdin) > 1) {
        *error = QStringLiteral("standard input can carry only one password");
        return std::nullopt;
    }
    if (!readCopyAndSync(flags, &o, error))
        return std::nullopt;
    o.force = flags.isSet(QStringLiteral("force"));
    o.keychain = flags.isSet(QStringLiteral("keychain"));
    o.logoutAll = o.command == QLatin1String("logout") && flags.isSet(QStringLiteral("all"));
    o.getLogin = flags.isSet(QStringLiteral("get-login"));
    o.verbose = flags.isSet(QStringLiteral("verbose"));
    o.compatAuthFile = flags.value(QStringLiteral("compat-auth-file"));
    if (!o.compatAuthFile.isEmpty() && (!o.endpoint.authFile.isEmpty() || o.keychain)) {
        *error = QStringLiteral("--compat-auth-file cannot be combined with --authfile or --keychain");
        return std::nullopt;
    }
    o.raw = flags.isSet(QStringLiteral("raw"));
    o.config = flags.isSet(QStringLiteral("config"));
    o.noTags = flags.isSet(QStringLiteral("no-tags"));
    if (o.command == QLatin1String("inspect")) {
        o.format = flags.value(QStringLiteral("format"));
        if (!o.format.isEmpty() && o.raw) {
            *error = QStringLiteral("--format cannot be combined with --raw (it prints the stored bytes)");
            return std::nullopt;
        }
        const QString algorithm = flags.value(QStringLiteral("manifest-digest"));
        if (!algorithm.isEmpty() && algorithm != QLatin1String("sha256")) {
            *error = QStringLiteral("--manifest-digest: only sha256 is supported, not \"%1\"").arg(algorithm);
            return std::nullopt;
        }
    }
    o.overrideOs = flags.value(QStringLiteral("override-os"));
    o.overrideArch = flags.value(QStringLiteral("override-arch"));
    o.overrideVariant = flags.value(QStringLiteral("override-variant"));
    return o;
}

} // namespace crossdock::cli
