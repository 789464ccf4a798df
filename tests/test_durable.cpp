// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// File destinations survive a full disk, kill -9 and a second writer: after
// every failure each image a destination names is whole (every blob there
// and hashing to its name), a copy that exits 0 has written its image, one
// that fails says why in the OS's words and leaves no temporary files, and
// the next run cleans up what a killed one left.
#include "core/credentials/authfile.h"
#include "core/registry/registrysettings.h"
#include "core/transfer/transferhistory.h"
#include "fixtures.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "registryset.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

using namespace crossdock::test;

namespace {

QString sha256(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Problems with one manifest of a layout and everything below it.
void verifyManifest(const QString &layout, const QJsonObject &descriptor, QStringList *problems)
{
    const QString digest = descriptor.value(QLatin1String("digest")).toString();
    QFile file(layout + QStringLiteral("/blobs/sha256/") + digest.section(QLatin1Char(':'), 1));
    if (!file.open(QIODevice::ReadOnly)) {
        *problems << QStringLiteral("missing %1").arg(digest);
        return;
    }
    const QByteArray bytes = file.readAll();
    if (sha256(bytes) != digest) {
        *problems << QStringLiteral("corrupt manifest %1").arg(digest);
        return;
    }
    const QJsonObject manifest = QJsonDocument::fromJson(bytes).object();
    for (const QJsonValue &child : manifest.value(QLatin1String("manifests")).toArray())
        verifyManifest(layout, child.toObject(), problems);
    QJsonArray blobs = manifest.value(QLatin1String("layers")).toArray();
    if (manifest.contains(QLatin1String("config")))
        blobs.append(manifest.value(QLatin1String("config")));
    for (const QJsonValue &blob : std::as_const(blobs)) {
        const QString d = blob.toObject().value(QLatin1String("digest")).toString();
        QFile b(layout + QStringLiteral("/blobs/sha256/") + d.section(QLatin1Char(':'), 1));
        if (!b.open(QIODevice::ReadOnly) || sha256(b.readAll()) != d)
            *problems << QStringLiteral("blob %1 missing or corrupt").arg(d);
    }
}

// The tags an OCI layout names, each verified; problems listed.
QStringList layoutTags(const QString &layout, QStringList *problems)
{
    QFile index(layout + QStringLiteral("/index.json"));
    if (!index.exists())
        return {};
    QJsonParseError parseError;
    const QJsonDocument document = index.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(index.readAll(), &parseError) : QJsonDocument();
    if (!document.isObject()) {
        *problems << QStringLiteral("index.json does not parse: %1").arg(parseError.errorString());
        return {};
    }
    QStringList tags;
    for (const QJsonValue &entry : document.object().value(QLatin1String("manifests")).toArray()) {
        tags << entry.toObject().value(QLatin1String("annotations")).toObject().value(QLatin1String("org.opencontainers.image.ref.name")).toString();
        verifyManifest(layout, entry.toObject(), problems);
    }
    return tags;
}

// Our temporaries (.NAME.crossdock-PID-XXXXXX.tmp) anywhere below `folder`.
QStringList temporaries(const QString &folder)
{
    QStringList found;
    QDirIterator it(folder, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName().contains(QLatin1String(".crossdock-")) && it.fileName().endsWith(QLatin1String(".tmp")))
            found << path;
    }
    return found;
}

} // namespace

class TestDurable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void fullDiskNeverCorruptsNorLies_data();
    void fullDiskNeverCorruptsNorLies();
    void killedCopiesLeaveValidDestinations_data();
    void killedCopiesLeaveValidDestinations();
    void concurrentWritersKeepEveryTag();
    void concurrentWritersCreateOneLayout();
    void concurrentArchiveWritersLeaveOneWholeFile();
    void settingsLoginsAndHistoryOnAFullDisk();

