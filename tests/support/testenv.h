// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace crossdock::test {

// Output of a finished child process.
struct ProcessResult {
    int exitCode = -1;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
};

// Runs a program to completion (tests may block; product code never does).
ProcessResult runProcess(const QString &program, const QStringList &arguments, const QByteArray &stdinData = {},
    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(), int timeoutMs = 120000);

// The built crossdock-cli (path injected by CMake).
QString cliPath();

// Runs crossdock-cli with an environment that has no stored credentials
// (HOME and XDG dirs point into a scratch directory).
ProcessResult runCli(
    const QStringList &arguments, const QByteArray &stdinData = {}, const QProcessEnvironment &extra = {});
ProcessResult runSkopeo(const QStringList &arguments);

// A loopback TCP port nobody listens on right now.
quint16 freePort();
// Blocks until something accepts connections on 127.0.0.1:port.
bool waitForPort(quint16 port, int timeoutMs = 15000);

// An environment whose HOME/XDG/DOCKER_CONFIG point into dir, so no user
// configuration leaks into a test.
QProcessEnvironment isolatedEnvironment(const QString &dir);

// Files below dir (hidden ones included) whose bytes contain any of needles:
// where a secret was written in plain text.
QStringList filesContaining(const QString &dir, const QList<QByteArray> &needles);

} // namespace crossdock::test
