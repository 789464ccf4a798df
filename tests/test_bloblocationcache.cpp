// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transfer/bloblocationcache.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock;

// The blob location cache as a file: what one process records the next
// reads back, in order; damaged lines and old formats are left out without
// failing; the file is private, bounded, and read only when asked.
class TestBlobLocationCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void damagedLinesAreLeftOut();
    void oldJsonCacheIsReplaced();
    void boundedPerDigest();
    void notReadUntilUsed();

private:
    static Digest digest(int n) { return Digest::sha256Of(QByteArray::number(n)); }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }
};

void TestBlobLocationCache::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache/blob-locations.tsv"));
    {
        BlobLocationCache cache(path);
        cache.record(digest(1), QStringLiteral("r.example:5000"), QStringLiteral("team/a"));
        cache.record(digest(1), QStringLiteral("r.example:5000"), QStringLiteral("team/b")); // newest first
        cache.record(digest(1), QStringLiteral("other.example"), QStringLiteral("mirror/a"));
        cache.record(digest(2), QStringLiteral("r.example:5000"), QStringLiteral("team/c"));
        Descriptor zstd;
        zstd.mediaType = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
        zstd.digest = digest(9);
        zstd.size = 1234;
        cache.recordConversion(digest(1), QStringLiteral("zstd:5"), zstd);
        QVERIFY(cache.save());
    }
    QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    BlobLocationCache again(path);
    QCOMPARE(again.repositoriesOn(digest(1), QStringLiteral("r.example:5000")),
        (QStringList {QStringLiteral("team/b"), QStringLiteral("team/a")}));
    QCOMPARE(again.repositoriesOn(digest(1), QStringLiteral("other.example")), QStringList {QStringLiteral("mirror/a")});
    QCOMPARE(again.repositoriesOn(digest(2), QStringLiteral("r.example:5000")), QStringList {QStringLiteral("team/c")});
    QVERIFY(again.repositoriesOn(digest(3), QStringLiteral("r.example:5000")).isEmpty());
    const std::optional<Descriptor> converted = again.conversion(digest(1), QStringLiteral("zstd:5"));
    QVERIFY(converted.has_value());
    QCOMPARE(converted->digest, digest(9));
    QCOMPARE(converted->size, 1234);
    QCOMPARE(converted->mediaType, QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd"));
    QVERIFY(!again.conversion(digest(1), QStringLiteral("zstd:3")).has_value());
    // forget() is saved too.
    again.forget(digest(2), QStringLiteral("r.example:5000"), QStringLiteral("team/c"));
    QVERIFY(again.save());
    QVERIFY(BlobLocationCache(path).repositoriesOn(digest(2), QStringLiteral("r.example:5000")).isEmpty());
}

void TestBlobLocationCache::damagedLinesAreLeftOut()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("blob-locations.tsv"));
    const QByteArray good = "B\t" + digest(1).toString().toLatin1() + "\t1700000000\tr.example\tteam/a\n";
    write(path,
        "crossdock-blob-locations\t2\n"
        "B\tsha256:../../etc\t1700000000\tr.example\tteam/x\n" // not a digest
        "B\t" + digest(2).toString().toLatin1() + "\tyesterday\tr.example\tteam/y\n" // not a time
        "B\t" + digest(3).toString().toLatin1() + "\t1700000000\tr.example\n" // cut short
        "C\t" + digest(4).toString().toLatin1() + "\tzstd:5\tnot-a-digest\t10\t1700000000\tx\n"
        "\n"
        "something else entirely\n"
        + good);
    BlobLocationCache cache(path);
    QCOMPARE(cache.repositoriesOn(digest(1), QStringLiteral("r.example")), QStringList {QStringLiteral("team/a")});
    QVERIFY(cache.repositoriesOn(digest(2), QStringLiteral("r.example")).isEmpty());
    QVERIFY(cache.repositoriesOn(digest(3), QStringLiteral("r.example")).isEmpty());
    QVERIFY(!cache.conversion(digest(4), QStringLiteral("zstd:5")).has_value());
    // A file that is not this format at all: empty, and replaced on save.
    write(path, "{\"version\":1,\"blobs\":{}}");
    BlobLocationCache foreign(path);
    QVERIFY(foreign.repositoriesOn(digest(1), QStringLiteral("r.example")).isEmpty());
    foreign.record(digest(5), QStringLiteral("r.example"), QStringLiteral("team/e"));
    QVERIFY(foreign.save());
    QVERIFY(read(path).startsWith("crossdock-blob-locations\t2\n"));
}

void TestBlobLocationCache::oldJsonCacheIsReplaced()
{
    // Version 1 was JSON beside it: a lost hint, removed once version 2 is
    // written (a full one was 18 MB).
    QTemporaryDir dir;
    const QString legacy = dir.filePath(QStringLiteral("blob-locations.json"));
    write(legacy, "{\"version\":1,\"blobs\":{},\"conversions\":{}}");
    BlobLocationCache cache(dir.filePath(QStringLiteral("blob-locations.tsv")));
    QVERIFY(cache.save()); // nothing changed: nothing written, nothing removed
    QVERIFY(QFile::exists(legacy));
    cache.record(digest(1), QStringLiteral("r.example"), QStringLiteral("team/a"));
    QVERIFY(cache.save());
    QVERIFY(!QFile::exists(legacy));
}

void TestBlobLocationCache::boundedPerDigest()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("blob-locations.tsv"));
    BlobLocationCache cache(path);
    for (int i = 0; i < BlobLocationCache::MaxLocationsPerDigest + 3; ++i)
        cache.record(digest(1), QStringLiteral("r.example"), QStringLiteral("team/r%1").arg(i));
    QVERIFY(cache.save());
    const QStringList kept = BlobLocationCache(path).repositoriesOn(digest(1), QStringLiteral("r.example"));
    QCOMPARE(kept.size(), BlobLocationCache::MaxLocationsPerDigest);
    QCOMPARE(kept.first(), QStringLiteral("team/r%1").arg(BlobLocationCache::MaxLocationsPerDigest + 2)); // the newest
}

void TestBlobLocationCache::notReadUntilUsed()
{
    // A cache that cannot be read yet when the cache object is made (here:
    // not there) is read when first asked: nothing happens at start-up.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("blob-locations.tsv"));
    BlobLocationCache cache(path);
    write(path, "crossdock-blob-locations\t2\nB\t" + digest(1).toString().toLatin1() + "\t1700000000\tr.example\tteam/a\n");
    QCOMPARE(cache.repositoriesOn(digest(1), QStringLiteral("r.example")), QStringList {QStringLiteral("team/a")});
}

QTEST_GUILESS_MAIN(TestBlobLocationCache)
#include "test_bloblocationcache.moc"