private:
    QString image(int i) const
    {
        return QStringLiteral("docker://") + m_source->hostAndPort() + QStringLiteral("/fill/app:i%1").arg(i);
    }
    // Mounts a 2 MiB tmpfs in the test's folder (unmounted in cleanup()).
    QString mountTinyDisk();
    // Whether skopeo reads the image at `reference` whole (its config and manifest).
    bool readable(const QString &reference) const;

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<RegistryServer> m_source;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_mount; // a tmpfs mounted by a test, unmounted in cleanup()
};

void TestDurable::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
    // 40 images with layers of their own (170-330 kB), and one of 24 MiB
    // (a copy of it takes long enough to be killed half way).
    m_source = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_source->isRunning(), qPrintable(m_source->errorText()));
    RawRegistry raw(m_source->baseUrl());
    for (int i = 0; i < 40; ++i)
        QVERIFY2(!raw.pushSingleLayerImage(QStringLiteral("fill/app"), QStringLiteral("i%1").arg(i), 170000 + i * 4099).isEmpty(),
            qPrintable(raw.error()));
    QVERIFY(!raw.pushSingleLayerImage(QStringLiteral("big/app"), QStringLiteral("1"), 24 * 1024 * 1024).isEmpty());
}

void TestDurable::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestDurable::cleanup()
{
    if (!m_mount.isEmpty())
        runProcess(QStringLiteral("umount"), {QStringLiteral("-l"), m_mount});
    m_mount.clear();
}

