// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Configured registries: validated, ordered, persisted atomically, no secrets.
#include "core/registry/registrysettings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock;

class TestRegistrySettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void badInput_data();
    void badInput();
    void malformedFileIsNamedAndKept();
};

void TestRegistrySettings::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cfg/registries.json"));
    RegistrySettings settings;
    QString error;
    RegistryEntry a{QStringLiteral("Staging"), QStringLiteral("staging.example.com"), TlsSettings::Mode::Verify, QStringLiteral("/ca.pem"),
                    {}, {}, {QStringLiteral("team/app")}, 4};
    RegistryEntry b{QStringLiteral("Local"), QStringLiteral("localhost:5000"), TlsSettings::Mode::PlainHttp, {}, {}, {}, {}, 6};
    QVERIFY2(settings.upsert(a, &error), qPrintable(error));
    QVERIFY(settings.upsert(b, &error));
    QVERIFY(settings.move(QStringLiteral("localhost:5000"), 0));
    a.displayName = QStringLiteral("Staging (EU)");
    QVERIFY(settings.upsert(a, &error)); // same host: replaced, not added
    QVERIFY(settings.save(path, &error));

    RegistrySettings loaded;
    QVERIFY2(loaded.load(path, &error), qPrintable(error));
    QCOMPARE(loaded.entries().size(), 2);
    QCOMPARE(loaded.entries().at(0).host, QStringLiteral("localhost:5000"));
    QCOMPARE(loaded.entries().at(0).tlsMode, TlsSettings::Mode::PlainHttp);
    QCOMPARE(loaded.entries().at(1).displayName, QStringLiteral("Staging (EU)"));
    QCOMPARE(loaded.entries().at(1).bookmarks, QStringList{QStringLiteral("team/app")});
    QCOMPARE(loaded.entries().at(1).maxStreams, 4);
    QCOMPARE(loaded.find(QStringLiteral("staging.example.com"))->tlsSettings().caFiles, QStringList{QStringLiteral("/ca.pem")});
    QVERIFY(loaded.remove(QStringLiteral("localhost:5000")));
    QVERIFY(!loaded.find(QStringLiteral("localhost:5000")));
    QVERIFY(!loaded.remove(QStringLiteral("nowhere.example.com")));
}

void TestRegistrySettings::badInput_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QStringList>("bookmarks");
    QTest::addColumn<int>("streams");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("empty host") << "" << QStringList() << 6 << "is not a registry host";
    QTest::newRow("path in host") << "r.io/team" << QStringList() << 6 << "is not a registry host";
    QTest::newRow("bad port") << "r.io:99999" << QStringList() << 6 << "is not a registry host";
    QTest::newRow("streams") << "r.io" << QStringList() << 0 << "between 1 and 64";
    QTest::newRow("bad bookmark") << "r.io" << QStringList{QStringLiteral("Team/App")} << 6 << "bookmark \"Team/App\"";
}

void TestRegistrySettings::badInput()
{
    QFETCH(QString, host);
    QFETCH(QStringList, bookmarks);
    QFETCH(int, streams);
    QFETCH(QString, errorPart);
    RegistrySettings settings;
    QString error;
    RegistryEntry e;
    e.host = host;
    e.bookmarks = bookmarks;
    e.maxStreams = streams;
    QVERIFY(!settings.upsert(e, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    QVERIFY(settings.entries().isEmpty());
}

void TestRegistrySettings::malformedFileIsNamedAndKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("registries.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();
    RegistrySettings settings;
    QString error;
    QVERIFY(!settings.load(path, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("not valid JSON")), qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{ not json")); // nothing the user had is lost
}

QTEST_GUILESS_MAIN(TestRegistrySettings)
#include "test_registrysettings.moc"
