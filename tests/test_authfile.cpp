// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/credentials/authfile.h"
#include "core/credentials/resolvecredentialsjob.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock;

namespace {

QByteArray auth(const QString &user, const QString &password)
{
    return (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

void writeFile(const QString &path, const QByteArray &content, QFile::Permissions permissions = {})
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    if (permissions)
        file.setPermissions(permissions);
}

} // namespace

class TestAuthFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void mostSpecificKeyWins();
    void legacyKeysAndDockerHub();
    void helpersAndStore();
    void malformedFileNamesIt();
    void chainOrder();
    void explicitFileReplacesChain();
    void credentialHelperIsRun();
    void helperNotFoundMeansAnonymous();
    void missingHelperIsAnError();

private:
    Credentials resolve(const QString &registry, const QString &repository, const QString &authFile = {},
                        Error *error = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAuthFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString base = m_dir->path();
    qputenv("HOME", (base + QStringLiteral("/home")).toUtf8());
    qputenv("XDG_CONFIG_HOME", (base + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_RUNTIME_DIR", (base + QStringLiteral("/runtime")).toUtf8());
    qunsetenv("DOCKER_CONFIG");
    qunsetenv("REGISTRY_AUTH_FILE");
    qputenv("PATH", (base + QStringLiteral("/bin:") + QString::fromLocal8Bit(qgetenv("PATH"))).toUtf8());
}

Credentials TestAuthFile::resolve(const QString &registry, const QString &repository, const QString &authFile, Error *error)
{
    auto *job = new ResolveCredentialsJob(registry, repository, authFile);
    job->setUseKeychain(false); // files only here; the keychain has test_login
    QSignalSpy spy(job, &Job::finished);
    job->start();
    if (!spy.wait(10000))
        return {};
    if (error)
        *error = job->error();
    return job->credentials();
}

void TestAuthFile::mostSpecificKeyWins()
{
    const QByteArray json = R"({"auths":{
        "r.io":{"auth":")" + auth(QStringLiteral("host"), QStringLiteral("h")) + R"("},
        "r.io/team":{"auth":")" + auth(QStringLiteral("team"), QStringLiteral("t")) + R"("},
        "r.io/team/app":{"auth":")" + auth(QStringLiteral("app"), QStringLiteral("a:with:colons")) + R"("}}})";
    QString error;
    const auto file = AuthFile::fromJson(json, QStringLiteral("mem"), &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->lookup(QStringLiteral("r.io"), QStringLiteral("team/app")).credentials.username, QStringLiteral("app"));
    QCOMPARE(file->lookup(QStringLiteral("r.io"), QStringLiteral("team/app")).credentials.password, QStringLiteral("a:with:colons"));
    QCOMPARE(file->lookup(QStringLiteral("r.io"), QStringLiteral("team/other")).credentials.username, QStringLiteral("team"));
    QCOMPARE(file->lookup(QStringLiteral("r.io"), QStringLiteral("solo")).credentials.username, QStringLiteral("host"));
    QCOMPARE(file->lookup(QStringLiteral("other.io"), QStringLiteral("x")).kind, AuthFileMatch::Kind::None);
}

void TestAuthFile::legacyKeysAndDockerHub()
{
    const QByteArray json = R"({"auths":{
        "https://index.docker.io/v1/":{"auth":")" + auth(QStringLiteral("hub"), QStringLiteral("p")) + R"("},
        "http://legacy.example.com/v2/":{"auth":")" + auth(QStringLiteral("legacy"), QStringLiteral("p")) + R"("},
        "tok.example.com":{"identitytoken":"refresh-me"}}})";
    QString error;
    const auto file = AuthFile::fromJson(json, QStringLiteral("mem"), &error);
    QVERIFY(file);
    QCOMPARE(file->lookup(QStringLiteral("docker.io"), QStringLiteral("library/nginx")).credentials.username, QStringLiteral("hub"));
    QCOMPARE(file->lookup(QStringLiteral("legacy.example.com"), QStringLiteral("a")).credentials.username, QStringLiteral("legacy"));
    const AuthFileMatch token = file->lookup(QStringLiteral("tok.example.com"), QStringLiteral("a"));
    QCOMPARE(token.kind, AuthFileMatch::Kind::Credentials);
    QCOMPARE(token.credentials.identityToken, QStringLiteral("refresh-me"));
}

void TestAuthFile::helpersAndStore()
{
    const QByteArray json = R"({"credsStore":"desktop","credHelpers":{"gcr.io":"gcloud","bad.io":"../evil"},
        "auths":{"gcr.io":{"auth":")" + auth(QStringLiteral("x"), QStringLiteral("y")) + R"("},"empty.io":{}}})";
    QString error;
    const auto file = AuthFile::fromJson(json, QStringLiteral("mem"), &error);
    QVERIFY(file);
    const AuthFileMatch gcr = file->lookup(QStringLiteral("gcr.io"), QStringLiteral("p/a"));
    QCOMPARE(gcr.kind, AuthFileMatch::Kind::Helper);
    QCOMPARE(gcr.helper, QStringLiteral("gcloud")); // credHelpers beats auths
    const AuthFileMatch other = file->lookup(QStringLiteral("empty.io"), QStringLiteral("a"));
    QCOMPARE(other.kind, AuthFileMatch::Kind::Helper);
    QCOMPARE(other.helper, QStringLiteral("desktop")); // an empty entry defers to credsStore
    // A helper name that could escape the docker-credential- prefix is ignored.
    QCOMPARE(file->lookup(QStringLiteral("bad.io"), QStringLiteral("a")).helper, QStringLiteral("desktop"));
}