QString TestDurable::mountTinyDisk()
{
    const QString disk = m_dir->filePath(QStringLiteral("disk"));
    if (!QDir().mkpath(disk))
        return {};
    const ProcessResult mounted = runProcess(QStringLiteral("mount"),
        {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=2m"), QStringLiteral("tmpfs"), disk});
    if (mounted.exitCode != 0) {
        qWarning("mount: %s", mounted.err.constData());
        return {};
    }
    m_mount = disk;
    return disk;
}

bool TestDurable::readable(const QString &reference) const
{
    const ProcessResult config = runSkopeo({QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("--config"), reference});
    const ProcessResult manifest = runSkopeo({QStringLiteral("inspect"), QStringLiteral("--raw"), reference});
    return config.exitCode == 0 && manifest.exitCode == 0 && !config.out.isEmpty();
}

void TestDurable::fullDiskNeverCorruptsNorLies_data()
{
    QTest::addColumn<QString>("transport");
    for (const char *t : {"oci", "oci-archive", "docker-archive", "dir"})
        QTest::newRow(t) << QString::fromLatin1(t);
}

void TestDurable::fullDiskNeverCorruptsNorLies()
{
    QFETCH(QString, transport);
    if (::geteuid() != 0)
        QSKIP("mounting a 2 MiB tmpfs needs root (CI runs the suite as root)");
    const QString disk = mountTinyDisk();
    QVERIFY(!disk.isEmpty());

    // Image after image until the disk is full; every attempt checked.
    int failures = 0;
    QStringList written;
    for (int i = 0; i < 40 && failures < 3; ++i) {
        QString destination;
        QString source = image(i);
        if (transport == QLatin1String("oci"))
            destination = QStringLiteral("oci:%1/layout:i%2").arg(disk).arg(i);
        else if (transport == QLatin1String("oci-archive"))
            destination = QStringLiteral("oci-archive:%1/i%2.tar:app").arg(disk).arg(i);
        else if (transport == QLatin1String("dir"))
            destination = QStringLiteral("dir:%1/i%2").arg(disk).arg(i);
        else {
            // A docker archive needs real layers (DiffIDs in the config).
            source = QStringLiteral("docker://") + m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::Real + QStringLiteral(":docker");
            destination = QStringLiteral("docker-archive:%1/i%2.tar").arg(disk).arg(i);
        }
        const ProcessResult r = runCli({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), source, destination});
        const QString where = QStringLiteral("attempt %1: ").arg(i);
        QStringList problems;
        bool present = false;
        if (transport == QLatin1String("oci")) {
            const QStringList tags = layoutTags(disk + QStringLiteral("/layout"), &problems);
            present = tags.contains(QStringLiteral("i%1").arg(i));
            for (const QString &tag : std::as_const(written))
                if (!tags.contains(tag))
                    problems << QStringLiteral("tag %1 was lost").arg(tag);
        } else {
            const QString path = destination.section(QLatin1Char(':'), 1, 1);
            present = QFileInfo::exists(path);
            if (present && !readable(destination))
                problems << QStringLiteral("%1 is there but not readable").arg(path);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(where + problems.join(QStringLiteral("; "))));
        // The exit code tells the truth: 0 exactly when the image is there.
        QVERIFY2((r.exitCode == 0) == present,
            qPrintable(where + QStringLiteral("exit %1 but the image is %2: %3")
                                   .arg(r.exitCode)
                                   .arg(present ? QStringLiteral("there") : QStringLiteral("absent"))
                                   .arg(QString::fromUtf8(r.err))));
        if (r.exitCode == 0) {
            written << QStringLiteral("i%1").arg(i);
            continue;
        }
        ++failures;
        QVERIFY2(r.err.contains("No space left on device"), qPrintable(where + QString::fromUtf8(r.err)));
        // A failed copy takes away what it made.
        QVERIFY2(temporaries(disk).isEmpty(), qPrintable(where + temporaries(disk).join(QLatin1Char(' '))));
    }
    QVERIFY2(failures > 0, "the disk never filled up");
    QVERIFY2(!written.isEmpty(), "nothing fitted at all");
}

void TestDurable::killedCopiesLeaveValidDestinations_data()
{
    QTest::addColumn<QString>("transport");
    for (const char *t : {"oci", "oci-archive", "dir"})
        QTest::newRow(t) << QString::fromLatin1(t);
}

void TestDurable::killedCopiesLeaveValidDestinations()
{
    QFETCH(QString, transport);
    const QString big = QStringLiteral("docker://") + m_source->hostAndPort() + QStringLiteral("/big/app:1");
    const QString base = m_dir->filePath(QStringLiteral("dest"));
    const auto destination = [&](int i) {
        if (transport == QLatin1String("oci"))
            return QStringLiteral("oci:%1:k%2").arg(base).arg(i);
        if (transport == QLatin1String("oci-archive"))
            return QStringLiteral("oci-archive:%1.tar:app").arg(base);
        return QStringLiteral("dir:%1").arg(base);
    };
    QStringList written;
    for (int i = 0; i < 20; ++i) {
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"), big, destination(i)});
        QVERIFY(cli.waitForStarted());
        QThread::msleep(QRandomGenerator::global()->bounded(20, 400));
        cli.kill(); // SIGKILL: no clean-up of its own
        cli.waitForFinished();
        const bool completed = cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0;

        QStringList problems;
        if (transport == QLatin1String("oci")) {
            const QStringList tags = layoutTags(base, &problems);
            for (const QString &tag : std::as_const(written))
                if (!tags.contains(tag))
                    problems << QStringLiteral("tag %1 was lost").arg(tag);
        } else if (QFileInfo::exists(destination(i).section(QLatin1Char(':'), 1, 1)) && !readable(destination(i))) {
            problems << QStringLiteral("%1 is not whole").arg(destination(i));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("after kill %1 (%2): %3").arg(i).arg(completed ? QStringLiteral("completed") : QStringLiteral("killed"), problems.join(QStringLiteral("; ")))));

        // The next copy completes, and removes what the killed one left.
        const ProcessResult again = runCli({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"), big, destination(i)});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        written << QStringLiteral("k%1").arg(i);
        QVERIFY(readable(destination(i)));
        const QStringList left = temporaries(m_dir->path());
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    }
}

void TestDurable::concurrentWritersKeepEveryTag()
{
    // Two processes tagging into one layout at once, 20 rounds: the index is
    // read and replaced under a lock, so neither loses the other's tag.
    const QString layout = m_dir->filePath(QStringLiteral("shared"));
    QStringList expected;
    for (int round = 0; round < 20; ++round) {
        QProcess a;
        QProcess b;
        const QString tagA = QStringLiteral("a%1").arg(round);
        const QString tagB = QStringLiteral("b%1").arg(round);
        a.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"), image(round),
                               QStringLiteral("oci:%1:%2").arg(layout, tagA)});
        b.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"), image(20 + round),
                               QStringLiteral("oci:%1:%2").arg(layout, tagB)});
        QVERIFY(a.waitForFinished(60000) && b.waitForFinished(60000));
        QVERIFY2(a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitCode() == 0, b.readAllStandardError().constData());
        expected << tagA << tagB;
    }
    QStringList problems;
    QStringList tags = layoutTags(layout, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    tags.sort();
    expected.sort();
    QCOMPARE(tags, expected);
}

