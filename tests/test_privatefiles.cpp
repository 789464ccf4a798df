// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Private data is the owner's alone whatever the umask: under umask 000 every
// folder Crossdock creates for it is 0700 and every file 0600 - auth files
// (through the CLI's login as well), registry settings, the blob-location
// cache, the transfer history, the content cache and the local folder.
#include "core/base/privatefiles.h"
#include "core/browse/contentcache.h"
#include "core/browse/localstore.h"
#include "core/credentials/authfile.h"
#include "core/registry/registrysettings.h"
#include "core/transfer/bloblocationcache.h"
#include "core/transfer/transferhistory.h"
#include "registryset.h"
#include "testenv.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace crossdock;
using namespace crossdock::test;

namespace {

int modeOf(const QString &path)
{
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return static_cast<int>(st.st_mode & 07777);
}

// Every folder and file below root (root excluded) with a mode other than
// the private one, as "path 0755".
QStringList notPrivate(const QString &root)
{
    QStringList found;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const int wanted = QFileInfo(path).isDir() ? 0700 : 0600;
        if (modeOf(path) != wanted)
            found << QStringLiteral("%1 %2").arg(path).arg(modeOf(path), 4, 8, QLatin1Char('0'));
    }
    return found;
}

} // namespace

class TestPrivateFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_savedUmask = ::umask(0); }
    void cleanupTestCase() { ::umask(m_savedUmask); }

    void makePrivateDirectoryCreatesEachLevel();
    void makePrivateDirectoryLeavesExistingFolders();
    void coreWritersArePrivate();
    void cliLoginWritesAPrivateAuthFile();

private:
    mode_t m_savedUmask = 022;
};

void TestPrivateFiles::makePrivateDirectoryCreatesEachLevel()
{
    QTemporaryDir dir;
    const QString deep = dir.filePath(QStringLiteral("a/b/c"));
    QString error;
    QVERIFY2(makePrivateDirectory(deep, &error), qPrintable(error));
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("a"))), 0700);
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("a/b"))), 0700);
    QCOMPARE(modeOf(deep), 0700);
    // A file where a folder should be: the OS's reason, named.
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(!makePrivateDirectory(dir.filePath(QStringLiteral("file/x")), &error));
    QVERIFY2(error.contains(QStringLiteral("Not a directory")), qPrintable(error));
}

void TestPrivateFiles::makePrivateDirectoryLeavesExistingFolders()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkdir(dir.filePath(QStringLiteral("shared"))));
    ::chmod(QFile::encodeName(dir.filePath(QStringLiteral("shared"))).constData(), 0755);
    QVERIFY(makePrivateDirectory(dir.filePath(QStringLiteral("shared/mine"))));
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("shared"))), 0755); // not ours to change
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("shared/mine"))), 0700);
}

void TestPrivateFiles::coreWritersArePrivate()
{
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("home"));
    QString error;

    QVERIFY2(AuthFile::store(root + QStringLiteral("/config/containers/auth.json"), QStringLiteral("r.example"),
                 Credentials{QStringLiteral("alice"), QStringLiteral("secret"), {}, {}}, &error),
        qPrintable(error));

    RegistrySettings settings;
    RegistryEntry entry;
    entry.host = QStringLiteral("r.example");
    QVERIFY2(settings.upsert(entry, &error), qPrintable(error));
    QVERIFY2(settings.save(root + QStringLiteral("/config/crossdock/registries.json"), &error), qPrintable(error));

    BlobLocationCache locations(root + QStringLiteral("/cache/crossdock/blob-locations.json"));
    locations.record(Digest::sha256Of("blob"), QStringLiteral("r.example"), QStringLiteral("team/private-project"));
    QVERIFY(locations.save());

    TransferHistory history(root + QStringLiteral("/data/crossdock/transfers.jsonl"));
    TransferRecord record;
    record.source = QStringLiteral("r.example/team/private-project:1");
    QVERIFY2(history.append(record, &error), qPrintable(error));

    ContentCache cache(root + QStringLiteral("/cache/crossdock/content"));
    cache.put(Digest::sha256Of("{}"), "{}", QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    QVERIFY(cache.get(Digest::sha256Of("{}")).has_value());

    LocalStore local(root + QStringLiteral("/data/crossdock/local"));
    QVERIFY2(local.ensureExists(&error), qPrintable(error));

    // The local folder's layout files are plain (the folder guards them);
    // everything else must be private.
    QStringList wrong = notPrivate(root);
    wrong.removeIf([](const QString &line) { return line.contains(QLatin1String("/crossdock/local/")); });
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    QCOMPARE(modeOf(root + QStringLiteral("/data/crossdock/local")), 0700);
}

void TestPrivateFiles::cliLoginWritesAPrivateAuthFile()
{
    RegistrySet set(RegistrySet::Htpasswd);
    QVERIFY2(set.ok(), qPrintable(set.error()));
    QTemporaryDir dir;
    QProcessEnvironment env;
    // A runtime folder that does not exist yet: login creates it and containers/.
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.filePath(QStringLiteral("run/user")));
    const ProcessResult r = runCli({QStringLiteral("login"), QStringLiteral("-u"), RegistrySet::User,
                                       QStringLiteral("--password-stdin"), set.htpasswd()->hostAndPort()},
        RegistrySet::Password.toUtf8(), env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString authFile = dir.filePath(QStringLiteral("run/user/containers/auth.json"));
    QVERIFY(QFile::exists(authFile));
    const QStringList wrong = notPrivate(dir.path());
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "test_privatefiles.moc"
