// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/template/templatefunctions.h"

#include <QHash>

#include <functional>

namespace crossdock::gotemplate {

namespace {

using Value = TemplateValue;
using Kind = TemplateValue::Kind;
using Function = std::function<bool(const QList<Value> &, Value *, QString *)>;

bool arity(const QList<Value> &args, int count, QString *why)
{
    if (args.size() == count)
        return true;
    *why = QStringLiteral("wants %1 argument(s), got %2").arg(count).arg(args.size());
    return false;
}

bool stringArg(const Value &v, QString *out, QString *why)
{
    if (v.kind() != Kind::String) {
        *why = QStringLiteral("wants a string, got %1").arg(v.typeName());
        return false;
    }
    *out = v.toText();
    return true;
}

bool intArg(const Value &v, qint64 *out, QString *why)
{
    if (v.kind() != Kind::Int) {
        *why = QStringLiteral("wants a number, got %1").arg(v.typeName());
        return false;
    }
    *out = v.toInt();
    return true;
}

// Go's ordering for eq/lt...: same basic kind only.
bool compare(const Value &a, const Value &b, int *order, QString *why)
{
    const bool basic = a.kind() == Kind::Bool || a.kind() == Kind::Int || a.kind() == Kind::String;
    if (a.kind() != b.kind() || !basic) {
        *why = QStringLiteral("cannot compare %1 with %2").arg(a.typeName(), b.typeName());
        return false;
    }
    if (a.kind() == Kind::String)
        *order = a.toText().compare(b.toText()) < 0 ? -1 : (a.toText() == b.toText() ? 0 : 1);
    else
        *order = a.toInt() < b.toInt() ? -1 : (a.toInt() == b.toInt() ? 0 : 1);
    return true;
}

Function ordering(std::function<bool(int)> test)
{
    return [test](const QList<Value> &args, Value *result, QString *why) {
        int order = 0;
        if (!arity(args, 2, why) || !compare(args.at(0), args.at(1), &order, why))
            return false;
        *result = Value::boolean(test(order));
        return true;
    };
}

// A function of one string giving a string (lower, upper, title).
Function onString(std::function<QString(const QString &)> transform)
{
    return [transform](const QList<Value> &args, Value *result, QString *why) {
        QString text;
        if (!arity(args, 1, why) || !stringArg(args.first(), &text, why))
            return false;
        *result = Value::string(transform(text));
        return true;
    };
}

// fmt.Sprint: a space between operands when neither is a string.
QString sprint(const QList<Value> &args)
{
    QString out;
    for (int i = 0; i < args.size(); ++i) {
        if (i > 0 && args.at(i).kind() != Kind::String && args.at(i - 1).kind() != Kind::String)
            out += QLatin1Char(' ');
        out += args.at(i).print();
    }
    return out;
}

// strconv.Quote, close enough for what images hold.
QString quote(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

const QHash<QString, Function> &functions()
{
    static const QHash<QString, Function> table {
        {QStringLiteral("and"),
            [](const QList<Value> &args, Value *result, QString *why) {
                if (args.isEmpty()) {
                    *why = QStringLiteral("wants at least 1 argument");
                    return false;
                }
                *result = args.last();
                for (const Value &v : args)
                    if (!v.isTrue()) {
                        *result = v;
                        break;
                    }
                return true;
            }},
        {QStringLiteral("or"),
            [](const QList<Value> &args, Value *result, QString *why) {
                if (args.isEmpty()) {
                    *why = QStringLiteral("wants at least 1 argument");
                    return false;
                }
                *result = args.last();
                for (const Value &v : args)
                    if (v.isTrue()) {
                        *result = v;
                        break;
                    }
                return true;
            }},
        {QStringLiteral("not"),
            [](const QList<Value> &args, Value *result, QString *why) {
                if (!arity(args, 1, why))
                    return false;
                *result = Value::boolean(!args.first().isTrue());
                return true;
            }},
        {QStringLiteral("len"),
            [](const QList<Value> &args, Value *result, QString *why) {
                if (!arity(args, 1, why))
                    return false;
                const qint64 length = args.first().length();
                if (length < 0) {
                    *why = QStringLiteral("len of %1").arg(args.first().typeName());
                    return false;
                }
                *result = Value::integer(length);
                return true;
            }},
        {QStringLiteral("index"),
            [](const QList<Value> &args, Value *result, QString *why) {
                if (args.isEmpty()) {
                    *why = QStringLiteral("wants at least 1 argument");
                    return false;
                }
                Value current = args.first();
                for (int i = 1; i < args.size(); ++i) {
                    const Value &key = args.at(i);
                    if (current.kind() == Kind::List && key.kind() == Kind::Int) {
                        if (key.toInt() < 0 || key.toInt() >= current.items().size()) {
                            *why = QStringLiteral("index out of range: %1").arg(key.toInt());
                            return false;
                        }
                        current = current.items().at(key.toInt());
                    } else if (current.kind() == Kind::Map && key.kind() == Kind::String) {
                        // A missing key gives the zero value: an empty string.
                        current = current.entries().value(key.toText(), Value::string(QString()));
                    } else {
                        *why = QStringLiteral("cannot index %1 with %2").arg(current.typeName(), key.typeName());
                        return false;
                    }
                }
                *result = current;
                return true;
            }},
        {QStringLiteral("print"),
            [](const QList<Value> &args, Value *result, QString *) {
                *result = Value::string(sprint(args));
                return true;
            }},
        {QStringLiteral("println"),
            [](const QList<Value> &args, Value *result, QString *) {
                QStringList parts;
                for (const Value &v : args)
                    parts << v.print();
                *result = Value::string(parts.join(QLatin1Char(' ')) + QLatin1Char('\n'));
                return true;
            }},
        {QStringLiteral("printf"),
            [](const QList<Value> &args, Value *result, QString *why) {
                QString format;
                if (args.isEmpty() || !stringArg(args.first(), &format, why)) {
                    if (args.isEmpty())
                        *why = QStringLiteral("wants a format");
                    return false;
                }
                *result = Value::string(sprintf(format, args.mid(1)));
                return true;
            }},
        {QStringLiteral("eq"),
            [](const QList<Value> &args, Value *result, QString *why) {
                if (args.size() < 2) {
                    *why = QStringLiteral("wants at least 2 arguments");
                    return false;
                }
                bool equal = false;
                for (int i = 1; i < args.size() && !equal; ++i) {
                    int order = 0;
                    if (!compare(args.first(), args.at(i), &order, why))
                        return false;
                    equal = order == 0;
                }
                *result = Value::boolean(equal);
                return true;
            }},
        {QStringLiteral("ne"), ordering([](int o) { return o != 0; })},
        {QStringLiteral("lt"), ordering([](int o) { return o < 0; })},
        {QStringLiteral("le"), ordering([](int o) { return o <= 0; })},
        {QStringLiteral("gt"), ordering([](int o) { return o > 0; })},
        {QStringLiteral("ge"), ordering([](int o) { return o >= 0; })},
        {QStringLiteral("json"),
            [](const QList<Value> &args, Value *result, QString *why) {
                if (!arity(args, 1, why))
                    return false;
                *result = Value::string(QString::fromUtf8(args.first().json()));
                return true;
            }},
        {QStringLiteral("join"),
            [](const QList<Value> &args, Value *result, QString *why) {
                QString separator;
                if (!arity(args, 2, why) || !stringArg(args.at(1), &separator, why))
                    return false;
                if (args.first().kind() != Kind::List) {
                    *why = QStringLiteral("wants a list, got %1").arg(args.first().typeName());
                    return false;
                }
                QStringList parts;
                for (const Value &v : args.first().items()) {
                    if (v.kind() != Kind::String) {
                        *why = QStringLiteral("wants a list of strings");
                        return false;
                    }
                    parts << v.toText();
                }
                *result = Value::string(parts.join(separator));
                return true;
            }},
        {QStringLiteral("split"),
            [](const QList<Value> &args, Value *result, QString *why) {
                QString text, separator;
                if (!arity(args, 2, why) || !stringArg(args.at(0), &text, why) || !stringArg(args.at(1), &separator, why))
                    return false;
                QStringList parts;
                if (separator.isEmpty()) // Go splits after each character
                    for (const QChar c : text)
                        parts << QString(c);
                else
                    parts = text.split(separator);
                *result = Value::stringList(parts);
                return true;
            }},
        {QStringLiteral("lower"), onString([](const QString &text) { return text.toLower(); })},
        {QStringLiteral("upper"), onString([](const QString &text) { return text.toUpper(); })},
        {QStringLiteral("title"), onString([](QString text) {
             // strings.Title: the first letter of every word upper-cased.
             bool wordStart = true;
             for (QChar &c : text) {
                 if (wordStart && c.isLetter())
                     c = c.toUpper();
                 wordStart = !c.isLetterOrNumber() && c != QLatin1Char('_') && c != QLatin1Char('\'');
             }
             return text;
         })},
        {QStringLiteral("pad"),
            [](const QList<Value> &args, Value *result, QString *why) {
                QString text;
                qint64 prefix = 0, suffix = 0;
                if (!arity(args, 3, why) || !stringArg(args.at(0), &text, why) || !intArg(args.at(1), &prefix, why)
                    || !intArg(args.at(2), &suffix, why))
                    return false;
                if (prefix < 0 || suffix < 0 || prefix > 4096 || suffix > 4096) {
                    *why = QStringLiteral("padding must be 0 to 4096");
                    return false;
                }
                *result = Value::string(text.isEmpty() ? text
                                                       : QString(prefix, QLatin1Char(' ')) + text + QString(suffix, QLatin1Char(' ')));
                return true;
            }},
        {QStringLiteral("truncate"),
            [](const QList<Value> &args, Value *result, QString *why) {
                QString text;
                qint64 length = 0;
                if (!arity(args, 2, why) || !stringArg(args.at(0), &text, why) || !intArg(args.at(1), &length, why))
                    return false;
                if (length < 0) {
                    *why = QStringLiteral("a negative length");
                    return false;
                }
                *result = Value::string(text.size() < length ? text : text.left(length));
                return true;
            }},
    };
    return table;
}

QString padded(QString text, int width, bool left, QChar fill)
{
    if (width <= text.size())
        return text;
    const QString padding(width - text.size(), fill);
    if (left)
        return text + QString(width - text.size(), QLatin1Char(' '));
    // Zero padding goes after a sign.
    if (fill == QLatin1Char('0') && (text.startsWith(QLatin1Char('-')) || text.startsWith(QLatin1Char('+'))))
        return text.left(1) + padding + text.mid(1);
    return padding + text;
}

QString badVerb(QChar verb, const Value &v)
{
    return QStringLiteral("%!%1(%2=%3)").arg(verb).arg(v.typeName(), v.print());
}

} // namespace

bool isFunction(const QString &name)
{
    return functions().contains(name);
}

bool callFunction(const QString &name, const QList<TemplateValue> &args, TemplateValue *result, QString *why)
{
    const auto it = functions().constFind(name);
    if (it == functions().constEnd()) {
        *why = QStringLiteral("no such function");
        return false;
    }
    return (*it)(args, result, why);
}

QString sprintf(const QString &format, const QList<TemplateValue> &args)
{
    QString out;
    int next = 0;
    for (int i = 0; i < format.size(); ++i) {
        const QChar c = format.at(i);
        if (c != QLatin1Char('%')) {
            out += c;
            continue;
        }
        bool left = false, plus = false, zero = false, space = false, sharp = false;
        int j = i + 1;
        for (; j < format.size(); ++j) {
            const QChar f = format.at(j);
            if (f == QLatin1Char('-'))
                left = true;
            else if (f == QLatin1Char('+'))
                plus = true;
            else if (f == QLatin1Char('0'))
                zero = true;
            else if (f == QLatin1Char(' '))
                space = true;
            else if (f == QLatin1Char('#'))
                sharp = true;
            else
                break;
        }
        int width = 0;
        for (; j < format.size() && format.at(j).isDigit() && width < 10000; ++j)
            width = width * 10 + format.at(j).digitValue();
        int precision = -1;
        if (j < format.size() && format.at(j) == QLatin1Char('.')) {
            precision = 0;
            for (++j; j < format.size() && format.at(j).isDigit() && precision < 10000; ++j)
                precision = precision * 10 + format.at(j).digitValue();
        }
        if (j >= format.size()) {
            out += QStringLiteral("%!(NOVERB)");
            break;
        }
        const QChar verb = format.at(j);
        i = j;
        if (verb == QLatin1Char('%')) {
            out += QLatin1Char('%');
            continue;
        }
        if (next >= args.size()) {
            out += QStringLiteral("%!%1(MISSING)").arg(verb);
            continue;
        }
        const Value &v = args.at(next++);
        QString text;
        switch (verb.unicode()) {
        case 'v':
            text = v.print();
            break;
        case 's':
            text = v.kind() == Kind::Int || v.kind() == Kind::Bool ? badVerb(verb, v) : v.print();
            if (precision >= 0 && v.kind() == Kind::String)
                text = text.left(precision);
            break;
        case 'q':
            text = v.kind() == Kind::String ? quote(v.toText()) : badVerb(verb, v);
            break;
        case 'd':
            if (v.kind() != Kind::Int) {
                text = badVerb(verb, v);
                break;
            }
            text = QString::number(v.toInt());
            if (v.toInt() >= 0 && (plus || space))
                text.prepend(plus ? QLatin1Char('+') : QLatin1Char(' '));
            break;
        case 'x':
        case 'X':
            if (v.kind() == Kind::Int)
                text = QString::number(v.toInt(), 16);
            else if (v.kind() == Kind::String)
                text = QString::fromLatin1(v.toText().toUtf8().toHex());
            else
                text = badVerb(verb, v);
            if (sharp && (v.kind() == Kind::Int || v.kind() == Kind::String))
                text.prepend(QStringLiteral("0x"));
            if (verb == QLatin1Char('X'))
                text = text.toUpper();
            break;
        case 't':
            text = v.kind() == Kind::Bool ? v.print() : badVerb(verb, v);
            break;
        case 'c':
            if (v.kind() == Kind::Int && v.toInt() >= 0 && v.toInt() <= 0x10FFFF) {
                const char32_t codePoint = static_cast<char32_t>(v.toInt());
                text = QString::fromUcs4(&codePoint, 1);
            } else {
                text = badVerb(verb, v);
            }
            break;
        default:
            text = badVerb(verb, v);
        }
        out += padded(text, width, left, zero && !left && verb != QLatin1Char('s') && verb != QLatin1Char('v') ? QLatin1Char('0') : QLatin1Char(' '));
    }
    if (next < args.size()) {
        QStringList extra;
        for (int k = next; k < args.size(); ++k)
            extra << args.at(k).typeName() + QLatin1Char('=') + args.at(k).print();
        out += QStringLiteral("%!(EXTRA %1)").arg(extra.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace crossdock::gotemplate