void TestDurable::concurrentWritersCreateOneLayout()
{
    // Two processes creating the same layout at once, 60 fresh folders: the
    // one that comes second must take what the first is making for a layout
    // (even when the first renames its oci-layout into place between the
    // second's looks), never for someone else's folder. From a local layout,
    // so each round is short and the window is hit often (1 in 100 before
    // the fix).
    const QString source = QStringLiteral("oci:%1:1").arg(m_dir->filePath(QStringLiteral("create-source")));
    const ProcessResult seeded = runCli({QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"), image(0), source});
    QVERIFY2(seeded.exitCode == 0, seeded.err.constData());
    for (int round = 0; round < 60; ++round) {
        const QString layout = m_dir->filePath(QStringLiteral("created-%1").arg(round));
        QProcess a;
        QProcess b;
        a.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("-q"), source, QStringLiteral("oci:%1:a").arg(layout)});
        b.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("-q"), source, QStringLiteral("oci:%1:b").arg(layout)});
        QVERIFY(a.waitForFinished(60000) && b.waitForFinished(60000));
        QVERIFY2(a.exitCode() == 0, qPrintable(QStringLiteral("round %1: %2").arg(round).arg(QString::fromLocal8Bit(a.readAllStandardError()))));
        QVERIFY2(b.exitCode() == 0, qPrintable(QStringLiteral("round %1: %2").arg(round).arg(QString::fromLocal8Bit(b.readAllStandardError()))));
        QStringList problems;
        QStringList tags = layoutTags(layout, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
        tags.sort();
        QCOMPARE(tags, (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
    }
}

void TestDurable::concurrentArchiveWritersLeaveOneWholeFile()
{
    // Two writers of one archive: each writes its own temporary file; the
    // file is one of the two, whole.
    const QString archive = m_dir->filePath(QStringLiteral("one.tar"));
    for (int round = 0; round < 5; ++round) {
        QProcess a;
        QProcess b;
        a.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"), image(round),
                               QStringLiteral("oci-archive:%1:app").arg(archive)});
        b.start(cliPath(), {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--src-tls-verify=false"), image(20 + round),
                               QStringLiteral("oci-archive:%1:app").arg(archive)});
        QVERIFY(a.waitForFinished(60000) && b.waitForFinished(60000));
        QCOMPARE(a.exitCode(), 0);
        QCOMPARE(b.exitCode(), 0);
        QVERIFY(readable(QStringLiteral("oci-archive:%1:app").arg(archive)));
        QVERIFY(temporaries(m_dir->path()).isEmpty());
    }
}

