// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "commandrunner.h"

#include "signingflags.h"
#include "standalonesigning.h"
#include "core/base/durablefile.h"
#include "core/base/runinpool.h"
#include "core/trust/simplesigning.h"
#include "core/registry/catalogjob.h"
#include "core/registry/findtagsfordigestjob.h"
#include "core/registry/listtagsjob.h"
#include "core/transports/dockerarchive/dockerarchivereader.h"
#include "core/transports/imagereader.h"
#include "core/transports/transportreference.h"
#include "core/transports/transports.h"

#include "choosepullsourcejob.h"
#include "cliresult.h"
#include "copycommand.h"
#include "core/base/error.h"
#include "core/browse/inspectjob.h"
#include "core/image/manifest.h"
#include "core/registry/deletemanifestjob.h"
#include "core/registry/fetchmanifestjob.h"
#include "core/registry/pagedlistjob.h"
#include "core/registry/pushmanifestjob.h"
#include "core/registry/registryclient.h"
#include "core/registry/resolvedigestjob.h"
#include "inspectformat.h"
#include "inspectoutput.h"
#include "jsonoutput.h"
#include "logincommand.h"
#include "resolveendpointjob.h"
#include "synccommand.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace crossdock::cli {

CommandRunner::CommandRunner(CliOptions options, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(network)
{
}

void CommandRunner::start()
{
    if (m_options.commandTimeoutMs > 0)
        QTimer::singleShot(std::chrono::milliseconds(m_options.commandTimeoutMs), this, &CommandRunner::timeOut);
    const QString &command = m_options.command;
    if (command == QLatin1String("inspect"))
        runInspect();
    else if (command == QLatin1String("list-tags"))
        runListTags();
    else if (command == QLatin1String("catalog"))
        runCatalog();
    else if (command == QLatin1String("manifest-digest"))
        runManifestDigest();
    else if (command == QLatin1String("generate-sigstore-key"))
        runGenerateSigstoreKey();
    else if (command == QLatin1String("standalone-sign"))
        runStandaloneSign();
    else if (command == QLatin1String("standalone-verify"))
        runStandaloneVerify();
    else if (command == QLatin1String("copy"))
        runCopy();
    else if (command == QLatin1String("sync"))
        runSync();
    else if (command == QLatin1String("delete"))
        runDelete();
    else if (command == QLatin1String("tag"))
        runTag();
    else if (command == QLatin1String("login") || command == QLatin1String("logout"))
        runLogin();
    else if (command.isEmpty())
        fail(Error::Code::InvalidInput, QStringLiteral("no command given; see crossdock-cli --help"));
    else
        fail(
            Error::Code::InvalidInput, QStringLiteral("unknown command \"%1\"; see crossdock-cli --help").arg(command));
}

void CommandRunner::timeOut()
{
    if (m_done)
        return;
    m_timedOut = true;
    if (m_cancel) {
        std::fprintf(stderr, "crossdock-cli: --command-timeout reached; cancelling\n");
        return m_cancel();
    }
    fail(Error::Code::Unreachable,
        QStringLiteral("%1 did not finish within --command-timeout %2 ms").arg(m_options.command).arg(m_options.commandTimeoutMs));
}

void CommandRunner::fail(const Error &given)
{
    if (m_done)
        return;
    m_done = true;
    Error error = given;
    if (m_timedOut && error.code == Error::Code::Cancelled)
        error.message = QStringLiteral("%1 did not finish within --command-timeout (%2 ms): %3")
                            .arg(m_options.command)
                            .arg(m_options.commandTimeoutMs)
                            .arg(error.message);
    const QString hint = error.code == Error::Code::Tls
        ? QStringLiteral(" (trust its CA with --cert-dir, certs.d or SSL_CERT_FILE, or use --tls-verify=false if you accept the risk)")
        : QString();
    std::fprintf(stderr, "crossdock-cli: %s%s\n", qUtf8Printable(error.message), qUtf8Printable(hint));
    if (m_options.debug && !error.detail.isEmpty())
        std::fprintf(stderr, "  %s\n", qUtf8Printable(error.detail));
    // Report from the event loop, never from inside a job's signal.
    QTimer::singleShot(0, this, [this, code = exitCodeFor(error)] { Q_EMIT finished(code); });
}

void CommandRunner::fail(Error::Code code, const QString &message)
{
    fail(Error::make(code, message));
}

void CommandRunner::succeed(const QByteArray &output)
{
    if (m_done)
        return;
    m_done = true;
    std::fwrite(output.constData(), 1, static_cast<size_t>(output.size()), stdout);
    std::fflush(stdout);
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(ExitOk); });
}

