// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Both programs hold credentials in memory; a crash must not write them to
// disk. Each is started with core dumps allowed by the shell (ulimit -c
// unlimited), given a password through an auth file, and aborted with
// SIGABRT once it holds it: no core file may appear, and /proc shows the
// core limit at 0. The control run with CROSSDOCK_ALLOW_CORE_DUMPS=1 shows
// the test can fail: there the core exists and holds the password.
#include "core/base/processhardening.h"
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

using namespace crossdock;
using namespace crossdock::test;

namespace {

const QByteArray Password = "core-dump-canary-7f3a9";

QString guiPath()
{
    return QStringLiteral(CROSSDOCK_GUI_PATH);
}

// The core soft limit the kernel shows for a process, or -1.
qint64 coreLimitOf(qint64 pid)
{
    QFile limits(QStringLiteral("/proc/%1/limits").arg(pid));
    if (!limits.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : limits.readAll().split('\n')) {
        if (!line.startsWith("Max core file size"))
            continue;
        const QList<QByteArray> fields = line.mid(18).simplified().split(' ');
        return fields.value(0) == "unlimited" ? std::numeric_limits<qint64>::max() : fields.value(0).toLongLong();
    }
    return -1;
}

QStringList coreFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("core"), QStringLiteral("core.*")}, QDir::Files);
}

} // namespace

class TestCoreDumps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thisProcessCanBeHardened();
    void abortWritesNoCore_data();
    void abortWritesNoCore();

private:
    // Starts `program` under a shell that allows cores, in dir, with an
    // auth file holding Password for the silent server's address; returns
    // once the program holds the password (it has connected). The caller
    // sends the signal.
    bool startHoldingPassword(QProcess *process, const QString &program, const QString &dir, QTcpServer *silent,
        bool allowCores);
};

void TestCoreDumps::thisProcessCanBeHardened()
{
    // The function itself, in a child of this test (which must stay debuggable).
    QProcess child;
    child.setProgram(cliPath());
    child.setArguments({QStringLiteral("--debug"), QStringLiteral("manifest-digest"), QStringLiteral("/dev/null")});
    child.start();
    QVERIFY(child.waitForFinished(20000));
    QVERIFY2(child.readAllStandardError().contains("core dumps off"), "crossdock-cli --debug does not report core dumps off");
    QVERIFY(coreDumpState().startsWith(QLatin1String("core dumps allowed"))); // this test process: untouched
}

void TestCoreDumps::abortWritesNoCore_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<bool>("allowCores");
    QTest::newRow("crossdock-cli") << cliPath() << false;
    QTest::newRow("crossdock (GUI)") << guiPath() << false;
    QTest::newRow("control: crossdock-cli with CROSSDOCK_ALLOW_CORE_DUMPS=1") << cliPath() << true;
}

bool TestCoreDumps::startHoldingPassword(
    QProcess *process, const QString &program, const QString &dir, QTcpServer *silent, bool allowCores)
{
    const QString registry = QStringLiteral("127.0.0.1:%1").arg(silent->serverPort());
    QFile auth(dir + QStringLiteral("/auth.json"));
    if (!auth.open(QIODevice::WriteOnly))
        return false;
    auth.write(R"({"auths":{")" + registry.toUtf8() + R"(":{"auth":")" + QByteArray("alice:" + Password).toBase64()
        + R"("}}})");
    auth.close();

    QProcessEnvironment env = isolatedEnvironment(dir);
    env.insert(QStringLiteral("REGISTRY_AUTH_FILE"), auth.fileName());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    if (allowCores) {
        env.insert(QStringLiteral("CROSSDOCK_ALLOW_CORE_DUMPS"), QStringLiteral("1"));
#ifdef CROSSDOCK_SANITIZED
        // AddressSanitizer sets the core limit to 0 itself unless told not
        // to (its shadow memory is left out of the core).
        env.insert(QStringLiteral("ASAN_OPTIONS"),
            env.value(QStringLiteral("ASAN_OPTIONS")) + QStringLiteral(":disable_coredump=0"));
#endif
    }
    process->setProcessEnvironment(env);
    process->setWorkingDirectory(dir);
    process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    // The GUI opens the reference in its first pane, the CLI inspects it:
    // both resolve the login (reading the password) and then connect.
    const QString reference = registry + QStringLiteral("/team/app:1.0");
    const QStringList arguments = program == cliPath() ? QStringList{QStringLiteral("inspect"), reference}
                                                       : QStringList{reference};
    process->start(QStringLiteral("/bin/sh"),
        QStringList{QStringLiteral("-c"), QStringLiteral("ulimit -c unlimited && exec \"$0\" \"$@\""), program} + arguments);
    if (!process->waitForStarted(10000))
        return false;
    // The registry never answers: the program waits in its event loop with
    // the password in memory.
    return silent->waitForNewConnection(20000);
}

void TestCoreDumps::abortWritesNoCore()
{
    QFETCH(QString, program);
    QFETCH(bool, allowCores);
    QTemporaryDir dir;
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QProcess process;
    QVERIFY2(startHoldingPassword(&process, program, dir.path(), &silent, allowCores),
        qPrintable(process.errorString() + QString::fromUtf8(process.readAllStandardError())));
    const qint64 pid = process.processId();
    if (allowCores)
        QVERIFY(coreLimitOf(pid) > 0);
    else
        QCOMPARE(coreLimitOf(pid), 0);

    ::kill(static_cast<pid_t>(pid), SIGABRT);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);

    const QStringList cores = coreFiles(dir.path());
    if (!allowCores) {
        QVERIFY2(cores.isEmpty(), qPrintable(cores.join(QLatin1Char(' '))));
        return;
    }
    // The control: where dumps are allowed the kernel wrote one, and it
    // holds the password - what the hardening prevents.
    QFile pattern(QStringLiteral("/proc/sys/kernel/core_pattern"));
    QVERIFY(pattern.open(QIODevice::ReadOnly));
    const QByteArray where = pattern.readAll().trimmed();
    QVERIFY2(!where.startsWith('|') && !where.contains('/'),
        QByteArray("this machine's core_pattern sends cores elsewhere; the control cannot see them: " + where).constData());
    QCOMPARE(cores.size(), 1);
    QFile core(dir.filePath(cores.first()));
    QVERIFY(core.open(QIODevice::ReadOnly));
    const QByteArray bytes = core.readAll();
    const QString password = QString::fromLatin1(Password);
    const QByteArray utf16(reinterpret_cast<const char *>(password.utf16()), password.size() * 2);
    QVERIFY(bytes.contains(Password) || bytes.contains(utf16) || bytes.contains(QByteArray("alice:" + Password).toBase64()));
}

QTEST_GUILESS_MAIN(TestCoreDumps)
#include "test_coredumps.moc"