namespace {

// Takes up every free byte of the filesystem holding `folder`.
void fillUp(const QString &folder)
{
    QFile filler(folder + QStringLiteral("/filler"));
    QVERIFY(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    for (const qint64 chunk : {qint64(65536), qint64(4096), qint64(1)})
        while (filler.write(QByteArray(chunk, 'f')) == chunk) {
        }
}

} // namespace

// The small files the application keeps - the registries list, an auth
// file, the transfer history - on a disk that fills up while they are
// written: the write fails with the OS's reason, what was there before is
// still there and still reads, and no temporary is left.
void TestDurable::settingsLoginsAndHistoryOnAFullDisk()
{
    if (::geteuid() != 0)
        QSKIP("mounting a 2 MiB tmpfs needs root (CI runs the suite as root)");
    using namespace crossdock;
    const QString disk = mountTinyDisk();
    QVERIFY(!disk.isEmpty());
    const QString settingsPath = disk + QStringLiteral("/registries.json");
    const QString authPath = disk + QStringLiteral("/auth.json");
    QString error;

    RegistrySettings settings;
    RegistryEntry first;
    first.host = QStringLiteral("first.example:5000");
    QVERIFY(settings.upsert(first, &error));
    QVERIFY2(settings.save(settingsPath, &error), qPrintable(error));
    QVERIFY2(AuthFile::store(authPath, QStringLiteral("first.example:5000"), Credentials {QStringLiteral("alice"), QStringLiteral("s3cret"), {}, {}}, &error),
        qPrintable(error));
    TransferHistory history(disk + QStringLiteral("/transfers.jsonl"));
    TransferRecord record {QDateTime::currentDateTimeUtc(), QStringLiteral("a/b@sha256:00"), QStringLiteral("c/d:1"),
        QStringLiteral("sha256:00"), 1, QStringLiteral("failed"), QString(900, u'e')};
    QVERIFY2(history.append(record, &error), qPrintable(error));

    fillUp(disk);

    // The registries list, grown past what fits.
    RegistryEntry second;
    second.host = QStringLiteral("second.example");
    for (int i = 0; i < 2000; ++i)
        second.bookmarks << QStringLiteral("team/repository-%1").arg(i);
    QVERIFY(settings.upsert(second, &error));
    error.clear();
    QVERIFY(!settings.save(settingsPath, &error));
    QVERIFY2(error.contains(QStringLiteral("No space left on device")) && error.contains(settingsPath), qPrintable(error));
    RegistrySettings reloaded;
    QVERIFY2(reloaded.load(settingsPath, &error), qPrintable(error));
    QCOMPARE(reloaded.entries().size(), 1);
    QCOMPARE(reloaded.entries().first().host, first.host);

    // The auth file, with a login that does not fit.
    error.clear();
    QVERIFY(!AuthFile::store(authPath, QStringLiteral("second.example"), Credentials {QStringLiteral("bob"), QString(8000, u'p'), {}, {}}, &error));
    QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("pppp")), "the error shows the password");
    const std::optional<AuthFile> auth = AuthFile::load(authPath, &error);
    QVERIFY2(auth.has_value(), qPrintable(error));
    QCOMPARE(auth->lookup(QStringLiteral("first.example:5000"), QStringLiteral("x")).credentials.username, QStringLiteral("alice"));
    QCOMPARE(auth->lookup(QStringLiteral("second.example"), QStringLiteral("x")).kind, AuthFileMatch::Kind::None);

    // The history: lines go into the file's last page until it is full,
    // then one line is cut short by the disk - and taken back.
    int appended = 1;
    for (; appended < 100; ++appended) {
        error.clear();
        if (!history.append(record, &error))
            break;
    }
    QVERIFY2(appended < 100, "the history never filled the disk");
    QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QFile::remove(disk + QStringLiteral("/filler"));
    QVERIFY2(history.append(record, &error), qPrintable(error));
    int skipped = -1;
    const QList<TransferRecord> records = history.read(0, &skipped, &error);
    QCOMPARE(skipped, 0);
    QCOMPARE(records.size(), appended + 1);

    QVERIFY2(temporaries(disk).isEmpty(), qPrintable(temporaries(disk).join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestDurable)
#include "test_durable.moc"
