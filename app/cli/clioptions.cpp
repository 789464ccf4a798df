#include "clioptions.h"

#include "core/image/blobsizelimit.h"

#include <QCommandLineParser>

namespace crossdock::cli {

namespace {

// The flags that say how to reach a registry, for one prefix ("", "src-", "dest-").
QList<QCommandLineOption> endpointOptionList(const QString &prefix, const QString &side)
{
    const QString p = prefix;
    return {
        {p + QStringLiteral("tls-verify"),
            QStringLiteral("Verify TLS certificates%1 (default true); false also allows plain HTTP.").arg(side),
            QStringLiteral("bool")},
        {p + QStringLiteral("cert-dir"),
            QStringLiteral("Directory with *.crt CAs and a client *.cert/*.key%1.").arg(side), QStringLiteral("dir")},
        {p + QStringLiteral("creds"),
            QStringLiteral("Credentials user[:password]%1; without a password it is asked for.").arg(side),
            QStringLiteral("user[:password]")},
        {p.isEmpty() ? QStringList {QStringLiteral("u"), QStringLiteral("username")}
                     : QStringList {p + QStringLiteral("username")},
            QStringLiteral("User name%1; use with --%2password-stdin.").arg(side, p), QStringLiteral("user")},
        {p + QStringLiteral("password-stdin"), QStringLiteral("Read the password%1 from standard input.").arg(side)},
        {p + QStringLiteral("no-creds"), QStringLiteral("Access the registry%1 anonymously.").arg(side)},
        {p + QStringLiteral("authfile"),
            QStringLiteral("Auth file%1 instead of the containers/docker chain.").arg(side), QStringLiteral("path")},
    };
}

QList<QCommandLineOption> optionList()
{
    QList<QCommandLineOption> options = endpointOptionList(QString(), QString());
    options << endpointOptionList(QStringLiteral("src-"), QStringLiteral(" for the source"))
            << endpointOptionList(QStringLiteral("dest-"), QStringLiteral(" for the destination"));
    return options
        + QList<QCommandLineOption> {
            {QStringLiteral("debug"), QStringLiteral("Print requests and decisions on stderr (secrets redacted).")},
            {QStringLiteral("max-blob-size"),
                QStringLiteral("Refuse images naming a blob larger than this (e.g. 50G; default 1T, or "
                               "$CROSSDOCK_MAX_BLOB_SIZE)."),
                QStringLiteral("size")},
            {QStringLiteral("retry-times"),
                QStringLiteral("Retry transient network and server errors this many times (default 4)."),
                QStringLiteral("n")},
            {QStringLiteral("multi-arch"),
                QStringLiteral(
                    "copy: all (whole index, digests kept), system (this machine's image only) or index-only."),
                QStringLiteral("mode")},
            {QStringLiteral("platform"),
                QStringLiteral("copy: only these platforms of an index (os/arch[/variant],...); writes a new index."),
                QStringLiteral("list")},
            {QStringLiteral("digestfile"),
                QStringLiteral("copy: write the destination manifest's digest to this file."), QStringLiteral("path")},
            {{QStringLiteral("q"), QStringLiteral("quiet")}, QStringLiteral("copy: no progress output.")},
            {{QStringLiteral("p"), QStringLiteral("password")},
                QStringLiteral("login: the password (visible in the process list; prefer --password-stdin)."),
                QStringLiteral("password")},
            {QStringLiteral("keychain"), QStringLiteral("login/logout: the OS keychain instead of an auth file.")},
            {QStringLiteral("all"), QStringLiteral("copy: the whole index (the default); logout: every registry.")},
            {QStringLiteral("force"),
                QStringLiteral("delete: also when other tags name the same manifest (they go too).")},
            {{QStringLiteral("s"), QStringLiteral("src")},
                QStringLiteral("sync: the source transport, docker, dir or yaml."), QStringLiteral("transport")},
            {{QStringLiteral("d"), QStringLiteral("dest")},
                QStringLiteral("sync: the destination transport, docker, dir or oci."), QStringLiteral("transport")},
            {QStringLiteral("scoped"), QStringLiteral("sync: keep the source host/repository under the destination.")},
            {QStringLiteral("append-suffix"), QStringLiteral("sync: append this to every destination tag."),
                QStringLiteral("suffix")},
            {QStringLiteral("dry-run"), QStringLiteral("sync: say what would be copied or skipped; write nothing.")},
            {QStringLiteral("keep-going"), QStringLiteral("sync: go on past failed images; fail at the end.")},
            {QStringLiteral("report"), QStringLiteral("sync: write what happened to this file as JSON."),
                QStringLiteral("path")},
            {QStringLiteral("images"), QStringLiteral("sync: images copied at once (default 4)."), QStringLiteral("n")},
            {QStringLiteral("request-rate"),
                QStringLiteral("sync: at most this many requests per second to each registry."), QStringLiteral("n")},
            {QStringLiteral("shard"),
                QStringLiteral("sync: take only shard I of N; with $JOB_COMPLETION_INDEX set, N alone will do."),
                QStringLiteral("I/N")},
            {QStringLiteral("repo-allow"),
                QStringLiteral("sync of a whole registry: only repositories matching this glob (repeatable)."),
                QStringLiteral("glob")},
            {QStringLiteral("repo-deny"),
                QStringLiteral("sync of a whole registry: leave out repositories matching this glob (repeatable)."),
                QStringLiteral("glob")},
            {QStringLiteral("raw"),
                QStringLiteral("inspect: print the manifest (or with --config the config) as stored.")},
            {QStringLiteral("config"), QStringLiteral("inspect: print the image configuration.")},
            {{QStringLiteral("n"), QStringLiteral("no-tags")},
                QStringLiteral("inspect: do not list the repository's tags.")},
            {QStringLiteral("override-os"), QStringLiteral("Pick this OS from an index."), QStringLiteral("os")},
            {QStringLiteral("override-arch"), QStringLiteral("Pick this architecture from an index."),
                QStringLiteral("arch")},
            {QStringLiteral("override-variant"), QStringLiteral("Pick this variant from an index."),
                QStringLiteral("variant")},
            {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help.")},
            {{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version.")},
        };
}

// skopeo accepts a bare --tls-verify (meaning true) as well as --tls-verify=false.
QStringList normaliseBooleanFlags(QStringList arguments)
{
    for (QString &arg : arguments)
        if (arg == QLatin1String("--tls-verify") || arg == QLatin1String("--src-tls-verify")
            || arg == QLatin1String("--dest-tls-verify"))
            arg += QStringLiteral("=true");
    return arguments;
}

bool readEndpoint(
    const QCommandLineParser &parser, const QString &prefix, EndpointOptions *o, QString *error, bool isLogin = false)
{
    const QString p = prefix;
    if (parser.isSet(p + QStringLiteral("tls-verify"))) {
        const QString value = parser.value(p + QStringLiteral("tls-verify")).toLower();
        if (value != QLatin1String("true") && value != QLatin1String("false")) {
            *error = QStringLiteral("--%1tls-verify takes true or false, not \"%2\"").arg(p, value);
            return false;
        }
        o->tlsVerify = value == QLatin1String("true");
    }
    o->certDir = parser.value(p + QStringLiteral("cert-dir"));
    o->creds = parser.value(p + QStringLiteral("creds"));
    o->username = parser.value(p + QStringLiteral("username"));
    o->passwordStdin = parser.isSet(p + QStringLiteral("password-stdin"));
    o->noCreds = parser.isSet(p + QStringLiteral("no-creds"));
    o->authFile = parser.value(p + QStringLiteral("authfile"));
    if (!o->creds.isEmpty() && (!o->username.isEmpty() || o->noCreds)) {
        *error = QStringLiteral("--%1creds cannot be combined with --%1username or --%1no-creds").arg(p);
        return false;
    }
    if (o->passwordStdin && o->username.isEmpty()) {
        *error = QStringLiteral("--%1password-stdin needs --%1username").arg(p);
        return false;
    }
    if (!o->username.isEmpty() && !o->passwordStdin && !isLogin) {
        *error = QStringLiteral("--%1username needs --%1password-stdin (passwords are never taken on the command line "
                                "except inside --%1creds)")
                     .arg(p);
        return false;
    }
    return true;
}

// A numeric flag within bounds; *out is left alone when the flag is absent.
bool readNumber(const QCommandLineParser &parser, const QString &name, int min, int max, int *out, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        *error = QStringLiteral("--%1 takes a number from %2 to %3, not \"%4\"")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(name));
        return false;
    }
    *out = value;
    return true;
}

} // namespace

QString usageText()
{
    QCommandLineParser parser;
    parser.addOptions(optionList());
    return QStringLiteral(
               "Usage: crossdock-cli COMMAND [OPTIONS] ARGS\n\n"
               "Commands:\n"
               "  inspect [--raw] [--config] [--no-tags] REF   Show an image (JSON, as skopeo inspect)\n"
               "  list-tags REPO                               List a repository's tags\n"
               "  catalog HOST                                 List a registry's repositories\n"
               "  manifest-digest FILE                         Print the digest of a manifest file\n"
               "  copy [--multi-arch all|system|index-only] SRC DST        Copy an image between any two transports, "
               "verified\n"
               "  sync --src docker|dir|yaml --dest docker|dir|oci SRC DST  Keep repositories in step (unchanged: "
               "skipped)\n"
               "  delete [--force] REF                         Delete an image (refuses if other tags share it)\n"
               "  tag REF NEWTAG                               Add a tag on the registry, no data moved\n"
               "  login [-u USER] [--password-stdin] [--keychain] REGISTRY   Check and store credentials\n"
               "  logout [--all] [--keychain] REGISTRY         Forget stored credentials\n\n"
               "Transports: docker://REF (or a bare REF), oci:DIR[:NAME], oci-archive:FILE[:NAME],\n"
               "  docker-archive:FILE[:REF|:@N], dir:DIR\n\n"
               "References: [docker://]host[:port]/path[:tag][@digest]; \"nginx\" means "
               "docker.io/library/nginx:latest.\n"
               "Exit codes: 0 success, 1 error, 2 image or repository not found.\n\n")
        + parser.helpText().section(QLatin1Char('\n'), 2);
}

RetryPolicy CliOptions::retryPolicy() const
{
    RetryPolicy policy;
    if (retryTimes >= 0)
        policy.maxAttempts = retryTimes + 1;
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
    if (!creds.isEmpty() || !username.isEmpty() || noCreds) {
        merged.creds = creds;
        merged.username = username;
        merged.passwordStdin = passwordStdin;
        merged.noCreds = noCreds;
    }
    return merged;
}

std::optional<CliOptions> parseCommandLine(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(optionList());
    if (!parser.parse(normaliseBooleanFlags(arguments))) {
        *error = parser.errorText();
        return std::nullopt;
    }
    CliOptions o;
    o.showHelp = parser.isSet(QStringLiteral("help"));
    o.showVersion = parser.isSet(QStringLiteral("version"));
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        o.command = positional.first();
        o.arguments = positional.mid(1);
    }
    o.debug = parser.isSet(QStringLiteral("debug"));
    if (parser.isSet(QStringLiteral("max-blob-size"))) {
        QString why;
        const auto bytes = BlobSizeLimit::parse(parser.value(QStringLiteral("max-blob-size")), &why);
        if (!bytes) {
            *error = QStringLiteral("--max-blob-size: %1").arg(why);
            return std::nullopt;
        }
        o.maxBlobSize = *bytes;
    }
    if (!readEndpoint(parser, QString(), &o.endpoint, error, o.command == QLatin1String("login"))
        || !readEndpoint(parser, QStringLiteral("src-"), &o.source, error)
        || !readEndpoint(parser, QStringLiteral("dest-"), &o.destination, error))
        return std::nullopt;
    o.all = parser.isSet(QStringLiteral("all"));
    o.multiArch = parser.value(QStringLiteral("multi-arch"));
    o.digestFile = parser.value(QStringLiteral("digestfile"));
    o.platforms = parser.value(QStringLiteral("platform"));
    if (!o.platforms.isEmpty() && !o.multiArch.isEmpty() && o.multiArch != QLatin1String("all")) {
        *error = QStringLiteral("--platform contradicts --multi-arch %1").arg(o.multiArch);
        return std::nullopt;
    }
    o.quiet = parser.isSet(QStringLiteral("quiet"));
    o.force = parser.isSet(QStringLiteral("force"));
    o.password = parser.value(QStringLiteral("password"));
    if (!o.password.isEmpty() && o.command != QLatin1String("login")) {
        *error = QStringLiteral("--password is only for login; use --username with --password-stdin, or --creds");
        return std::nullopt;
    }
    o.keychain = parser.isSet(QStringLiteral("keychain"));
    o.logoutAll = o.command == QLatin1String("logout") && o.all;
    if (!readNumber(parser, QStringLiteral("retry-times"), 0, 100, &o.retryTimes, error))
        return std::nullopt;
    if (!o.multiArch.isEmpty() && o.multiArch != QLatin1String("all") && o.multiArch != QLatin1String("system")
        && o.multiArch != QLatin1String("index-only")) {
        *error = QStringLiteral("--multi-arch takes all, system or index-only, not \"%1\"").arg(o.multiArch);
        return std::nullopt;
    }
    if (o.all && !o.multiArch.isEmpty() && o.multiArch != QLatin1String("all")) {
        *error = QStringLiteral("--all contradicts --multi-arch %1").arg(o.multiArch);
        return std::nullopt;
    }
    if (int(o.endpoint.passwordStdin) + int(o.source.passwordStdin) + int(o.destination.passwordStdin) > 1) {
        *error = QStringLiteral("standard input can carry only one password");
        return std::nullopt;
    }
    o.syncSource = parser.value(QStringLiteral("src"));
    o.syncDestination = parser.value(QStringLiteral("dest"));
    o.scoped = parser.isSet(QStringLiteral("scoped"));
    o.appendSuffix = parser.value(QStringLiteral("append-suffix"));
    o.dryRun = parser.isSet(QStringLiteral("dry-run"));
    o.keepGoing = parser.isSet(QStringLiteral("keep-going"));
    o.reportFile = parser.value(QStringLiteral("report"));
    o.repoAllow = parser.values(QStringLiteral("repo-allow"));
    o.repoDeny = parser.values(QStringLiteral("repo-deny"));
    if (!readNumber(parser, QStringLiteral("images"), 1, 64, &o.images, error))
        return std::nullopt;
    if (parser.isSet(QStringLiteral("request-rate"))) {
        bool ok = false;
        o.requestRate = parser.value(QStringLiteral("request-rate")).toDouble(&ok);
        if (!ok || o.requestRate <= 0 || o.requestRate > 10000) {
            *error = QStringLiteral("--request-rate takes requests per second above 0, not \"%1\"")
                         .arg(parser.value(QStringLiteral("request-rate")));
            return std::nullopt;
        }
    }
    QString shard = parser.value(QStringLiteral("shard"));
    if (!shard.isEmpty()) {
        // "I/N", or "/N" with I from a Kubernetes Indexed Job.
        if (qEnvironmentVariableIsSet("JOB_COMPLETION_INDEX") && !shard.contains(QLatin1Char('/')))
            shard.prepend(qEnvironmentVariable("JOB_COMPLETION_INDEX") + QLatin1Char('/'));
        else if (shard.startsWith(QLatin1Char('/')) && qEnvironmentVariableIsSet("JOB_COMPLETION_INDEX"))
            shard.prepend(qEnvironmentVariable("JOB_COMPLETION_INDEX"));
        const QStringList parts = shard.split(QLatin1Char('/'));
        bool okIndex = false, okCount = false;
        o.shardIndex = parts.value(0).toInt(&okIndex);
        o.shardCount = parts.value(1).toInt(&okCount);
        if (parts.size() != 2 || !okIndex || !okCount || o.shardCount < 1 || o.shardIndex < 0
            || o.shardIndex >= o.shardCount) {
            *error
                = QStringLiteral("--shard takes I/N with 0 <= I < N (or /N with $JOB_COMPLETION_INDEX set), not \"%1\"")
                      .arg(parser.value(QStringLiteral("shard")));
            return std::nullopt;
        }
    }
    o.raw = parser.isSet(QStringLiteral("raw"));
    o.config = parser.isSet(QStringLiteral("config"));
    o.noTags = parser.isSet(QStringLiteral("no-tags"));
    o.overrideOs = parser.value(QStringLiteral("override-os"));
    o.overrideArch = parser.value(QStringLiteral("override-arch"));
    o.overrideVariant = parser.value(QStringLiteral("override-variant"));
    return o;
}

} // namespace crossdock::cli
