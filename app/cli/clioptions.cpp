#include "clioptions.h"

#include <QCommandLineParser>

namespace crossdock::cli {

namespace {

QList<QCommandLineOption> optionList()
{
    return {
        {QStringLiteral("debug"), QStringLiteral("Print requests and decisions on stderr (secrets redacted).")},
        {QStringLiteral("tls-verify"), QStringLiteral("Verify TLS certificates (default true); false also allows plain HTTP."),
         QStringLiteral("bool")},
        {QStringLiteral("cert-dir"), QStringLiteral("Directory with *.crt CAs and a client *.cert/*.key."), QStringLiteral("dir")},
        {QStringLiteral("creds"), QStringLiteral("Credentials user[:password]; without a password it is asked for."),
         QStringLiteral("user[:password]")},
        {QStringLiteral("username"), QStringLiteral("User name; use with --password-stdin."), QStringLiteral("user")},
        {QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input.")},
        {QStringLiteral("no-creds"), QStringLiteral("Access the registry anonymously.")},
        {QStringLiteral("authfile"), QStringLiteral("Auth file to use instead of the containers/docker chain."),
         QStringLiteral("path")},
        {QStringLiteral("raw"), QStringLiteral("inspect: print the manifest (or with --config the config) as stored.")},
        {QStringLiteral("config"), QStringLiteral("inspect: print the image configuration.")},
        {{QStringLiteral("n"), QStringLiteral("no-tags")}, QStringLiteral("inspect: do not list the repository's tags.")},
        {QStringLiteral("override-os"), QStringLiteral("Pick this OS from an index."), QStringLiteral("os")},
        {QStringLiteral("override-arch"), QStringLiteral("Pick this architecture from an index."), QStringLiteral("arch")},
        {QStringLiteral("override-variant"), QStringLiteral("Pick this variant from an index."), QStringLiteral("variant")},
        {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help.")},
        {{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version.")},
    };
}

// skopeo accepts a bare --tls-verify (meaning true) as well as --tls-verify=false.
QStringList normaliseBooleanFlags(QStringList arguments)
{
    for (QString &arg : arguments)
        if (arg == QLatin1String("--tls-verify"))
            arg = QStringLiteral("--tls-verify=true");
    return arguments;
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
               "  manifest-digest FILE                         Print the digest of a manifest file\n\n"
               "References: [docker://]host[:port]/path[:tag][@digest]; \"nginx\" means docker.io/library/nginx:latest.\n"
               "Exit codes: 0 success, 1 error, 2 image or repository not found.\n\n")
        + parser.helpText().section(QLatin1Char('\n'), 2);
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
    if (parser.isSet(QStringLiteral("tls-verify"))) {
        const QString value = parser.value(QStringLiteral("tls-verify")).toLower();
        if (value != QLatin1String("true") && value != QLatin1String("false")) {
            *error = QStringLiteral("--tls-verify takes true or false, not \"%1\"").arg(value);
            return std::nullopt;
        }
        o.tlsVerify = value == QLatin1String("true");
    }
    o.certDir = parser.value(QStringLiteral("cert-dir"));
    o.creds = parser.value(QStringLiteral("creds"));
    o.username = parser.value(QStringLiteral("username"));
    o.passwordStdin = parser.isSet(QStringLiteral("password-stdin"));
    o.noCreds = parser.isSet(QStringLiteral("no-creds"));
    o.authFile = parser.value(QStringLiteral("authfile"));
    o.raw = parser.isSet(QStringLiteral("raw"));
    o.config = parser.isSet(QStringLiteral("config"));
    o.noTags = parser.isSet(QStringLiteral("no-tags"));
    o.overrideOs = parser.value(QStringLiteral("override-os"));
    o.overrideArch = parser.value(QStringLiteral("override-arch"));
    o.overrideVariant = parser.value(QStringLiteral("override-variant"));

    if (!o.creds.isEmpty() && (!o.username.isEmpty() || o.noCreds)) {
        *error = QStringLiteral("--creds cannot be combined with --username or --no-creds");
        return std::nullopt;
    }
    if (o.passwordStdin && o.username.isEmpty() && o.creds.isEmpty()) {
        *error = QStringLiteral("--password-stdin needs --username");
        return std::nullopt;
    }
    if (!o.username.isEmpty() && !o.passwordStdin) {
        *error = QStringLiteral("--username needs --password-stdin (passwords are never taken on the command line "
                                "except inside --creds)");
        return std::nullopt;
    }
    return o;
}

} // namespace crossdock::cli
