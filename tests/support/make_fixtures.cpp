// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// CTest set-up step: builds the fixture registry storage once per test run.
#include "fixtures.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QString error;
    const QString directory = crossdock::test::Fixtures::storageDirectory(&error);
    if (directory.isEmpty()) {
        std::fprintf(stderr, "fixtures: %s\n", qUtf8Printable(error));
        return 1;
    }
    std::printf("fixture storage ready: %s\n", qUtf8Printable(directory));
    return 0;
}
