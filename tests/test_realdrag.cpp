// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// A real drag and drop, as a user makes it: the X server's pointer (xdotool)
// presses on a tag in one pane, moves across the window under a window
// manager (openbox) and lets go over another pane. Offscreen tests call the
// drop code directly; only this shows that Qt's drag really starts from the
// tag table, that the other pane accepts it, and that the promotion it opens
// copies the image. Runs under tests/with-xserver.sh (Xvfb + openbox).
#include "fixtures.h"
#include "guiservices.h"
#include "panedriver.h"
#include "rawregistry.h"
#include "registryserver.h"
#include "registryset.h"
#include "ui/mainwindow.h"
#include "ui/promote/promotedialog.h"

#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>

using namespace crossdock;
using namespace crossdock::test;

class TestRealDrag : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dragATagOntoAnotherPanePromotesIt();

private:
    // Runs xdotool with these arguments, without waiting: Qt's drag loop has
    // to run while the pointer moves.
    QProcess *xdotool(const QStringList &arguments);

    std::unique_ptr<RegistrySet> m_set;
    std::unique_ptr<RegistryServer> m_destination;
    GuiServices m_gui;
};

void TestRealDrag::initTestCase()
{
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb")); // a real X server, or this shows nothing
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("xdotool")).isEmpty(), "xdotool is not installed");
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
    m_destination = std::make_unique<RegistryServer>(RegistryServer::Options());
    QVERIFY2(m_destination->isRunning(), qPrintable(m_destination->errorText()));
    for (const QString &host : {m_set->anonymous()->hostAndPort(), m_destination->hostAndPort()}) {
        QString error;
        QVERIFY2(m_gui.addRegistry(host, &error), qPrintable(error));
    }
}

QProcess *TestRealDrag::xdotool(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::ForwardedChannels);
    process->start(QStringLiteral("xdotool"), arguments);
    return process;
}

void TestRealDrag::dragATagOntoAnotherPanePromotesIt()
{
    MainWindow window(m_gui.services());
    window.resize(1200, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RegistryPane *source = window.panes().at(0);
    RegistryPane *destination = window.panes().at(1);
    QVERIFY(source->openRegistry(m_set->anonymous()->hostAndPort()));
    QVERIFY(destination->openRegistry(m_destination->hostAndPort()));
    QVERIFY(openRepository(source, Fixtures::OciImage));
    QVERIFY(selectTag(source, QStringLiteral("1.0")));

    auto *table = child<QTableView>(source, "tagTable");
    const QModelIndex row = table->currentIndex();
    const QPoint from = table->viewport()->mapToGlobal(table->visualRect(row).center());
    auto *target = child<QWidget>(destination, "tagTable");
    const QPoint to = target->mapToGlobal(target->rect().center());
    const auto at = [](const QPoint &p) { return QStringList {QString::number(p.x()), QString::number(p.y())}; };
    // Press, leave the start-drag distance behind in small steps, cross over,
    // settle on the target (X delivers the motion Qt's drag loop waits for).
    QStringList steps {QStringLiteral("mousemove"), QStringLiteral("--sync")};
    steps << at(from) << QStringLiteral("sleep") << QStringLiteral("0.3") << QStringLiteral("mousedown") << QStringLiteral("1");
    for (int i = 1; i <= 4; ++i)
        steps << QStringLiteral("mousemove") << at(from + QPoint(8 * i, 2 * i)) << QStringLiteral("sleep") << QStringLiteral("0.1");
    for (int i = 1; i <= 8; ++i)
        steps << QStringLiteral("mousemove") << at(from + (to - from) * i / 8) << QStringLiteral("sleep") << QStringLiteral("0.1");
    steps << QStringLiteral("mousemove") << at(to + QPoint(3, 3)) << QStringLiteral("sleep") << QStringLiteral("0.4")
          << QStringLiteral("mouseup") << QStringLiteral("1");
    QProcess *pointer = xdotool(steps);
    QVERIFY(pointer->waitForStarted(5000));

    PromoteDialog *dialog = nullptr;
    QVERIFY2(QTest::qWaitFor([&] { return (dialog = window.findChild<PromoteDialog *>()) && dialog->isVisible(); }, 20000),
        "no promotion dialog after the drop");
    QTRY_COMPARE_WITH_TIMEOUT(pointer->state(), QProcess::NotRunning, 10000);
    QCOMPARE(pointer->exitCode(), 0);
    const QString heading = child<QLabel>(dialog, "promoteHeading")->text();
    QVERIFY2(heading.contains(m_set->anonymous()->hostAndPort()) && heading.contains(m_destination->hostAndPort()),
        qPrintable(heading));
    QCOMPARE(child<QLineEdit>(dialog, "destinationRepository")->text(), Fixtures::OciImage);
    auto *promote = child<QPushButton>(dialog, "promote");
    QTRY_VERIFY_WITH_TIMEOUT(promote->isEnabled(), 15000); // the preview is worked out first
    promote->click();

    // The image is there, under the dragged tag, byte for byte the source's manifest.
    RawRegistry destinationRaw(m_destination->baseUrl());
    RawRegistry sourceRaw(m_set->anonymous()->baseUrl());
    const QString path = QStringLiteral("/v2/%1/manifests/1.0").arg(Fixtures::OciImage);
    const QList<QPair<QByteArray, QByteArray>> accept {{"Accept", "application/vnd.oci.image.manifest.v1+json"}};
    QTRY_COMPARE_WITH_TIMEOUT(destinationRaw.request("GET", path, {}, accept).status, 200, 30000);
    QCOMPARE(destinationRaw.request("GET", path, {}, accept).body, sourceRaw.request("GET", path, {}, accept).body);
}

QTEST_MAIN(TestRealDrag)
#include "test_realdrag.moc"
