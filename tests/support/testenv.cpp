// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "testenv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>

namespace crossdock::test {

ProcessResult runProcess(const QString &program, const QStringList &arguments, const QByteArray &stdinData,
    const QProcessEnvironment &environment, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    // Children die with the test, even when it crashes.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    process.start(program, arguments);
    ProcessResult result;
    if (!process.waitForStarted(10000)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString cliPath()
{
    return QStringLiteral(CROSSDOCK_CLI_PATH);
}

QProcessEnvironment isolatedEnvironment(const QString &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QDir().mkpath(dir + QStringLiteral("/home"));
    QDir().mkpath(dir + QStringLiteral("/runtime"));
    env.insert(QStringLiteral("HOME"), dir + QStringLiteral("/home"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/home/.config"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir + QStringLiteral("/runtime"));
    env.remove(QStringLiteral("DOCKER_CONFIG"));
    env.remove(QStringLiteral("REGISTRY_AUTH_FILE"));
    return env;
}

ProcessResult runCli(const QStringList &arguments, const QByteArray &stdinData, const QProcessEnvironment &extra)
{
    static QTemporaryDir scratch;
    QProcessEnvironment env = isolatedEnvironment(scratch.path());
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    return runProcess(cliPath(), arguments, stdinData, env);
}

ProcessResult runSkopeo(const QStringList &arguments)
{
    static QTemporaryDir scratch;
    return runProcess(QStringLiteral("skopeo"), arguments, {}, isolatedEnvironment(scratch.path()));
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

bool waitForPort(quint16 port, int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs; waited += 50) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    return false;
}

QStringList filesContaining(const QString &dir, const QList<QByteArray> &needles)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        const QByteArray content = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        for (const QByteArray &needle : needles) {
            if (content.contains(needle)) {
                found << it.filePath();
                break;
            }
        }
    }
    return found;
}

} // namespace crossdock::test
