// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/template/templatevalue.h"

#include <QRegularExpression>

namespace crossdock {

namespace {

const QList<TemplateValue> NoItems;
const QMap<QString, TemplateValue> NoEntries;
const QList<std::pair<QString, TemplateValue>> NoFields;

// time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST", the
// fraction without trailing zeros; a zero offset is UTC.
QString goTimeString(const QString &rfc3339)
{
    static const QRegularExpression form(QStringLiteral(
        R"(^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$)"));
    const QRegularExpressionMatch m = form.match(rfc3339);
    if (!m.hasMatch())
        return rfc3339; // not a time Go could have parsed: as written
    QString fraction = m.captured(3).left(9);
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    QString zone = QStringLiteral("+0000 UTC");
    if (!m.captured(5).isEmpty()) {
        const QString offset = m.captured(5) + m.captured(6) + m.captured(7);
        if (m.captured(6) != QLatin1String("00") || m.captured(7) != QLatin1String("00"))
            zone = offset + QLatin1Char(' ') + offset;
    }
    return m.captured(1) + QLatin1Char(' ') + m.captured(2)
        + (fraction.isEmpty() ? QString() : QLatin1Char('.') + fraction) + QLatin1Char(' ') + zone;
}

// encoding/json's string encoding with SetEscapeHTML(false).
QByteArray jsonString(const QString &text)
{
    QByteArray out = "\"";
    QString plain; // copied through, converted to UTF-8 as a whole (surrogate pairs intact)
    const auto flush = [&] {
        out += plain.toUtf8();
        plain.clear();
    };
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const char *escape = u == '"' ? "\\\"" : u == '\\' ? "\\\\" : u == '\n' ? "\\n" : u == '\r' ? "\\r" : u == '\t' ? "\\t" : nullptr;
        if (escape) {
            flush();
            out += escape;
        } else if (u < 0x20 || u == 0x2028 || u == 0x2029) {
            flush();
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0')).toLatin1();
        } else {
            plain += c;
        }
    }
    flush();
    return out + '"';
}

} // namespace

TemplateValue TemplateValue::boolean(bool value)
{
    TemplateValue v;
    v.m_kind = Kind::Bool;
    v.m_int = value ? 1 : 0;
    return v;
}

TemplateValue TemplateValue::integer(qint64 value)
{
    TemplateValue v;
    v.m_kind = Kind::Int;
    v.m_int = value;
    return v;
}

TemplateValue TemplateValue::string(const QString &value)
{
    TemplateValue v;
    v.m_kind = Kind::String;
    v.m_text = value;
    return v;
}

TemplateValue TemplateValue::time(const QString &rfc3339)
{
    TemplateValue v;
    v.m_kind = Kind::Time;
    v.m_text = rfc3339;
    v.m_nil = rfc3339.isEmpty();
    return v;
}

TemplateValue TemplateValue::list(QList<TemplateValue> items, bool nil)
{
    TemplateValue v;
    v.m_kind = Kind::List;
    v.m_nil = nil && items.isEmpty();
    v.m_items = std::make_shared<const QList<TemplateValue>>(std::move(items));
    return v;
}

TemplateValue TemplateValue::stringList(const QStringList &items, bool nil)
{
    QList<TemplateValue> values;
    for (const QString &item : items)
        values << string(item);
    return list(std::move(values), nil);
}

TemplateValue TemplateValue::map(QMap<QString, TemplateValue> entries, bool nil)
{
    TemplateValue v;
    v.m_kind = Kind::Map;
    v.m_nil = nil && entries.isEmpty();
    v.m_entries = std::make_shared<const QMap<QString, TemplateValue>>(std::move(entries));
    return v;
}

TemplateValue TemplateValue::structure(QList<std::pair<QString, TemplateValue>> fields, const QStringList &omitEmpty)
{
    TemplateValue v;
    v.m_kind = Kind::Struct;
    v.m_omitEmpty = omitEmpty;
    v.m_fields = std::make_shared<const QList<std::pair<QString, TemplateValue>>>(std::move(fields));
    return v;
}

const QList<TemplateValue> &TemplateValue::items() const
{
    return m_items ? *m_items : NoItems;
}

const QMap<QString, TemplateValue> &TemplateValue::entries() const
{
    return m_entries ? *m_entries : NoEntries;
}