void CommandRunner::withClient(const QString &registry, const QString &apiHost, const QString &repository,
    std::function<void(RegistryClient *)> then)
{
    withClient(m_options.endpoint, registry, apiHost, repository, std::move(then));
}

void CommandRunner::withClient(const EndpointOptions &endpoint, const QString &registry, const QString &apiHost,
    const QString &repository, std::function<void(RegistryClient *)> then)
{
    auto *job = new ResolveEndpointJob(endpoint, registry, repository, this);
    connect(job, &Job::finished, this, [this, job, apiHost, then] {
        if (job->error().isError())
            return fail(job->error());
        auto *client = new RegistryClient(apiHost, job->tls(), job->credentials(), m_network, this);
        client->setRetryPolicy(m_options.retryPolicy());
        then(client);
    });
    job->start();
}

void CommandRunner::runInspect()
{
    if (m_options.arguments.size() != 1) {
        fail(Error::Code::InvalidInput, QStringLiteral("inspect needs exactly one image reference"));
        return;
    }
    if (!m_options.format.isEmpty()) {
        // A template that does not parse is said before anything is fetched.
        QString why;
        m_format = InspectFormat::parse(m_options.format, &why);
        if (!m_format)
            return fail(Error::Code::InvalidInput, QStringLiteral("--format: ") + why);
    }
    QString error;
    const TransportReference ref = TransportReference::parse(m_options.arguments.first(), &error);
    if (!ref.isValid()) {
        fail(Error::Code::InvalidInput, error);
        return;
    }
    InspectJob::Options options;
    // --raw without --config needs only the manifest the reference names.
    options.manifestOnly = m_options.raw && !m_options.config;
    options.listTags = !m_options.noTags && !m_options.config && !m_options.raw;
    if (!m_options.overrideOs.isEmpty())
        options.platform.os = m_options.overrideOs;
    if (!m_options.overrideArch.isEmpty()) {
        options.platform.architecture = m_options.overrideArch;
        options.platform.variant.clear();
    }
    if (!m_options.overrideVariant.isEmpty())
        options.platform.variant = m_options.overrideVariant;

    if (ref.transport() != TransportReference::Transport::Docker) {
        // A layout, an archive or a dir: folder: read through its transport.
        std::unique_ptr<ImageReader> reader = Transports::reader(ref, nullptr, &error);
        if (!reader)
            return fail(Error::Code::InvalidInput, error);
        reader->setParent(this);
        ImageReader *source = reader.release();
        auto *job = new InspectJob(source, ref.transport() == TransportReference::Transport::DockerArchive ? ref.name() : QString(),
            options, this);
        if (ref.transport() == TransportReference::Transport::DockerArchive && !m_options.noTags) {
            // skopeo shows an archive image's RepoTags.
            QString why;
            const auto tags = DockerArchiveReader::repoTags(ref.path(), &why);
            if (tags && tags->size() == 1)
                m_archiveTags = tags->first();
            else if (tags && ref.archiveIndex() >= 0 && ref.archiveIndex() < tags->size())
                m_archiveTags = tags->at(ref.archiveIndex());
            else if (tags && !ref.name().isEmpty())
                m_archiveTags = QStringList{ref.name()};
        }
        return showInspection(job);
    }
    const ImageReference image = ref.image();
    const RegistriesConf *conf = m_options.endpoint.registriesConf.get();
    const QList<RegistriesConf::PullSource> candidates = !conf ? QList<RegistriesConf::PullSource>()
        : conf->pullSources(m_options.sourceCandidates.isEmpty() ? QStringList {image.toString()} : m_options.sourceCandidates);
    if (candidates.size() > 1 || (candidates.size() == 1 && candidates.first().reference != image.toString())) {
        // registries.conf mirrors or a rewrite: inspect where a pull would
        // come from; the image keeps its own name.
        auto *choose = new ChoosePullSourceJob(candidates, m_options.endpoint, m_network, this);
        connect(choose, &Job::finished, this, [this, choose, options] {
            if (choose->error().isError())
                return fail(choose->error());
            m_inspectedName = ImageReference::parse(choose->chosenImage()).name();
            const ImageReference source = choose->chosen();
            withClient(choose->endpoint(), source.registry(), source.apiHost(), source.repository(),
                [this, source, options](RegistryClient *client) { showInspection(new InspectJob(client, source, options, this)); });
        });
        return choose->start();
    }
    withClient(image.registry(), image.apiHost(), image.repository(), [this, image, options](RegistryClient *client) {
        showInspection(new InspectJob(client, image, options, this));
    });
}