void TestAuthFile::malformedFileNamesIt()
{
    const QString path = m_dir->filePath(QStringLiteral("config/containers/auth.json"));
    writeFile(path, "{\"auths\": {");
    Error error;
    resolve(QStringLiteral("r.io"), QStringLiteral("a"), {}, &error);
    QCOMPARE(error.code, Error::Code::InvalidInput);
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QVERIFY(error.message.contains(QStringLiteral("not valid JSON")));
}

void TestAuthFile::chainOrder()
{
    const QString runtime = m_dir->filePath(QStringLiteral("runtime/containers/auth.json"));
    const QString config = m_dir->filePath(QStringLiteral("config/containers/auth.json"));
    const QString docker = m_dir->filePath(QStringLiteral("home/.docker/config.json"));
    writeFile(docker, R"({"auths":{"r.io":{"auth":")" + auth(QStringLiteral("docker"), QStringLiteral("p")) + R"("}}})");
    QCOMPARE(resolve(QStringLiteral("r.io"), QStringLiteral("a")).username, QStringLiteral("docker"));
    writeFile(config, R"({"auths":{"r.io":{"auth":")" + auth(QStringLiteral("xdgconfig"), QStringLiteral("p")) + R"("}}})");
    QCOMPARE(resolve(QStringLiteral("r.io"), QStringLiteral("a")).username, QStringLiteral("xdgconfig"));
    writeFile(runtime, R"({"auths":{"r.io":{"auth":")" + auth(QStringLiteral("runtime"), QStringLiteral("p")) + R"("}}})");
    QCOMPARE(resolve(QStringLiteral("r.io"), QStringLiteral("a")).username, QStringLiteral("runtime"));
    // A file without an entry for the registry passes on to the next one.
    QCOMPARE(resolve(QStringLiteral("other.io"), QStringLiteral("a")).username, QString());
    const QString dockerConfigDir = m_dir->filePath(QStringLiteral("dockercfg"));
    writeFile(dockerConfigDir + QStringLiteral("/config.json"),
              R"({"auths":{"only-here.io":{"auth":")" + auth(QStringLiteral("envdocker"), QStringLiteral("p")) + R"("}}})");
    qputenv("DOCKER_CONFIG", dockerConfigDir.toUtf8());
    QCOMPARE(resolve(QStringLiteral("only-here.io"), QStringLiteral("a")).username, QStringLiteral("envdocker"));
}

void TestAuthFile::explicitFileReplacesChain()
{
    writeFile(m_dir->filePath(QStringLiteral("config/containers/auth.json")),
              R"({"auths":{"r.io":{"auth":")" + auth(QStringLiteral("chain"), QStringLiteral("p")) + R"("}}})");
    const QString mine = m_dir->filePath(QStringLiteral("mine.json"));
    writeFile(mine, R"({"auths":{"r.io":{"auth":")" + auth(QStringLiteral("explicit"), QStringLiteral("p")) + R"("}}})");
    QCOMPARE(resolve(QStringLiteral("r.io"), QStringLiteral("a"), mine).username, QStringLiteral("explicit"));
    qputenv("REGISTRY_AUTH_FILE", mine.toUtf8());
    QCOMPARE(resolve(QStringLiteral("r.io"), QStringLiteral("a")).username, QStringLiteral("explicit"));
    Error error;
    resolve(QStringLiteral("r.io"), QStringLiteral("a"), m_dir->filePath(QStringLiteral("missing.json")), &error);
    QCOMPARE(error.code, Error::Code::InvalidInput);
    QVERIFY(error.message.contains(QStringLiteral("does not exist")));
}

void TestAuthFile::credentialHelperIsRun()
{
    // A real helper program speaking the docker-credential protocol.
    writeFile(m_dir->filePath(QStringLiteral("bin/docker-credential-crossdocktest")),
              "#!/bin/sh\n[ \"$1\" = get ] || exit 3\nread server\n"
              "printf '{\"ServerURL\":\"%s\",\"Username\":\"helper-user\",\"Secret\":\"helper-secret\"}' \"$server\"\n",
              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    writeFile(m_dir->filePath(QStringLiteral("home/.docker/config.json")), R"({"credHelpers":{"r.io":"crossdocktest"}})");
    const Credentials c = resolve(QStringLiteral("r.io"), QStringLiteral("a"));
    QCOMPARE(c.username, QStringLiteral("helper-user"));
    QCOMPARE(c.password, QStringLiteral("helper-secret"));
}

void TestAuthFile::helperNotFoundMeansAnonymous()
{
    writeFile(m_dir->filePath(QStringLiteral("bin/docker-credential-empty")),
              "#!/bin/sh\necho 'credentials not found in native keychain'\nexit 1\n",
              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    writeFile(m_dir->filePath(QStringLiteral("home/.docker/config.json")), R"({"credsStore":"empty"})");
    Error error;
    const Credentials c = resolve(QStringLiteral("r.io"), QStringLiteral("a"), {}, &error);
    QVERIFY(!error.isError());
    QVERIFY(c.isEmpty());
}

void TestAuthFile::missingHelperIsAnError()
{
    writeFile(m_dir->filePath(QStringLiteral("home/.docker/config.json")), R"({"credsStore":"not-installed-anywhere"})");
    Error error;
    resolve(QStringLiteral("r.io"), QStringLiteral("a"), {}, &error);
    QCOMPARE(error.code, Error::Code::Io);
    QVERIFY2(error.message.contains(QStringLiteral("docker-credential-not-installed-anywhere")), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TestAuthFile)
#include "test_authfile.moc"
