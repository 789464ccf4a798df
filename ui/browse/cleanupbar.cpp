// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/cleanupbar.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace crossdock {

CleanupBar::CleanupBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel)
{
    setObjectName(QStringLiteral("cleanupBar"));
    m_text->setObjectName(QStringLiteral("cleanupText"));
    m_text->setWordWrap(true);
    auto *button = new QPushButton(tr("Clean up"));
    button->setObjectName(QStringLiteral("cleanUp"));
    button->setToolTip(tr("Remove the temporary files; no image in the folder uses them"));
    auto *icon = new QLabel;
    icon->setPixmap(QIcon(QStringLiteral(":/icons/warning.svg")).pixmap(18, 18));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(button);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    connect(button, &QPushButton::clicked, this, &CleanupBar::cleanUpRequested);
    hide();
}

void CleanupBar::showLeftovers(int files, qint64 bytes)
{
    if (files == 0) {
        hide();
        return;
    }
    // Spelled out rather than "%n file(s)": no translation is loaded to
    // resolve the plural, and a user should read plain English.
    const QString size = QLocale().formattedDataSize(bytes);
    m_text->setText(files == 1 ? tr("1 temporary file (%1) left by an interrupted copy.").arg(size)
                               : tr("%1 temporary files (%2) left by interrupted copies.").arg(files).arg(size));
    show();
}

} // namespace crossdock
