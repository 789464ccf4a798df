// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/tagorder.h"

#include "core/sync/semver.h"

namespace crossdock {

namespace {

// A number's key: a marker, its length, its digits. Numbers then compare
// by length first, so by value, and before any separator or letter.
void appendNumber(QString *key, QStringView digits)
{
    while (digits.size() > 1 && digits.front() == QLatin1Char('0'))
        digits = digits.mid(1);
    key->append(QChar(0x02));
    key->append(QChar(0x30 + static_cast<int>(digits.size())));
    key->append(digits);
}

void appendNumber(QString *key, qint64 number)
{
    appendNumber(key, QString::number(number));
}

QString naturalKey(const QString &text)
{
    QString key;
    key.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size();) {
        if (text.at(i).isDigit()) {
            qsizetype end = i;
            while (end < text.size() && text.at(end).isDigit())
                ++end;
            appendNumber(&key, QStringView(text).mid(i, end - i));
            i = end;
        } else {
            key.append(text.at(i).toLower());
            ++i;
        }
    }
    return key;
}

} // namespace

QString tagSortKey(const QString &tag)
{
    QString key;
    if (const auto version = SemVersion::parse(tag)) {
        appendNumber(&key, version->major);
        key.append(QLatin1Char('.'));
        appendNumber(&key, version->minor);
        key.append(QLatin1Char('.'));
        appendNumber(&key, version->patch);
        // A pre-release sorts before its release.
        if (version->prerelease.isEmpty())
            key.append(QChar(0x7f));
        else
            key.append(QChar(0x03) + naturalKey(version->prerelease.join(QLatin1Char('.'))));
    } else {
        key = naturalKey(tag);
    }
    // Ties (v1.2 and 1.2.0; App and app) in a stable order.
    key.append(QChar(0x01));
    key.append(tag);
    return key;
}

} // namespace crossdock
