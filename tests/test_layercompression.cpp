// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Streaming layer recompression (core/image/layercompression), checked by
// other tools than ours: what the transcoder writes, Debian's gzip and zstd
// programs decompress to the original bytes; what they compress, it reads.
// The DiffID is the uncompressed bytes' digest; corrupt or cut input fails.
#include "core/image/layercompression.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using namespace crossdock;
using namespace crossdock::test;
using LayerCompression::Kind;

class TestLayerCompression : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sniffsAndNamesMediaTypes();
    void transcodes_data();
    void transcodes();
    void concatenatedGzipIsOneLayer();
    void corruptOrCutInputFails_data();
    void corruptOrCutInputFails();

private:
    // Feeds `input` in pieces of `piece` bytes.
    static bool transcode(const QByteArray &input, const LayerCompression::Target &target, QByteArray *out, Digest *diffId,
        QString *error, qsizetype piece = 100 * 1000);

    QByteArray m_tar; // 6 MB: half compressible text, half random
};

void TestLayerCompression::initTestCase()
{
    QRandomGenerator random(42);
    for (int i = 0; m_tar.size() < 3'000'000; ++i)
        m_tar += QByteArrayLiteral("usr/share/doc/package-") + QByteArray::number(i) + QByteArrayLiteral("/copyright\n");
    QByteArray noise(3'000'000, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
    m_tar += noise;
}

bool TestLayerCompression::transcode(
    const QByteArray &input, const LayerCompression::Target &target, QByteArray *out, Digest *diffId, QString *error, qsizetype piece)
{
    LayerCompression::Transcoder transcoder(target);
    for (qsizetype at = 0; at < input.size(); at += piece)
        if (!transcoder.write(input.constData() + at, std::min(piece, input.size() - at), out, error))
            return false;
    if (!transcoder.finish(out, error))
        return false;
    *diffId = transcoder.diffId();
    return true;
}

void TestLayerCompression::sniffsAndNamesMediaTypes()
{
    QCOMPARE(LayerCompression::sniff(QByteArray::fromHex("1f8b0800")), Kind::Gzip);
    QCOMPARE(LayerCompression::sniff(QByteArray::fromHex("28b52ffd04")), Kind::Zstd);
    QCOMPARE(LayerCompression::sniff(QByteArrayLiteral("usr/")), Kind::None);
    QCOMPARE(LayerCompression::ofMediaType(QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip")), Kind::Gzip);
    QCOMPARE(LayerCompression::ofMediaType(QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd")), Kind::Zstd);
    QCOMPARE(LayerCompression::mediaTypeFor(Kind::Zstd, QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip")),
        QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd"));
    QVERIFY(LayerCompression::mediaTypeFor(Kind::Zstd, QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip")).isEmpty());
    QCOMPARE(LayerCompression::mediaTypeFor(Kind::None, QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip")),
        QStringLiteral("application/vnd.docker.image.rootfs.diff.tar"));
}

void TestLayerCompression::transcodes_data()
{
    QTest::addColumn<QString>("sourceTool"); // how the source layer is made: "gzip", "zstd" or "" (plain tar)
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("level");
    QTest::newRow("gzip to zstd") << "gzip" << int(Kind::Zstd) << 0;
    QTest::newRow("gzip to zstd level 19") << "gzip" << int(Kind::Zstd) << 19;
    QTest::newRow("zstd to gzip") << "zstd" << int(Kind::Gzip) << 0;
    QTest::newRow("zstd to gzip level 1") << "zstd" << int(Kind::Gzip) << 1;
    QTest::newRow("gzip decompressed") << "gzip" << int(Kind::None) << 0;
    QTest::newRow("plain to zstd") << "" << int(Kind::Zstd) << 0;
    QTest::newRow("plain to gzip") << "" << int(Kind::Gzip) << 0;
}

void TestLayerCompression::transcodes()
{
    QFETCH(QString, sourceTool);
    QFETCH(int, target);
    QFETCH(int, level);
    QByteArray source = m_tar;
    if (!sourceTool.isEmpty()) {
        const ProcessResult made = runProcess(sourceTool, {QStringLiteral("-c")}, m_tar);
        QVERIFY2(made.exitCode == 0, made.err.constData());
        source = made.out;
    }
    QByteArray out;
    Digest diffId;
    QString error;
    QVERIFY2(transcode(source, {Kind(target), level}, &out, &diffId, &error), qPrintable(error));
    QCOMPARE(diffId.hex(), QString::fromLatin1(QCryptographicHash::hash(m_tar, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(LayerCompression::sniff(out.left(4)), Kind(target));
    if (Kind(target) == Kind::None) {
        QVERIFY(out == m_tar);
        return;
    }
    const ProcessResult back = runProcess(Kind(target) == Kind::Zstd ? QStringLiteral("zstd") : QStringLiteral("gzip"),
        {QStringLiteral("-dc")}, out);
    QVERIFY2(back.exitCode == 0, back.err.constData());
    QVERIFY(back.out == m_tar);
    // The same input in other pieces gives the same bytes (the blob-location
    // cache relies on that).
    QByteArray again;
    QVERIFY2(transcode(source, {Kind(target), level}, &again, &diffId, &error, 7777), qPrintable(error));
    QVERIFY(again == out);
}

void TestLayerCompression::concatenatedGzipIsOneLayer()
{
    // pigz and some builders write several gzip members; they are one layer.
    const QByteArray first = runProcess(QStringLiteral("gzip"), {QStringLiteral("-c")}, m_tar.left(1'000'000)).out;
    const QByteArray second = runProcess(QStringLiteral("gzip"), {QStringLiteral("-c")}, m_tar.mid(1'000'000)).out;
    QByteArray out;
    Digest diffId;
    QString error;
    QVERIFY2(transcode(first + second, {Kind::None, 0}, &out, &diffId, &error), qPrintable(error));
    QVERIFY(out == m_tar);
}

void TestLayerCompression::corruptOrCutInputFails_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<bool>("cut"); // else one byte flipped in the middle
    QTest::newRow("gzip flipped") << "gzip" << false;
    QTest::newRow("gzip cut") << "gzip" << true;
    QTest::newRow("zstd flipped") << "zstd" << false;
    QTest::newRow("zstd cut") << "zstd" << true;
}

void TestLayerCompression::corruptOrCutInputFails()
{
    QFETCH(QString, tool);
    QFETCH(bool, cut);
    QByteArray source = runProcess(tool, {QStringLiteral("-c")}, m_tar).out;
    QVERIFY(!source.isEmpty());
    if (cut)
        source.chop(source.size() / 3);
    else
        source[source.size() / 4] = static_cast<char>(source[source.size() / 4] ^ 0x55);
    QByteArray out;
    Digest diffId;
    QString error;
    QVERIFY(!transcode(source, {Kind::Zstd, 0}, &out, &diffId, &error));
    QVERIFY2(error.contains(QStringLiteral("corrupt")) || error.contains(QStringLiteral("ends too early")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestLayerCompression)
#include "test_layercompression.moc"
