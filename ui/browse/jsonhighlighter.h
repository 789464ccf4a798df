// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSyntaxHighlighter>

namespace crossdock {

// Colours JSON keys, strings, numbers and literals in the raw manifest and
// config view. Colours come from the palette's link and text roles, so they
// read well in light and dark themes.
class JsonHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace crossdock
