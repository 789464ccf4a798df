#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace crossdock::cli {

// The parsed command line. Flags mirror skopeo's so scripts can switch.
struct CliOptions
{
    QString command;
    QStringList arguments;

    bool debug = false;
    std::optional<bool> tlsVerify;
    QString certDir;
    QString creds;     // user[:password]
    QString username;  // with --password-stdin
    bool passwordStdin = false;
    bool noCreds = false;
    QString authFile;

    // inspect
    bool raw = false;
    bool config = false;
    bool noTags = false;
    QString overrideOs;
    QString overrideArch;
    QString overrideVariant;

    bool showHelp = false;
    bool showVersion = false;
};

// Parses argv. On failure returns nullopt and sets error to one line that
// names the bad argument.
std::optional<CliOptions> parseCommandLine(const QStringList &arguments, QString *error);

QString usageText();

} // namespace crossdock::cli