const QList<std::pair<QString, TemplateValue>> &TemplateValue::fields() const
{
    return m_fields ? *m_fields : NoFields;
}

bool TemplateValue::isTrue() const
{
    switch (m_kind) {
    case Kind::Missing:
        return false;
    case Kind::Bool:
    case Kind::Int:
        return m_int != 0;
    case Kind::String:
        return !m_text.isEmpty();
    case Kind::Time:
        return !m_nil;
    case Kind::List:
        return !items().isEmpty();
    case Kind::Map:
        return !entries().isEmpty();
    case Kind::Struct:
        return true;
    }
    return false;
}

qint64 TemplateValue::length() const
{
    switch (m_kind) {
    case Kind::String:
        return m_text.toUtf8().size();
    case Kind::List:
        return items().size();
    case Kind::Map:
        return entries().size();
    default:
        return -1;
    }
}

const TemplateValue *TemplateValue::field(const QString &name) const
{
    if (m_kind == Kind::Struct) {
        for (const auto &[key, value] : fields())
            if (key == name)
                return &value;
        return nullptr;
    }
    if (m_kind == Kind::Map) {
        static const TemplateValue missing;
        const auto it = entries().constFind(name);
        return it == entries().constEnd() ? &missing : &*it;
    }
    return nullptr;
}

QString TemplateValue::typeName() const
{
    switch (m_kind) {
    case Kind::Missing:
        return QStringLiteral("<no value>");
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::String:
        return QStringLiteral("string");
    case Kind::Time:
        return QStringLiteral("*time.Time");
    case Kind::List:
        return QStringLiteral("slice");
    case Kind::Map:
        return QStringLiteral("map");
    case Kind::Struct:
        return QStringLiteral("struct");
    }
    return {};
}

QString TemplateValue::print() const
{
    switch (m_kind) {
    case Kind::Missing:
        return QStringLiteral("<no value>");
    case Kind::Bool:
        return m_int ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Int:
        return QString::number(m_int);
    case Kind::String:
        return m_text;
    case Kind::Time:
        return m_nil ? QStringLiteral("<nil>") : goTimeString(m_text);
    case Kind::List: {
        QStringList parts;
        for (const TemplateValue &item : items())
            parts << item.print();
        return QLatin1Char('[') + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case Kind::Map: {
        QStringList parts;
        for (auto it = entries().cbegin(); it != entries().cend(); ++it)
            parts << it.key() + QLatin1Char(':') + it->print();
        return QStringLiteral("map[") + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case Kind::Struct: {
        QStringList parts;
        for (const auto &field : fields())
            parts << field.second.print();
        return QLatin1Char('{') + parts.join(QLatin1Char(' ')) + QLatin1Char('}');
    }
    }
    return {};
}

QByteArray TemplateValue::json() const
{
    switch (m_kind) {
    case Kind::Missing:
        return "null";
    case Kind::Bool:
        return m_int ? "true" : "false";
    case Kind::Int:
        return QByteArray::number(m_int);
    case Kind::String:
        return jsonString(m_text);
    case Kind::Time:
        return m_nil ? QByteArray("null") : jsonString(m_text);
    case Kind::List: {
        if (m_nil)
            return "null";
        QByteArrayList parts;
        for (const TemplateValue &item : items())
            parts << item.json();
        return '[' + parts.join(',') + ']';
    }
    case Kind::Map: {
        if (m_nil)
            return "null";
        QByteArrayList parts;
        for (auto it = entries().cbegin(); it != entries().cend(); ++it)
            parts << jsonString(it.key()) + ':' + it->json();
        return '{' + parts.join(',') + '}';
    }
    case Kind::Struct: {
        QByteArrayList parts;
        for (const auto &[name, value] : fields())
            if (!m_omitEmpty.contains(name) || value.isTrue())
                parts << jsonString(name) + ':' + value.json();
        return '{' + parts.join(',') + '}';
    }
    }
    return "null";
}

bool TemplateValue::operator==(const TemplateValue &other) const
{
    if (m_kind != other.m_kind)
        return false;
    switch (m_kind) {
    case Kind::Bool:
    case Kind::Int:
        return m_int == other.m_int;
    case Kind::String:
    case Kind::Time:
        return m_text == other.m_text;
    default:
        return print() == other.print() && m_nil == other.m_nil;
    }
}

} // namespace crossdock
