// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "fixtures.h"

#include "rawregistry.h"
#include "registryserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>

namespace crossdock::test::Fixtures {

namespace {

const QString OciManifestType = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
const QString OciIndexType = QStringLiteral("application/vnd.oci.image.index.v1+json");
const QString DockerManifestType = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
const QString DockerListType = QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
const QString Marker = QStringLiteral("crossdock-fixtures-v2");

QString sha256(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Deterministic bytes standing in for a compressed layer.
QByteArray layerBytes(const QString &seed, int size)
{
    QByteArray out;
    QByteArray block = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256);
    while (out.size() < size) {
        out += block;
        block = QCryptographicHash::hash(block, QCryptographicHash::Sha256);
    }
    out.truncate(size);
    return out;
}

// A real layer: a tar made by GNU tar of a file of deterministic bytes, and
// its gzip by gzip (independent tools, so the archive transports are checked
// against what others write). Returns the gzip and sets the DiffID.
QByteArray realLayer(const QString &seed, int size, QString *diffId, QString *error)
{
    QTemporaryDir dir;
    const QString tree = dir.filePath(QStringLiteral("tree"));
    QDir().mkpath(tree + QStringLiteral("/srv"));
    QFile data(tree + QStringLiteral("/srv/") + seed + QStringLiteral(".bin"));
    if (!data.open(QIODevice::WriteOnly) || data.write(layerBytes(seed, size)) != size) {
        *error = QStringLiteral("cannot write %1").arg(data.fileName());
        return {};
    }
    data.close();
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("--sort=name"), QStringLiteral("--mtime=@0"), QStringLiteral("--owner=0"),
                                         QStringLiteral("--group=0"), QStringLiteral("--numeric-owner"), QStringLiteral("-cf"),
                                         QStringLiteral("-"), QStringLiteral("-C"), tree, QStringLiteral(".")});
    tar.waitForFinished(60000);
    const QByteArray plain = tar.readAllStandardOutput();
    if (tar.exitCode() != 0 || plain.isEmpty()) {
        *error = QStringLiteral("tar failed: %1").arg(QString::fromLocal8Bit(tar.readAllStandardError()));
        return {};
    }
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-n"), QStringLiteral("-c")});
    gzip.write(plain);
    gzip.closeWriteChannel();
    gzip.waitForFinished(60000);
    const QByteArray compressed = gzip.readAllStandardOutput();
    if (gzip.exitCode() != 0 || compressed.isEmpty()) {
        *error = QStringLiteral("gzip failed");
        return {};
    }
    *diffId = sha256(plain);
    return compressed;
}

struct Pushed
{
    QString digest;
    qint64 size = 0;
    QString mediaType;
};

struct ImageSpec
{
    explicit ImageSpec(QString seedText, QString osName = QStringLiteral("linux"), QString arch = QStringLiteral("amd64"),
                       QString variantName = {}, bool isDocker = false)
        : seed(std::move(seedText)), os(std::move(osName)), architecture(std::move(arch)), variant(std::move(variantName)), docker(isDocker)
    {
    }
    QString seed;
    QString os;
    QString architecture;
    QString variant;
    bool docker;
    // Layers that are real gzip'd tars with true DiffIDs (for the archive
    // transports and umoci), the first one shared by every such image.
    bool real = false;
};

