// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "jsonoutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossdock::cli {

namespace {

QByteArray scalar(const QJsonValue &value)
{
    // QJsonDocument formats scalars correctly inside an array; strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QStringList orderedKeys(const QJsonObject &object, const QList<QStringList> &structOrders)
{
    for (const QStringList &order : structOrders) {
        QStringList keys;
        for (const QString &k : order)
            if (object.contains(k))
                keys << k;
        if (keys.size() == object.size())
            return keys;
    }
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

void write(QByteArray &out, const QJsonValue &value, int depth, const QList<QStringList> &structOrders)
{
    const QByteArray indent((depth + 1) * 4, ' ');
    const QByteArray closing(depth * 4, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        const QStringList keys = orderedKeys(object, structOrders);
        out += "{\n";
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out += indent + scalar(keys[i]) + ": ";
            write(out, object.value(keys[i]), depth + 1, structOrders);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += closing + '}';
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += indent;
            write(out, array.at(i), depth + 1, structOrders);
            out += i + 1 < array.size() ? ",\n" : "\n";
        }
        out += closing + ']';
    } else {
        out += scalar(value);
    }
}

} // namespace

QByteArray toIndentedJson(const QJsonValue &value, const QList<QStringList> &structOrders)
{
    QByteArray out;
    write(out, value, 0, structOrders);
    out += '\n';
    return out;
}

} // namespace crossdock::cli
