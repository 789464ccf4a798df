// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/image/digest.h"

#include <QCryptographicHash>
#include <QTest>

using namespace crossdock;

class TestDigest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void hashesLikeQt();
    void incremental();
};

void TestDigest::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("sha256") << QStringLiteral("sha256:") + QString(64, QLatin1Char('f')) << true << "";
    QTest::newRow("sha512") << QStringLiteral("sha512:") + QString(128, QLatin1Char('1')) << true << "";
    QTest::newRow("traversal") << "sha256:../x" << false << "lower-case hexadecimal";
    QTest::newRow("upper hex") << QStringLiteral("sha256:") + QString(64, QLatin1Char('F')) << false << "lower-case";
    QTest::newRow("short") << QStringLiteral("sha256:") + QString(63, QLatin1Char('a')) << false << "needs 64 hex characters, got 63";
    QTest::newRow("long") << QStringLiteral("sha256:") + QString(65, QLatin1Char('a')) << false << "got 65";
    QTest::newRow("unknown algorithm") << "md5:d41d8cd98f00b204e9800998ecf8427e" << false << "unsupported algorithm \"md5\"";
    QTest::newRow("no algorithm") << ":abc" << false << "expected algorithm:hex";
    QTest::newRow("slash in hex") << QStringLiteral("sha256:") + QString(63, QLatin1Char('a')) + QLatin1Char('/') << false << "lower-case hexadecimal";
    QTest::newRow("empty") << "" << false << "expected algorithm:hex";
}

void TestDigest::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, errorPart);
    QString error;
    const Digest d = Digest::parse(text, &error);
    QCOMPARE(d.isValid(), valid);
    if (valid)
        QCOMPARE(d.toString(), text);
    else
        QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TestDigest::hashesLikeQt()
{
    const QByteArray data = QByteArrayLiteral("crossdock digest check \x00\x01\x02");
    const QString expected = QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    QCOMPARE(Digest::sha256Of(data).toString(), expected);
}

void TestDigest::incremental()
{
    QByteArray data(1 << 20, 'x');
    for (int i = 0; i < data.size(); ++i)
        data[i] = static_cast<char>(i * 31);
    DigestHasher hasher;
    for (qsizetype offset = 0; offset < data.size(); offset += 4093)
        hasher.addData(data.mid(offset, 4093));
    QCOMPARE(hasher.result(), Digest::sha256Of(data));
    DigestHasher sha512(QStringLiteral("sha512"));
    sha512.addData(data);
    QCOMPARE(sha512.result().toString(),
             QStringLiteral("sha512:") + QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha512).toHex()));
}

QTEST_GUILESS_MAIN(TestDigest)
#include "test_digest.moc"