// Pushes config and layers and the image manifest by digest; returns the manifest.
Pushed pushImage(RawRegistry &registry, const QString &repository, const ImageSpec &spec, QString *error)
{
    const QString layerType = spec.docker ? QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip")
                                          : QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
    QJsonArray layers;
    QJsonArray diffIds;
    QJsonArray history;
    const QList<int> sizes{4096, 262144, 1234};
    for (int i = 0; i < sizes.size(); ++i) {
        QString diffId;
        const QByteArray bytes = spec.real
            ? realLayer(i == 0 ? QStringLiteral("real-base") : spec.seed + QString::number(i), sizes[i], &diffId, error)
            : layerBytes(spec.seed + QString::number(i), sizes[i]);
        if (bytes.isEmpty())
            return {};
        const QString digest = registry.pushBlob(repository, bytes);
        if (digest.isEmpty()) {
            *error = registry.error();
            return {};
        }
        QJsonObject layer{{QStringLiteral("mediaType"), layerType},
                          {QStringLiteral("digest"), digest},
                          {QStringLiteral("size"), bytes.size()}};
        if (i == 1 && !spec.docker)
            layer.insert(QStringLiteral("annotations"),
                         QJsonObject{{QStringLiteral("org.opencontainers.image.title"), QStringLiteral("app.tar")}});
        layers.append(layer);
        diffIds.append(spec.real ? diffId : sha256(bytes + "uncompressed"));
        history.append(QJsonObject{{QStringLiteral("created"), QStringLiteral("2024-05-06T07:08:0%1Z").arg(i)},
                                   {QStringLiteral("created_by"), QStringLiteral("/bin/sh -c #(nop) ADD layer-%1 /").arg(i)}});
    }
    history.append(QJsonObject{{QStringLiteral("created"), QStringLiteral("2024-05-06T07:08:09Z")},
                               {QStringLiteral("created_by"), QStringLiteral("/bin/sh -c #(nop)  CMD [\"--serve\"]")},
                               {QStringLiteral("empty_layer"), true}});

    QJsonObject config{
        {QStringLiteral("architecture"), spec.architecture},
        {QStringLiteral("os"), spec.os},
        {QStringLiteral("created"), QStringLiteral("2024-05-06T07:08:09.123456789Z")},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("Env"), QJsonArray{QStringLiteral("PATH=/usr/local/bin:/usr/bin"),
                                                        QString(QStringLiteral("APP_SEED=") + spec.seed)}},
                     {QStringLiteral("Entrypoint"), QJsonArray{QStringLiteral("/app")}},
                     {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("--serve")}},
                     {QStringLiteral("ExposedPorts"), QJsonObject{{QStringLiteral("8080/tcp"), QJsonObject()}}},
                     {QStringLiteral("User"), QStringLiteral("1000")},
                     {QStringLiteral("WorkingDir"), QStringLiteral("/srv")},
                     {QStringLiteral("Labels"), QJsonObject{{QStringLiteral("org.opencontainers.image.title"), spec.seed},
                                                            {QStringLiteral("maintainer"), QStringLiteral("crossdock tests")}}}}},
        {QStringLiteral("rootfs"), QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")}, {QStringLiteral("diff_ids"), diffIds}}},
        {QStringLiteral("history"), history}};
    if (!spec.variant.isEmpty())
        config.insert(QStringLiteral("variant"), spec.variant);
    if (spec.docker)
        config.insert(QStringLiteral("docker_version"), QStringLiteral("20.10.24"));
    const QByteArray configBytes = QJsonDocument(config).toJson(QJsonDocument::Compact);
    const QString configDigest = registry.pushBlob(repository, configBytes);
    if (configDigest.isEmpty()) {
        *error = registry.error();
        return {};
    }
    const QString manifestType = spec.docker ? DockerManifestType : OciManifestType;
    const QJsonObject manifest{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), manifestType},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("mediaType"), spec.docker ? QStringLiteral("application/vnd.docker.container.image.v1+json")
                                                               : QStringLiteral("application/vnd.oci.image.config.v1+json")},
                     {QStringLiteral("digest"), configDigest},
                     {QStringLiteral("size"), configBytes.size()}}},
        {QStringLiteral("layers"), layers}};
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    const QString digest = registry.pushManifest(repository, sha256(manifestBytes), manifestType, manifestBytes);
    if (digest.isEmpty())
        *error = registry.error();
    return {digest, manifestBytes.size(), manifestType};
}

bool pushIndex(RawRegistry &registry, const QString &repository, const QString &tag, bool docker,
               const QList<ImageSpec> &images, QString *error)
{
    QJsonArray manifests;
    for (const ImageSpec &spec : images) {
        const Pushed child = pushImage(registry, repository, spec, error);
        if (child.digest.isEmpty())
            return false;
        QJsonObject platform{{QStringLiteral("os"), spec.os}, {QStringLiteral("architecture"), spec.architecture}};
        if (!spec.variant.isEmpty())
            platform.insert(QStringLiteral("variant"), spec.variant);
        manifests.append(QJsonObject{{QStringLiteral("mediaType"), child.mediaType},
                                     {QStringLiteral("digest"), child.digest},
                                     {QStringLiteral("size"), child.size},
                                     {QStringLiteral("platform"), platform}});
    }
    const QString type = docker ? DockerListType : OciIndexType;
    const QJsonObject index{{QStringLiteral("schemaVersion"), 2}, {QStringLiteral("mediaType"), type}, {QStringLiteral("manifests"), manifests}};
    if (registry.pushManifest(repository, tag, type, QJsonDocument(index).toJson(QJsonDocument::Indented)).isEmpty()) {
        *error = registry.error();
        return false;
    }
    return true;
}

bool tagImage(RawRegistry &registry, const QString &repository, const QString &fromDigest, const QStringList &tags,
              QString *error)
{
    const RawRegistry::Reply r = registry.request("GET", QStringLiteral("/v2/%1/manifests/%2").arg(repository, fromDigest),
                                                  {}, {{"Accept", OciManifestType.toLatin1() + ", " + DockerManifestType.toLatin1()}});
    const QString type = QJsonDocument::fromJson(r.body).object().value(QLatin1String("mediaType")).toString();
    for (const QString &tag : tags) {
        if (registry.pushManifest(repository, tag, type, r.body).isEmpty()) {
            *error = registry.error();
            return false;
        }
    }
    return true;
}

} // namespace