void CommandRunner::showInspection(InspectJob *job)
{
    connect(job, &Job::finished, this, [this, job] {
        if (job->error().isError())
            return fail(job->error());
        InspectResult result = job->result();
        if (result.tags.isEmpty())
            result.tags = m_archiveTags;
        if (!m_inspectedName.isEmpty())
            result.name = m_inspectedName;
        if (m_options.raw && !m_options.config)
            return succeed(result.topManifest->raw());
        if (m_options.config && m_options.raw)
            return succeed(result.rawConfig);
        if (m_options.config)
            return succeed(toIndentedJson(QJsonValue(QJsonDocument::fromJson(result.rawConfig).object())));
        if (m_format) {
            QByteArray out;
            QString why;
            if (!m_format->render(result, &out, &why))
                return fail(Error::Code::InvalidInput, QStringLiteral("--format: ") + why);
            return succeed(out);
        }
        succeed(inspectJson(result));
    });
    job->start();
}

void CommandRunner::runListTags()
{
    if (m_options.arguments.size() != 1) {
        fail(Error::Code::InvalidInput, QStringLiteral("list-tags needs exactly one repository reference"));
        return;
    }
    QString error;
    const TransportReference ref
        = TransportReference::parse(m_options.arguments.first(), &error, ImageReference::TagPolicy::NameOnly);
    if (!ref.isValid())
        return fail(Error::Code::InvalidInput, error);
    if (ref.transport() == TransportReference::Transport::DockerArchive) {
        // As skopeo: every RepoTag of every image, "@N" for an image without.
        const auto images = DockerArchiveReader::repoTags(ref.path(), &error);
        if (!images)
            return fail(Error::Code::InvalidInput, error);
        QStringList tags;
        for (qsizetype i = 0; i < images->size(); ++i)
            tags << (images->at(i).isEmpty() ? QStringList{QStringLiteral("@%1").arg(i)} : images->at(i));
        QJsonObject out;
        out.insert(QStringLiteral("Tags"), QJsonArray::fromStringList(tags));
        return succeed(toIndentedJson(out, {{QStringLiteral("Tags")}}));
    }
    if (ref.transport() != TransportReference::Transport::Docker)
        return fail(Error::Code::InvalidInput,
            QStringLiteral("list-tags lists docker:// repositories and docker-archive: files, not %1: (%2)")
                .arg(ref.transportName(), ref.toString()));
    const ImageReference repo = ref.image();
    withClient(repo.registry(), repo.apiHost(), repo.repository(), [this, repo](RegistryClient *client) {
        auto *job = new ListTagsJob(client, repo.repository(), this);
        connect(job, &Job::finished, this, [this, job, repo] {
            if (job->error().isError())
                return fail(job->error());
            QJsonObject out;
            out.insert(QStringLiteral("Repository"), repo.name());
            out.insert(QStringLiteral("Tags"), QJsonArray::fromStringList(job->items()));
            succeed(toIndentedJson(out, {{QStringLiteral("Repository"), QStringLiteral("Tags")}}));
        });
        job->start();
    });
}

