// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/jsonhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace crossdock {

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const QPalette palette = QGuiApplication::palette();
    QTextCharFormat key;
    key.setForeground(palette.color(QPalette::Link));
    key.setFontWeight(QFont::DemiBold);
    QTextCharFormat string;
    string.setForeground(palette.color(QPalette::LinkVisited));
    QTextCharFormat literal;
    literal.setForeground(palette.color(QPalette::Highlight));

    static const QRegularExpression token(
        QStringLiteral(R"("(?:[^"\\]|\\.)*"(\s*:)?|-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b|\b(?:true|false|null)\b)"));
    auto it = token.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString found = match.captured(0);
        if (found.startsWith(QLatin1Char('"')))
            setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()),
                match.hasCaptured(1) ? key : string);
        else
            setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()), literal);
    }
}

} // namespace crossdock
