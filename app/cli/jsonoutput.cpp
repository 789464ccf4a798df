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

void write(QByteArray &out, const QJsonValue &value, int depth, const QStringList &keyOrder)
{
    const QByteArray indent((depth + 1) * 4, ' ');
    const QByteArray closing(depth * 4, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        QStringList keys;
        for (const QString &k : keyOrder)
            if (object.contains(k))
                keys << k;
        QStringList rest = object.keys();
        rest.sort();
        for (const QString &k : rest)
            if (!keys.contains(k))
                keys << k;
        out += "{\n";
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out += indent + scalar(keys[i]) + ": ";
            write(out, object.value(keys[i]), depth + 1, keyOrder);
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
            write(out, array.at(i), depth + 1, keyOrder);
            out += i + 1 < array.size() ? ",\n" : "\n";
        }
        out += closing + ']';
    } else {
        out += scalar(value);
    }
}

} // namespace

QByteArray toIndentedJson(const QJsonValue &value, const QStringList &keyOrder)
{
    QByteArray out;
    write(out, value, 0, keyOrder);
    out += '\n';
    return out;
}

} // namespace crossdock::cli
