// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Build tool: renders the application's SVG icon to the PNG sizes desktops
// look for (hicolor/<N>x<N>/apps/<name>.png), through Qt's SVG icon engine.
// Usage: render-icon SVG OUTDIR NAME SIZE...
#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QPixmap>

#include <cstdio>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a build machine has no display
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: render-icon SVG OUTDIR NAME SIZE...\n");
        return 2;
    }
    const QIcon icon(args.at(1));
    for (int i = 4; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        const QString dir = QStringLiteral("%1/hicolor/%2x%2/apps").arg(args.at(2)).arg(size);
        const QString path = QStringLiteral("%1/%2.png").arg(dir, args.at(3));
        const QPixmap pixmap = ok ? icon.pixmap(size, size) : QPixmap();
        if (pixmap.width() != size || !QDir().mkpath(dir) || !pixmap.save(path)) {
            std::fprintf(stderr, "render-icon: cannot render %s at %s pixels to %s\n", qPrintable(args.at(1)),
                qPrintable(args.at(i)), qPrintable(path));
            return 1;
        }
    }
    return 0;
}
