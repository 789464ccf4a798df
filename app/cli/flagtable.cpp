// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "flagtable.h"

namespace crossdock::cli {

namespace {

using Support = Flag::Support;

const QStringList Registry {QStringLiteral("inspect"), QStringLiteral("list-tags"), QStringLiteral("catalog"),
    QStringLiteral("delete"), QStringLiteral("tag"), QStringLiteral("copy"), QStringLiteral("sync")};
const QStringList TwoSided {QStringLiteral("copy"), QStringLiteral("sync")};
const QStringList Copy {QStringLiteral("copy")};
const QStringList CopySync = TwoSided;
const QStringList Inspect {QStringLiteral("inspect")};
const QStringList Sync {QStringLiteral("sync")};
const QStringList Login {QStringLiteral("login")};
const QStringList GenerateKey {QStringLiteral("generate-sigstore-key")};
const QStringList StandaloneSign {QStringLiteral("standalone-sign")};
const QStringList StandaloneVerify {QStringLiteral("standalone-verify")};
const QStringList PassphraseFile {QStringLiteral("generate-sigstore-key"), QStringLiteral("standalone-sign")};
const QStringList LoginLogout {QStringLiteral("login"), QStringLiteral("logout")};
const QStringList Delete {QStringLiteral("delete")};
const QStringList Top {QString()}; // before any command only

const QString NoSigning = QStringLiteral(
    "crossdock-cli signs with sigstore keys (--sign-by-sigstore-private-key) and GPG keys (--sign-by); Fulcio and "
    "Sequoia signing are not supported yet");
const QString NoEncryption = QStringLiteral("encrypted layers (ocicrypt) are not supported");
const QString NoDaemon = QStringLiteral(
    "the docker-daemon: transport is not supported; use docker-archive: with docker save and docker load");
const QString NoSharedBlobDir = QStringLiteral("shared blob directories for oci: layouts are not supported yet");
const QString NoPolicy = QStringLiteral(
    "not a skopeo flag; require signatures in the signature policy instead (sigstoreSigned in --policy)");

Flag flag(QStringList names, QString value, QString help, QStringList commands = {})
{
    Flag f;
    f.names = std::move(names);
    f.value = std::move(value);
    f.help = std::move(help);
    f.commands = std::move(commands);
    return f;
}

Flag refused(QStringList names, QString value, QString help, QStringList commands, QString why)
{
    Flag f = flag(std::move(names), std::move(value), std::move(help), std::move(commands));
    f.support = Support::Refused;
    f.why = std::move(why);
    return f;
}

Flag noEffect(QStringList names, QString value, QString help, QStringList commands, QString why)
{
    Flag f = refused(std::move(names), std::move(value), std::move(help), std::move(commands), std::move(why));
    f.support = Support::NoEffect;
    return f;
}

Flag hidden(Flag f)
{
    f.hidden = true;
    return f;
}

// How to reach one registry. prefix "", "src-" or "dest-"; side " for the source" etc.
QList<Flag> endpointFlags(const QString &p, const QString &side, const QStringList &commands)
{
    const bool common = p.isEmpty();
    const QStringList daemonCommands = common ? QStringList {QStringLiteral("inspect"), QStringLiteral("delete")} : Copy;
    return {
        flag({p + QStringLiteral("tls-verify")}, QStringLiteral("bool"),
            QStringLiteral("Require HTTPS and verify certificates%1 (default true); false also allows plain HTTP.")
                .arg(side),
            commands),
        flag({p + QStringLiteral("cert-dir")}, QStringLiteral("dir"),
            QStringLiteral("Trust the *.crt CAs and use the client *.cert/*.key in this directory%1.").arg(side),
            commands),
        flag({p + QStringLiteral("creds")}, QStringLiteral("user[:password]"),
            QStringLiteral("Credentials%1; without a password it is asked for.").arg(side), commands),
        flag({p + QStringLiteral("username")}, QStringLiteral("user"), QStringLiteral("User name%1.").arg(side),
            commands),
        flag({p + QStringLiteral("password")}, QStringLiteral("password"),
            QStringLiteral("Password%1 (visible to other users in the process list; prefer --%2password-stdin).")
                .arg(side, p),
            commands),
        flag({p + QStringLiteral("password-stdin")}, {},
            QStringLiteral("Read the password%1 from standard input.").arg(side), commands),
        flag({p + QStringLiteral("no-creds")}, {}, QStringLiteral("Access the registry%1 anonymously.").arg(side),
            commands),
        flag({p + QStringLiteral("registry-token")}, QStringLiteral("token"),
            QStringLiteral("A bearer token%1, sent as is (no login, no token exchange).").arg(side), commands),
        flag({p + QStringLiteral("authfile")}, QStringLiteral("path"),
            QStringLiteral("Read credentials%1 from this auth file, not the containers/docker chain.").arg(side),
            commands),
        refused({p + QStringLiteral("daemon-host")}, QStringLiteral("host"),
            QStringLiteral("The docker daemon%1.").arg(side), daemonCommands, NoDaemon),
        refused({p + QStringLiteral("shared-blob-dir")}, QStringLiteral("dir"),
            QStringLiteral("Blob directory shared by oci: layouts%1.").arg(side), daemonCommands, NoSharedBlobDir),
    };
}

// login and logout: where the login is checked and stored.
QList<Flag> loginFlags()
{
    const QStringList logout {QStringLiteral("logout")};
    return {
        flag({QStringLiteral("username"), QStringLiteral("u")}, QStringLiteral("user"), QStringLiteral("User name."),
            Login),
        flag({QStringLiteral("password"), QStringLiteral("p")}, QStringLiteral("password"),
            QStringLiteral("Password (visible to other users in the process list; prefer --password-stdin)."), Login),
        flag({QStringLiteral("password-stdin")}, {}, QStringLiteral("Read the password from standard input."), Login),
        flag({QStringLiteral("tls-verify")}, QStringLiteral("bool"),
            QStringLiteral("Require HTTPS and verify certificates (default true)."), LoginLogout),
        flag({QStringLiteral("cert-dir")}, QStringLiteral("dir"),
            QStringLiteral("Trust the *.crt CAs and use the client *.cert/*.key in this directory."), Login),
        flag({QStringLiteral("authfile")}, QStringLiteral("path"),
            QStringLiteral("Store in (remove from) this auth file, not ${XDG_RUNTIME_DIR}/containers/auth.json."),
            LoginLogout),
        flag({QStringLiteral("compat-auth-file")}, QStringLiteral("path"),
            QStringLiteral("Store in (remove from) this Docker-compatible config.json instead."), LoginLogout),
        flag({QStringLiteral("get-login")}, {},
            QStringLiteral("Print the user name stored for the registry; fail if there is none."), Login),
        flag({QStringLiteral("verbose"), QStringLiteral("v")}, {},
            QStringLiteral("Say where the login was stored."), Login),
        flag({QStringLiteral("keychain")}, {},
            QStringLiteral("The OS keychain instead of an auth file (crossdock)."), LoginLogout),
        flag({QStringLiteral("all"), QStringLiteral("a")}, {}, QStringLiteral("Every registry."), logout),
    };
}

// Flags skopeo does not have: marked so the README's comparison says so.
void markCrossdockOnly(QList<Flag> *table)
{
    static const QStringList names {QStringLiteral("max-blob-size"), QStringLiteral("platform"),
        QStringLiteral("report"), QStringLiteral("images"), QStringLiteral("request-rate"), QStringLiteral("shard"),
        QStringLiteral("repo-allow"), QStringLiteral("repo-deny"), QStringLiteral("force"), QStringLiteral("keychain")};
    for (Flag &f : *table)
        f.crossdockOnly = names.contains(f.name());
}

QList<Flag> buildTable()
{
    QList<Flag> t;
    // --- global ------------------------------------------------------------
    t << flag({QStringLiteral("debug")}, {}, QStringLiteral("Print requests and decisions on stderr (secrets redacted)."))
      << flag({QStringLiteral("command-timeout")}, QStringLiteral("duration"),
             QStringLiteral("Stop the command after this long (e.g. 90s, 10m, 1h30m) and fail."))
      << flag({QStringLiteral("retry-times")}, QStringLiteral("n"),
             QStringLiteral("Retry transient network and server errors this many times (default 4)."), Registry)
      << flag({QStringLiteral("retry-delay")}, QStringLiteral("duration"),
             QStringLiteral("Wait this long between retries (default: exponential backoff from 1s)."), Registry)
      << flag({QStringLiteral("max-blob-size")}, QStringLiteral("size"),
             QStringLiteral("Refuse images naming a blob larger than this (e.g. 50G; default 1T or "
                            "$CROSSDOCK_MAX_BLOB_SIZE)."))
      << flag({QStringLiteral("user-agent-prefix")}, QStringLiteral("prefix"),
             QStringLiteral("Put this before crossdock-cli's User-Agent in every request."))
      << flag({QStringLiteral("tmpdir")}, QStringLiteral("dir"),
             QStringLiteral("Directory for temporary files (archives being read); default $TMPDIR or /tmp."))
      << flag({QStringLiteral("override-os")}, QStringLiteral("os"),
             QStringLiteral("Pick this OS from an index instead of this machine's."))
      << flag({QStringLiteral("override-arch")}, QStringLiteral("arch"),
             QStringLiteral("Pick this architecture from an index instead of this machine's."))
      << flag({QStringLiteral("override-variant")}, QStringLiteral("variant"),
             QStringLiteral("Pick this variant from an index instead of this machine's."))
      << flag({QStringLiteral("insecure-policy")}, {},
             QStringLiteral("Do not check the signature policy (copy, sync)."))
      << flag({QStringLiteral("policy")}, QStringLiteral("path"),
             QStringLiteral("Signature policy file (containers-policy.json) that copy and sync enforce; default "
                            "~/.config/containers/policy.json, then /etc/containers/policy.json."))
      << refused({QStringLiteral("require-signed")}, {},
             QStringLiteral("Refuse images without a verified signature."), {}, NoPolicy)
      << flag({QStringLiteral("registries-conf")}, QStringLiteral("path"),
             QStringLiteral("Read this registries.conf alone (as $CONTAINERS_REGISTRIES_CONF; skopeo's hidden flag)."))
      << flag({QStringLiteral("registries.d")}, QStringLiteral("dir"),
             QStringLiteral("Where GPG signatures are kept (registries.d lookaside configuration); default "
                            "~/.config/containers/registries.d, then /etc/containers/registries.d."))
      << flag({QStringLiteral("tls-details")}, QStringLiteral("path"),
             QStringLiteral("TLS settings file (containers-tls-details.yaml): minVersion, cipherSuites, namedGroups."))
      << flag({QStringLiteral("help"), QStringLiteral("h")}, {}, QStringLiteral("Show help (of a command after it)."))
      << flag({QStringLiteral("version"), QStringLiteral("v")}, {}, QStringLiteral("Show the version."), Top);

    // --- how to reach registries ------------------------------------------
    t << endpointFlags(QString(), QString(), Registry);
    t << endpointFlags(QStringLiteral("src-"), QStringLiteral(" for the source"), TwoSided);
    t << endpointFlags(QStringLiteral("dest-"), QStringLiteral(" for the destination"), TwoSided);
    t << hidden(flag({QStringLiteral("screds")}, QStringLiteral("user[:password]"),
             QStringLiteral("Old name of --src-creds."), TwoSided))
      << hidden(flag({QStringLiteral("dcreds")}, QStringLiteral("user[:password]"),
             QStringLiteral("Old name of --dest-creds."), TwoSided));

    // --- copy and sync ------------------------------------------------------
    t << flag({QStringLiteral("all"), QStringLiteral("a")}, {},
             QStringLiteral("The whole index with every platform, digests kept (the default)."), CopySync)
      << flag({QStringLiteral("multi-arch")}, QStringLiteral("mode"),
             QStringLiteral("all (the whole index), system (this machine's image only) or index-only."), CopySync)
      << flag({QStringLiteral("platform")}, QStringLiteral("os/arch[/variant],..."),
             QStringLiteral("Only these platforms of an index; writes a new index (crossdock)."), CopySync)
      << flag({QStringLiteral("digestfile")}, QStringLiteral("path"),
             QStringLiteral("Write the destination manifest's digest to this file (sync: \"DIGEST DESTINATION\" "
                            "per image)."),
             CopySync)
      << flag({QStringLiteral("preserve-digests")}, {},
             QStringLiteral("Fail rather than write anything whose digest differs from the source's."), CopySync)
      << flag({QStringLiteral("additional-tag")}, QStringLiteral("name:tag"),
             QStringLiteral("docker-archive: destinations: also name the image this way (repeatable)."), Copy)
      << flag({QStringLiteral("image-parallel-copies")}, QStringLiteral("n"),
             QStringLiteral("Copy at most this many layers at once (default 6)."), CopySync)
      << flag({QStringLiteral("quiet"), QStringLiteral("q")}, {}, QStringLiteral("No progress output."), CopySync)
      << flag({QStringLiteral("remove-signatures")}, {},
             QStringLiteral("Leave the image's sigstore signatures behind (they travel between registries otherwise)."),
             CopySync)
      << flag({QStringLiteral("referrers")}, {},
             QStringLiteral("Also copy attestations, SBOMs and other OCI referrers of each manifest (crossdock, "
                            "as regctl's --referrers)."),
             CopySync)
      << noEffect({QStringLiteral("dest-precompute-digests")}, {},
             QStringLiteral("Compute digests before uploading, to skip what the destination has."), CopySync,
             QStringLiteral("crossdock-cli always knows a blob's digest before it uploads it"))
      << noEffect({QStringLiteral("dest-oci-accept-uncompressed-layers")}, {},
             QStringLiteral("Keep uncompressed layers in oci: and dir: destinations."), CopySync,
             QStringLiteral("crossdock-cli compresses layers only when asked (--dest-compress-format), so uncompressed ones stay so"))
      << flag({QStringLiteral("format"), QStringLiteral("f")}, QStringLiteral("oci|v2s2"),
             QStringLiteral("Manifest type to write (v2s1 is refused: schema 1 is deprecated)."), CopySync)
      << flag({QStringLiteral("dest-compress")}, {},
             QStringLiteral("Compress layers with gzip (as --dest-compress-format gzip)."), CopySync)
      << flag({QStringLiteral("dest-decompress")}, {}, QStringLiteral("Decompress layers as they stream."), CopySync)
      << flag({QStringLiteral("dest-compress-format")}, QStringLiteral("gzip|zstd"),
             QStringLiteral("Recompress layers in another compression as they stream (zstd:chunked is refused)."), CopySync)
      << flag({QStringLiteral("dest-compress-level")}, QStringLiteral("level"),
             QStringLiteral("Compression level (gzip 1-9, zstd 1-22)."), CopySync)
      << flag({QStringLiteral("dest-force-compress-format")}, {},
             QStringLiteral("Recompress layers already in the --dest-compress-format too."), CopySync)
      << flag({QStringLiteral("sign-by")}, QStringLiteral("key-id"),
             QStringLiteral("Sign the image at the destination with this GPG key (the signature goes to the "
                            "registries.d lookaside)."), CopySync)
      << refused({QStringLiteral("sign-by-sigstore")}, QStringLiteral("param-file"),
             QStringLiteral("Sign with sigstore using this parameter file."), CopySync, NoSigning)
      << flag({QStringLiteral("sign-by-sigstore-private-key")}, QStringLiteral("path"),
             QStringLiteral("Sign the image at the destination with this sigstore (cosign) private key."), CopySync)
      << refused({QStringLiteral("sign-by-sq-fingerprint")}, QStringLiteral("fingerprint"),
             QStringLiteral("Sign with this Sequoia-PGP key."), CopySync, NoSigning)
      << flag({QStringLiteral("sign-passphrase-file")}, QStringLiteral("path"),
             QStringLiteral("Read the signing key's passphrase from the first line of this file (else a prompt)."),
             CopySync)
      << flag({QStringLiteral("sign-identity")}, QStringLiteral("reference"),
             QStringLiteral("The image the signature names (default: the destination reference)."), Copy)
      << refused({QStringLiteral("encrypt-layer")}, QStringLiteral("ints"),
             QStringLiteral("Layers to encrypt."), Copy, NoEncryption)
      << refused({QStringLiteral("encryption-key")}, QStringLiteral("protocol:keyfile"),
             QStringLiteral("Key to encrypt layers with."), Copy, NoEncryption)
      << refused({QStringLiteral("decryption-key")}, QStringLiteral("key[:passphrase]"),
             QStringLiteral("Key to decrypt layers with."), Copy, NoEncryption);

    // --- sync ---------------------------------------------------------------
    t << flag({QStringLiteral("src"), QStringLiteral("s")}, QStringLiteral("transport"),
             QStringLiteral("The source transport: docker, dir or yaml."), Sync)
      << flag({QStringLiteral("dest"), QStringLiteral("d")}, QStringLiteral("transport"),
             QStringLiteral("The destination transport: docker, dir or oci."), Sync)
      << flag({QStringLiteral("scoped")}, {}, QStringLiteral("Keep the source host/repository under the destination."),
             Sync)
      << flag({QStringLiteral("append-suffix")}, QStringLiteral("suffix"),
             QStringLiteral("Append this to every destination tag."), Sync)
      << flag({QStringLiteral("dry-run")}, {}, QStringLiteral("Say what would be copied or skipped; write nothing."),
             Sync)
      << flag({QStringLiteral("keep-going")}, {}, QStringLiteral("Go on past failed images; fail at the end."), Sync)
      << flag({QStringLiteral("report")}, QStringLiteral("path"),
             QStringLiteral("Write what happened, image by image, to this file as JSON (crossdock)."), Sync)
      << flag({QStringLiteral("images")}, QStringLiteral("n"),
             QStringLiteral("Copy this many images at once (default 4; crossdock)."), Sync)
      << flag({QStringLiteral("request-rate")}, QStringLiteral("n"),
             QStringLiteral("At most this many requests per second to each registry (crossdock)."), Sync)
      << flag({QStringLiteral("shard")}, QStringLiteral("I/N"),
             QStringLiteral("Take only shard I of N; with $JOB_COMPLETION_INDEX set, /N will do (crossdock)."), Sync)
      << flag({QStringLiteral("repo-allow")}, QStringLiteral("glob"),
             QStringLiteral("Whole registry: only repositories matching this glob (repeatable; crossdock)."), Sync)
      << flag({QStringLiteral("repo-deny")}, QStringLiteral("glob"),
             QStringLiteral("Whole registry: leave out repositories matching this glob (repeatable; crossdock)."),
             Sync);

    // --- inspect --------------------------------------------------------------
    t << flag({QStringLiteral("format"), QStringLiteral("f")}, QStringLiteral("template"),
             QStringLiteral("Print with this Go template instead of JSON, e.g. '{{.Digest}}'."), Inspect)
      << flag({QStringLiteral("raw")}, {}, QStringLiteral("Print the manifest (with --config the config) as stored."),
             Inspect)
      << flag({QStringLiteral("config")}, {}, QStringLiteral("Print the image configuration."), Inspect)
      << flag({QStringLiteral("no-tags"), QStringLiteral("n")}, {},
             QStringLiteral("Do not list the repository's tags."), Inspect)
      << flag({QStringLiteral("manifest-digest")}, QStringLiteral("algorithm"),
             QStringLiteral("Digest algorithm for the Digest field (sha256, the only one registries use)."), Inspect);

    // --- generate-sigstore-key ------------------------------------------------
    t << flag({QStringLiteral("output-prefix")}, QStringLiteral("prefix"),
             QStringLiteral("Write the key pair to PREFIX.private and PREFIX.pub."), GenerateKey)
      << flag({QStringLiteral("passphrase-file")}, QStringLiteral("path"),
             QStringLiteral("generate-sigstore-key: encrypt the private key with the first line of this file (else a "
                            "prompt); standalone-sign: the GPG key's passphrase (else gpg-agent asks)."),
             PassphraseFile);

    // --- standalone-sign, standalone-verify ---------------------------------
    t << flag({QStringLiteral("output"), QStringLiteral("o")}, QStringLiteral("file"),
             QStringLiteral("Write the signature to this file."), StandaloneSign)
      << flag({QStringLiteral("public-key-file")}, QStringLiteral("file"),
             QStringLiteral("Verify with the keys in this file (gpg --export) instead of your GnuPG keyring; "
                            "KEY-FINGERPRINTS may then be \"any\"."),
             StandaloneVerify);

    // --- delete, login, logout ------------------------------------------------
    t << flag({QStringLiteral("force")}, {},
             QStringLiteral("Also when other tags name the same manifest (they go too; crossdock)."), Delete)
      ;
    t << loginFlags();
    markCrossdockOnly(&t);
    return t;
}

} // namespace

QString Flag::synopsis() const
{
    QStringList forms;
    for (const QString &n : names)
        forms << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
    return forms.join(QStringLiteral(", ")) + (takesValue() ? QLatin1Char(' ') + value : QString());
}

const QList<Flag> &allFlags()
{
    static const QList<Flag> table = buildTable();
    return table;
}

QList<Flag> flagsFor(const QString &command)
{
    QList<Flag> own;
    QList<Flag> global;
    for (const Flag &f : allFlags()) {
        if (!f.appliesTo(command))
            continue;
        (f.commands.isEmpty() ? global : own) << f;
    }
    return own + global;
}

const Flag *findFlag(const QString &name, const QString &command)
{
    for (const Flag &f : allFlags())
        if (f.names.contains(name) && f.appliesTo(command))
            return &f;
    return nullptr;
}

QStringList commandsWithFlag(const QString &name)
{
    QStringList commands;
    for (const Flag &f : allFlags())
        if (f.names.contains(name))
            for (const CommandInfo &c : allCommands())
                if (f.appliesTo(c.name) && !commands.contains(c.name))
                    commands << c.name;
    return commands;
}

const QList<CommandInfo> &allCommands()
{
    static const QList<CommandInfo> commands {
        {QStringLiteral("inspect"), QStringLiteral("IMAGE"),
            QStringLiteral("Show an image's digest, tags, platform, layers and labels"),
            QStringLiteral("Prints what skopeo inspect prints, as JSON or through --format. --raw prints the manifest "
                           "as stored, --config the image configuration.")},
        {QStringLiteral("list-tags"), QStringLiteral("REPOSITORY"), QStringLiteral("List a repository's tags"),
            QStringLiteral("Prints {\"Repository\", \"Tags\"} as JSON, every page of the registry's list.")},
        {QStringLiteral("catalog"), QStringLiteral("REGISTRY"), QStringLiteral("List a registry's repositories"),
            QStringLiteral("Prints {\"Registry\", \"Repositories\"} as JSON (crossdock; registries may keep their "
                           "catalog to themselves).")},
        {QStringLiteral("manifest-digest"), QStringLiteral("FILE"),
            QStringLiteral("Print the digest of a manifest file"),
            QStringLiteral("The digest a registry would give the manifest in FILE (a signed schema 1 manifest without "
                           "its signatures).")},
        {QStringLiteral("generate-sigstore-key"), QStringLiteral("--output-prefix PREFIX"),
            QStringLiteral("Make a sigstore signing key pair"),
            QStringLiteral("An ECDSA P-256 key in cosign's encrypted format (PREFIX.private) and its public key "
                           "(PREFIX.pub, for policy.json's keyPath), as skopeo's and cosign's.")},
        {QStringLiteral("standalone-sign"), QStringLiteral("MANIFEST DOCKER-REFERENCE KEY-FINGERPRINT --output FILE"),
            QStringLiteral("Sign a manifest file with a GPG key"),
            QStringLiteral("Writes a GPG simple-signing signature (as skopeo's) claiming that the manifest in MANIFEST "
                           "is DOCKER-REFERENCE, made with the secret key KEY-FINGERPRINT of your GnuPG keyring.")},
        {QStringLiteral("standalone-verify"), QStringLiteral("MANIFEST DOCKER-REFERENCE KEY-FINGERPRINTS SIGNATURE"),
            QStringLiteral("Check a GPG signature of a manifest file"),
            QStringLiteral("Checks that SIGNATURE was made by one of KEY-FINGERPRINTS (comma-separated) for the "
                           "manifest in MANIFEST and names DOCKER-REFERENCE; prints the fingerprint and digest.")},
        {QStringLiteral("copy"), QStringLiteral("SOURCE DESTINATION"),
            QStringLiteral("Copy an image between any two transports, verified"),
            QStringLiteral("Streams the image straight from SOURCE to DESTINATION, checking every byte against its "
                           "digest; blobs the destination has are skipped or mounted. An index is copied whole "
                           "unless --multi-arch or --platform say otherwise.")},
        {QStringLiteral("sync"), QStringLiteral("--src T --dest T SOURCE DESTINATION"),
            QStringLiteral("Keep repositories in step; unchanged images are skipped"),
            QStringLiteral("Copies every tag of a repository, a whole registry or what a YAML file lists; images the "
                           "destination already holds are skipped.")},
        {QStringLiteral("delete"), QStringLiteral("IMAGE"), QStringLiteral("Delete an image"),
            QStringLiteral("Deletes the manifest IMAGE names. Registries delete by digest: other tags naming it go "
                           "too, so crossdock-cli refuses unless --force.")},
        {QStringLiteral("tag"), QStringLiteral("IMAGE NEWTAG"), QStringLiteral("Add a tag on the registry"),
            QStringLiteral("Puts IMAGE's manifest under NEWTAG in the same repository; no blob moves (crossdock).")},
        {QStringLiteral("login"), QStringLiteral("REGISTRY"), QStringLiteral("Check and store credentials"),
            QStringLiteral("Checks the credentials against REGISTRY, then stores them where pulls will find them: "
                           "the auth file, its credential helper, or with --keychain the OS keychain.")},
        {QStringLiteral("logout"), QStringLiteral("REGISTRY"), QStringLiteral("Forget stored credentials"),
            QStringLiteral("Removes what login stored for REGISTRY (or, with --all, for every registry).")},
        {QStringLiteral("completion"), QStringLiteral("bash|zsh|fish"),
            QStringLiteral("Print a shell completion script"),
            QStringLiteral("For example: source <(crossdock-cli completion bash). The packages install them.")},
    };
    return commands;
}

const CommandInfo *findCommand(const QString &name)
{
    for (const CommandInfo &c : allCommands())
        if (c.name == name)
            return &c;
    return nullptr;
}

} // namespace crossdock::cli