void CommandRunner::runCatalog()
{
    if (m_options.arguments.size() != 1) {
        fail(Error::Code::InvalidInput, QStringLiteral("catalog needs exactly one registry host"));
        return;
    }
    QString error;
    const ImageReference probe = ImageReference::parseRegistry(m_options.arguments.first(), &error);
    if (!probe.isValid())
        return fail(Error::Code::InvalidInput, error);
    withClient(probe.registry(), probe.apiHost(), QString(), [this, probe](RegistryClient *client) {
        auto *job = new CatalogJob(client, this);
        connect(job, &Job::finished, this, [this, job, probe] {
            if (job->error().isError())
                return fail(job->error());
            QJsonObject out;
            out.insert(QStringLiteral("Registry"), probe.registry());
            out.insert(QStringLiteral("Repositories"), QJsonArray::fromStringList(job->items()));
            succeed(toIndentedJson(out, {{QStringLiteral("Registry"), QStringLiteral("Repositories")}}));
        });
        job->start();
    });
}

void CommandRunner::runCopy()
{
    auto *command = new CopyCommand(m_options, this);
    m_cancel = [command] { command->cancel(); };
    connect(command, &CopyCommand::finished, this, [this](const Error &error) {
        if (error.isError())
            fail(error);
        else
            succeed({});
    });
    command->start();
}

void CommandRunner::runSync()
{
    auto *command = new SyncCommand(m_options, this);
    m_cancel = [command] { command->cancel(); };
    connect(command, &SyncCommand::finished, this, [this](const Error &error) {
        if (error.isError())
            fail(error);
        else
            succeed({});
    });
    command->start();
}

void CommandRunner::runDelete()
{
    if (m_options.arguments.size() != 1)
        return fail(Error::Code::InvalidInput, QStringLiteral("delete needs exactly one image reference"));
    QString error;
    const TransportReference ref = TransportReference::parse(m_options.arguments.first(), &error);
    if (!ref.isValid() || ref.transport() != TransportReference::Transport::Docker)
        return fail(
            Error::Code::InvalidInput, ref.isValid() ? QStringLiteral("delete needs a docker:// reference") : error);
    const ImageReference image = ref.image();
    withClient(image.registry(), image.apiHost(), image.repository(), [this, image](RegistryClient *client) {
        auto deleteDigest = [this, image, client](const Digest &digest) {
            auto *job = new DeleteManifestJob(client, image.repository(), digest, this);
            connect(job, &Job::finished, this, [this, job, image, digest] {
                if (job->error().isError())
                    return fail(job->error());
                std::fprintf(stderr, "Deleted %s@%s\n", qPrintable(image.name()), qPrintable(digest.toString()));
                succeed({});
            });
            job->start();
        };
        if (image.hasDigest())
            return deleteDigest(image.digest());
        // By tag: the registry deletes the manifest, and with it every tag
        // naming it. Say which ones before anything is lost.
        auto *resolve = new ResolveDigestJob(client, image.repository(), image.tag(), this);
        connect(resolve, &Job::finished, this, [this, resolve, image, client, deleteDigest] {
            if (resolve->error().isError())
                return fail(resolve->error());
            const Digest digest = resolve->digest();
            auto *find = new FindTagsForDigestJob(client, image.repository(), digest, this);
            connect(find, &Job::finished, this, [this, find, image, digest, deleteDigest] {
                if (find->error().isError())
                    return fail(find->error());
                QStringList others = find->tags();
                others.removeAll(image.tag());
                if (!others.isEmpty() && !m_options.force) {
                    return fail(Error::Code::InvalidInput,
                        QStringLiteral("deleting %1 would also delete %2 other tag(s) naming %3: %4 "
                                       "(registries delete by digest); add --force to delete them all")
                            .arg(image.toString())
                            .arg(others.size())
                            .arg(digest.toString(), others.join(QStringLiteral(", "))));
                }
                deleteDigest(digest);
            });
            find->start();
        });
        resolve->start();
    });
}