QStringList repositories()
{
    QStringList repos{OciImage, DockerImage, OciIndex, DockerList, ManyTags, Nested, Real};
    repos.sort();
    return repos;
}

bool build(const QString &directory, QString *error)
{
    QDir(directory).removeRecursively();
    RegistryServer::Options options;
    options.storageDirectory = directory;
    RegistryServer server(options);
    if (!server.isRunning()) {
        *error = server.errorText();
        return false;
    }
    RawRegistry registry(server.baseUrl());

    Pushed p = pushImage(registry, OciImage, ImageSpec(QStringLiteral("oci-image")), error);
    if (p.digest.isEmpty() || !tagImage(registry, OciImage, p.digest, {QStringLiteral("1.0"), QStringLiteral("latest")}, error))
        return false;
    ImageSpec dockerSpec{QStringLiteral("docker-image")};
    dockerSpec.docker = true;
    p = pushImage(registry, DockerImage, dockerSpec, error);
    if (p.digest.isEmpty() || !tagImage(registry, DockerImage, p.digest, {QStringLiteral("2.1")}, error))
        return false;

    ImageSpec amd64{QStringLiteral("index-amd64")};
    ImageSpec arm64{QStringLiteral("index-arm64"), QStringLiteral("linux"), QStringLiteral("arm64"), QStringLiteral("v8")};
    ImageSpec armv7{QStringLiteral("index-armv7"), QStringLiteral("linux"), QStringLiteral("arm"), QStringLiteral("v7")};
    if (!pushIndex(registry, OciIndex, QStringLiteral("multi"), false, {amd64, arm64, armv7}, error))
        return false;
    ImageSpec dAmd64{QStringLiteral("list-amd64")};
    dAmd64.docker = true;
    ImageSpec dArm64{QStringLiteral("list-arm64"), QStringLiteral("linux"), QStringLiteral("arm64"), QString(), true};
    ImageSpec dS390x{QStringLiteral("list-s390x"), QStringLiteral("linux"), QStringLiteral("s390x"), QString(), true};
    if (!pushIndex(registry, DockerList, QStringLiteral("v1"), true, {dAmd64, dArm64, dS390x}, error))
        return false;

    p = pushImage(registry, ManyTags, ImageSpec(QStringLiteral("many-tags")), error);
    QStringList tags;
    for (int i = 0; i < ManyTagsCount; ++i)
        tags << QStringLiteral("t%1").arg(i, 4, 10, QLatin1Char('0'));
    if (p.digest.isEmpty() || !tagImage(registry, ManyTags, p.digest, tags, error))
        return false;

    p = pushImage(registry, Nested, ImageSpec(QStringLiteral("nested")), error);
    if (p.digest.isEmpty() || !tagImage(registry, Nested, p.digest, {QStringLiteral("nested")}, error))
        return false;

    ImageSpec realDocker{QStringLiteral("real-docker")};
    realDocker.docker = realDocker.real = true;
    p = pushImage(registry, Real, realDocker, error);
    if (p.digest.isEmpty() || !tagImage(registry, Real, p.digest, {QStringLiteral("docker")}, error))
        return false;
    ImageSpec realOci{QStringLiteral("real-oci")};
    realOci.real = true;
    p = pushImage(registry, Real, realOci, error);
    if (p.digest.isEmpty() || !tagImage(registry, Real, p.digest, {QStringLiteral("oci")}, error))
        return false;
    ImageSpec rAmd64{QStringLiteral("real-amd64")};
    ImageSpec rArm64{QStringLiteral("real-arm64"), QStringLiteral("linux"), QStringLiteral("arm64"), QStringLiteral("v8")};
    rAmd64.docker = rAmd64.real = rArm64.docker = rArm64.real = true;
    if (!pushIndex(registry, Real, QStringLiteral("list"), true, {rAmd64, rArm64}, error))
        return false;

    QFile marker(directory + QLatin1Char('/') + Marker);
    return marker.open(QIODevice::WriteOnly);
}

QString storageDirectory(QString *error)
{
    QString directory = qEnvironmentVariable("CROSSDOCK_FIXTURE_STORAGE");
    if (directory.isEmpty())
        directory = QStringLiteral(CROSSDOCK_FIXTURE_STORAGE_DEFAULT);
    QDir().mkpath(QFileInfo(directory).absolutePath());
    QLockFile lock(directory + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.lock()) {
        *error = QStringLiteral("cannot lock fixture storage");
        return {};
    }
    if (QFile::exists(directory + QLatin1Char('/') + Marker))
        return directory;
    if (!build(directory, error))
        return {};
    return directory;
}

} // namespace crossdock::test::Fixtures
