// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/net/retrypolicy.h"
#include "core/transfer/transferengine.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace crossdock {
class RegistriesConf;
class SigstorePrivateKey;
class LookasideConfig;
class TrustPolicy;
}

namespace crossdock::cli {

// How to reach one registry: TLS and credentials flags. The plain flags
// (--creds) apply to every registry a command talks to; copy's --src-* and
// --dest-* flags override them for one side, as in skopeo.
struct EndpointOptions {
    std::optional<bool> tlsVerify;
    QString certDir;
    QString creds; // user[:password]
    QString username; // with --password-stdin or --password
    QString password; // --password: works, with a warning (argv is visible to other users)
    bool passwordStdin = false;
    bool noCreds = false;
    QString registryToken; // --registry-token: a bearer token sent as is
    QString authFile;
    // registries.conf: blocked and insecure registries (set by main()).
    std::shared_ptr<const RegistriesConf> registriesConf;

    // This side's flags over the common ones.
    EndpointOptions overriding(const EndpointOptions &common) const;
};

// The parsed command line. Flags mirror skopeo's so scripts can switch.
struct CliOptions {
    QString command;
    QStringList arguments;

    bool debug = false;
    qint64 maxBlobSize = 0; // --max-blob-size; 0: the environment's or the default
    int retryTimes = -1; // --retry-times; -1: the default policy
    qint64 retryDelayMs = -1; // --retry-delay; -1: exponential backoff
    qint64 commandTimeoutMs = 0; // --command-timeout; 0: none
    QString userAgentPrefix;
    QString tmpDir;
    QString registriesConfPath; // --registries-conf
    QString tlsDetailsPath; // --tls-details
    QString policyPath; // --policy
    bool insecurePolicy = false; // --insecure-policy
    bool removeSignatures = false; // --remove-signatures
    bool referrers = false; // --referrers
    QString signByKeyPath; // --sign-by-sigstore-private-key
    QString signPassphraseFile; // --sign-passphrase-file
    QString signIdentity; // --sign-identity
    QString signByGpgKey; // --sign-by
    std::optional<QByteArray> gpgPassphrase; // from --sign-passphrase-file, for --sign-by (loadSigningKey)
    QString registriesDPath; // --registries.d
    // registries.d, loaded by main for copy, sync and the standalone commands.
    std::shared_ptr<const LookasideConfig> lookaside;
    QString signatureOutput; // standalone-sign --output
    QString publicKeyFile; // standalone-verify --public-key-file
    std::shared_ptr<const SigstorePrivateKey> signingKey; // decrypted by main (loadSigningKey)
    QString outputPrefix; // generate-sigstore-key --output-prefix
    QString passphraseFile; // generate-sigstore-key --passphrase-file
    // The signature policy copy and sync enforce (set by main; none with
    // --insecure-policy or when no policy file exists).
    std::shared_ptr<const TrustPolicy> trustPolicy;
    // A short-name source's images in the order to try (registries.conf
    // unqualified-search-registries; set by main, empty otherwise).
    QStringList sourceCandidates;
    // Accepted flags that change nothing here, with why (shown with --debug).
    QStringList notes;
    EndpointOptions endpoint; // common flags
    EndpointOptions source; // copy: --src-*
    EndpointOptions destination; // copy: --dest-*

    // copy
    bool all = false;
    QString multiArch; // all | system
    QString digestFile;
    QString platforms; // --platform os/arch[/variant],...
    bool quiet = false;
    bool preserveDigests = false;
    QStringList additionalTags; // docker-archive: destinations
    int imageParallelCopies = 0; // layers at once; 0: the default
    // copy and sync: --format, --dest-compress-format/-level, --dest-compress,
    // --dest-decompress, --dest-force-compress-format
    ManifestConversion::Format manifestFormat = ManifestConversion::Format::Keep;
    std::optional<LayerCompression::Target> layerCompression;
    bool forceCompression = false;

    // sync
    QString syncSource; // --src docker|yaml
    QString syncDestination; // --dest docker|oci
    bool scoped = false;
    QString appendSuffix;
    bool dryRun = false;
    bool keepGoing = false;
    QString reportFile;
    int images = 4; // images at once
    double requestRate = 0; // --request-rate: requests per second to each registry
    int shardIndex = 0; // --shard I/N
    int shardCount = 1;
    QStringList repoAllow; // whole-registry sync: repository globs
    QStringList repoDeny;

    // delete
    bool force = false;

    // login / logout
    bool keychain = false;
    bool logoutAll = false;
    bool getLogin = false;
    bool verbose = false;
    QString compatAuthFile;

    // inspect
    bool raw = false;
    bool config = false;
    bool noTags = false;
    QString format; // --format: a Go template
    QString overrideOs;
    QString overrideArch;
    QString overrideVariant;

    RetryPolicy retryPolicy() const;

    bool showHelp = false; // of the command, or the overview without one
    bool showVersion = false;
};

// What the copy and sync flags ask of each copy (conversions, signatures), onto options.
void applyCopyFlags(const CliOptions &cli, CopyOptions *options);

// --image-parallel-copies N: at most N blobs move at once, in all and to any one registry.
TransferEngine::Limits parallelCopies(int blobs);

// Parses argv with the flags of its command (app/cli/flagtable). On failure
// returns nullopt and sets error to one line that names the bad argument.
std::optional<CliOptions> parseCommandLine(const QStringList &arguments, QString *error);

} // namespace crossdock::cli