void CommandRunner::runTag()
{
    if (m_options.arguments.size() != 2)
        return fail(Error::Code::InvalidInput, QStringLiteral("tag needs an image reference and a new tag"));
    QString error;
    const TransportReference ref = TransportReference::parse(m_options.arguments.first(), &error);
    if (!ref.isValid() || ref.transport() != TransportReference::Transport::Docker)
        return fail(
            Error::Code::InvalidInput, ref.isValid() ? QStringLiteral("tag needs a docker:// reference") : error);
    const QString newTag = m_options.arguments.at(1);
    if (!ImageReference::isValidTag(newTag))
        return fail(Error::Code::InvalidInput,
            QStringLiteral("invalid tag \"%1\": up to 128 letters, digits, '_', '.' and '-', "
                           "not starting with '.' or '-'")
                .arg(printable(newTag, 200)));
    const ImageReference image = ref.image();
    withClient(image.registry(), image.apiHost(), image.repository(), [this, image, newTag](RegistryClient *client) {
        // Server-side: the same manifest bytes under a new tag; no blob moves.
        auto *fetch = new FetchManifestJob(client, image.repository(), image.manifestReference(), this);
        connect(fetch, &Job::finished, this, [this, fetch, image, newTag, client] {
            if (fetch->error().isError())
                return fail(fetch->error());
            auto *push = new PushManifestJob(client, image.repository(), newTag, fetch->manifest(), this);
            connect(push, &Job::finished, this, [this, push, image, newTag, digest = fetch->manifest().digest()] {
                if (push->error().isError())
                    return fail(push->error());
                std::fprintf(stderr, "Tagged %s:%s -> %s\n", qPrintable(image.name()), qPrintable(newTag),
                    qPrintable(digest.toString()));
                succeed({});
            });
            push->start();
        });
        fetch->start();
    });
}

void CommandRunner::runLogin()
{
    auto *command = new LoginCommand(m_options, m_network, this);
    connect(command, &LoginCommand::finished, this, [this](const Error &error, const QByteArray &output) {
        if (error.isError())
            fail(error);
        else
            succeed(output);
    });
    if (m_options.command == QLatin1String("login"))
        command->login();
    else
        command->logout();
}

void CommandRunner::runGenerateSigstoreKey()
{
    QString written, error;
    if (!generateSigstoreKey(m_options, &written, &error))
        return fail(Error::Code::InvalidInput, error);
    succeed(written.toUtf8());
}

void CommandRunner::runManifestDigest()
{
    if (m_options.arguments.size() != 1)
        return fail(Error::Code::InvalidInput, QStringLiteral("manifest-digest needs exactly one file"));
    QString error;
    const auto digest = manifestFileDigest(m_options.arguments.first(), &error);
    if (!digest)
        return fail(Error::Code::InvalidInput, error);
    succeed(digest->toString().toUtf8() + '\n');
}

void CommandRunner::runStandaloneSign()
{
    QString error;
    const auto sign = prepareStandaloneSign(m_options, &error);
    if (!sign)
        return fail(Error::Code::InvalidInput, error);
    struct Signed {
        QByteArray signature;
        QString error;
    };
    runInPool<Signed>(
        this,
        [sign = *sign] {
            Signed result;
            if (auto signature = SimpleSigning::sign(sign.payload, sign.keyId, sign.passphrase, &result.error))
                result.signature = *signature;
            return result;
        },
        [this, output = sign->output](Signed result) {
            if (result.signature.isEmpty())
                return fail(Error::Code::InvalidInput, result.error);
            QString why;
            if (!DurableFile::writeWhole(output, result.signature, &why))
                return fail(Error::Code::Io, QStringLiteral("cannot write the signature %1: %2").arg(output, why));
            succeed({});
        });
}

void CommandRunner::runStandaloneVerify()
{
    QString error;
    const auto verify = prepareStandaloneVerify(m_options, &error);
    if (!verify)
        return fail(Error::Code::InvalidInput, error);
    struct Verdict {
        QString line;
        QString error;
    };
    runInPool<Verdict>(
        this,
        [verify = *verify] {
            Verdict verdict;
            if (auto line = cli::runStandaloneVerify(verify, &verdict.error))
                verdict.line = *line;
            return verdict;
        },
        [this](Verdict verdict) {
            if (verdict.line.isEmpty())
                return fail(Error::Code::Rejected, verdict.error);
            succeed(verdict.line.toUtf8());
        });
}

} // namespace crossdock::cli
