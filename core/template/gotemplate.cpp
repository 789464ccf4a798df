// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/template/gotemplate.h"

#include "core/template/templatefunctions.h"

#include <QHash>

namespace crossdock {

namespace gotemplate {

// --- the tree ----------------------------------------------------------------

struct Pipeline;

// One argument of a command: .A.B, $x.A, a function name, a literal, or a
// parenthesised pipeline (with fields after it).
struct Operand {
    enum class Kind { Dot, Variable, Function, String, Number, Bool, Nil, Sub };
    Kind kind = Kind::Dot;
    int at = 0; // offset in the template, for errors
    QString name; // Variable ("$x"), Function
    QStringList fields; // .A.B after the operand
    TemplateValue literal;
    std::shared_ptr<Pipeline> sub;
};

struct Command {
    QList<Operand> operands;
    int at = 0;
};

struct Pipeline {
    QStringList declared; // $x := ... (or $i, $v := in range)
    bool assigns = false; // $x = ... (no new variable)
    QList<Command> commands;
    int at = 0;
};

struct Node {
    enum class Kind { List, Text, Action, If, Range, With };
    Kind kind = Kind::List;
    int at = 0;
    QString text;
    Pipeline pipeline;
    std::vector<std::unique_ptr<Node>> children; // List: the nodes; If/Range/With: [then, else?]
};

// --- reading ----------------------------------------------------------------

// Where offset is, for people: "column 7", or "line 2, column 3".
QString position(const QString &text, int offset)
{
    const QString before = text.left(offset);
    const int line = int(before.count(QLatin1Char('\n'))) + 1;
    const int column = int(offset - (before.lastIndexOf(QLatin1Char('\n')) + 1)) + 1;
    return line == 1 ? QStringLiteral("column %1").arg(column) : QStringLiteral("line %1, column %2").arg(line).arg(column);
}

class Parser {
public:
    explicit Parser(const QString &text) : m_text(text) {}

    std::unique_ptr<Node> parse(QString *error)
    {
        auto root = std::make_unique<Node>();
        QString stop;
        if (!parseList(root.get(), &stop) || !stop.isEmpty()) {
            if (m_error.isEmpty())
                fail(m_stopAt, QStringLiteral("{{%1}} without a matching if, range or with").arg(stop));
            *error = m_error;
            return nullptr;
        }
        return root;
    }

private:
    bool fail(int at, const QString &why)
    {
        if (m_error.isEmpty())
            m_error = position(m_text, at) + QStringLiteral(": ") + why;
        return false;
    }

    // Text and actions up to a {{end}} or {{else}}, whose keyword (with the
    // rest of an "else if") is left in *stop.
    bool parseList(Node *list, QString *stop)
    {
        list->kind = Node::Kind::List;
        bool trimNext = false;
        while (m_pos < m_text.size()) {
            const int open = int(m_text.indexOf(QStringLiteral("{{"), m_pos));
            QString text = m_text.mid(m_pos, open < 0 ? -1 : open - m_pos);
            if (trimNext)
                while (!text.isEmpty() && text.front().isSpace())
                    text.remove(0, 1);
            if (open < 0) {
                addText(list, text);
                m_pos = int(m_text.size());
                break;
            }
            // {{- trims the space before; "{{-3}}" is a number.
            int body = open + 2;
            if (m_text.mid(body, 2) == QLatin1String("- ") || m_text.mid(body, 2) == QLatin1String("-\t")
                || m_text.mid(body, 2) == QLatin1String("-\n")) {
                while (!text.isEmpty() && text.back().isSpace())
                    text.chop(1);
                body += 2;
            }
            addText(list, text);
            const int close = findClose(body);
            if (close < 0)
                return fail(open, QStringLiteral("{{ is never closed with }}"));
            int end = close;
            trimNext = false;
            if (end >= 2 && m_text.at(end - 1) == QLatin1Char('-') && m_text.at(end - 2).isSpace()) {
                trimNext = true;
                end -= 1;
            }
            m_pos = close + 2;
            const QString action = m_text.mid(body, end - body).trimmed();
            int actionAt = body;
            while (actionAt < end && m_text.at(actionAt).isSpace())
                ++actionAt;
            if (action.startsWith(QLatin1String("/*"))) {
                if (!action.endsWith(QLatin1String("*/")))
                    return fail(open, QStringLiteral("a comment must be the whole action: {{/* ... */}}"));
                continue;
            }
            m_tokens = tokenize(body, end);
            if (!m_error.isEmpty())
                return false;
            m_token = 0;
            if (m_tokens.isEmpty())
                return fail(open, QStringLiteral("an empty action {{}}"));
            const Token &first = m_tokens.first();
            if (first.kind == Token::Kind::Word) {
                const QString &word = first.text;
                if (word == QLatin1String("end") || word == QLatin1String("else")) {
                    *stop = word;
                    m_stopAt = first.at;
                    if (word == QLatin1String("end") && m_tokens.size() > 1)
                        return fail(m_tokens.at(1).at, QStringLiteral("{{end}} takes nothing after it"));
                    return true;
                }
                if (word == QLatin1String("if") || word == QLatin1String("range") || word == QLatin1String("with")) {
                    if (!parseControl(list, word, first.at))
                        return false;
                    continue;
                }
                if (word == QLatin1String("define") || word == QLatin1String("template") || word == QLatin1String("block")
                    || word == QLatin1String("break") || word == QLatin1String("continue"))
                    return fail(first.at, QStringLiteral("{{%1}} is not supported in --format").arg(word));
            }
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::Action;
            node->at = actionAt;
            if (!parsePipeline(&node->pipeline, true))
                return false;
            list->children.push_back(std::move(node));
        }
        return true;
    }

    void addText(Node *list, const QString &text)
    {
        if (text.isEmpty())
            return;
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Text;
        node->text = text;
        list->children.push_back(std::move(node));
    }

    // The }} closing an action that starts at from, skipping quoted strings.
    int findClose(int from) const
    {
        QChar quote;
        for (int i = from; i + 1 < m_text.size(); ++i) {
            const QChar c = m_text.at(i);
            if (!quote.isNull()) {
                if (c == QLatin1Char('\\') && quote == QLatin1Char('"'))
                    ++i;
                else if (c == quote)
                    quote = QChar();
            } else if (c == QLatin1Char('"') || c == QLatin1Char('`')) {
                quote = c;
            } else if (c == QLatin1Char('}') && m_text.at(i + 1) == QLatin1Char('}')) {
                return i;
            }
        }
        return -1;
    }

    // if/range/with PIPELINE, its list, an optional {{else}} (or {{else if}}) list, {{end}}.
    // word by value: the nested lists it parses re-tokenise, and the token it
    // came from goes with them.
    bool parseControl(Node *list, QString word, int at)
    {
        auto node = std::make_unique<Node>();
        node->kind = word == QLatin1String("if") ? Node::Kind::If
            : word == QLatin1String("range")    ? Node::Kind::Range
                                                 : Node::Kind::With;
        node->at = at;
        m_token = 1;
        if (!parsePipeline(&node->pipeline, word != QLatin1String("if")))
            return false;
        if (node->pipeline.commands.isEmpty())
            return fail(at, QStringLiteral("{{%1}} needs a value to test").arg(word));
        auto then = std::make_unique<Node>();
        QString stop;
        if (!parseList(then.get(), &stop))
            return false;
        node->children.push_back(std::move(then));
        if (stop.isEmpty())
            return fail(at, QStringLiteral("{{%1}} is never closed with {{end}}").arg(word));
        if (stop == QLatin1String("else")) {
            auto otherwise = std::make_unique<Node>();
            otherwise->kind = Node::Kind::List;
            if (m_tokens.size() > 1 && m_tokens.at(1).kind == Token::Kind::Word
                && (m_tokens.at(1).text == QLatin1String("if") || m_tokens.at(1).text == QLatin1String("with"))) {
                // {{else if ...}}: an if inside the else, sharing this {{end}}.
                const QString inner = m_tokens.at(1).text;
                m_tokens.removeFirst();
                if (!parseControl(otherwise.get(), inner, m_tokens.first().at))
                    return false;
                node->children.push_back(std::move(otherwise));
                list->children.push_back(std::move(node));
                return true;
            }
            if (m_tokens.size() > 1)
                return fail(m_tokens.at(1).at, QStringLiteral("{{else}} takes nothing after it but if or with"));
            if (!parseList(otherwise.get(), &stop))
                return false;
            if (stop != QLatin1String("end"))
                return fail(at, QStringLiteral("{{%1}} is never closed with {{end}}").arg(word));
            node->children.push_back(std::move(otherwise));
        }
        list->children.push_back(std::move(node));
        return true;
    }

    struct Token {
        enum class Kind { Word, Field, Variable, String, Number, Open, Close, Pipe, Declare, Assign, Comma };
        Kind kind;
        QString text;
        int at;
    };

    QList<Token> tokenize(int from, int to)
    {
        QList<Token> tokens;
        int i = from;
        while (i < to) {
            const QChar c = m_text.at(i);
            if (c.isSpace()) {
                ++i;
                continue;
            }
            const int start = i;
            const auto identifierEnd = [&](int j) {
                while (j < to && (m_text.at(j).isLetterOrNumber() || m_text.at(j) == QLatin1Char('_')))
                    ++j;
                return j;
            };
            if (c == QLatin1Char('.')) {
                i = identifierEnd(i + 1);
                tokens.append({Token::Kind::Field, m_text.mid(start + 1, i - start - 1), start});
            } else if (c == QLatin1Char('$')) {
                i = identifierEnd(i + 1);
                tokens.append({Token::Kind::Variable, m_text.mid(start, i - start), start});
            } else if (c == QLatin1Char('"') || c == QLatin1Char('`')) {
                QString value;
                ++i;
                bool closed = false;
                while (i < to) {
                    const QChar d = m_text.at(i++);
                    if (d == c) {
                        closed = true;
                        break;
                    }
                    if (d == QLatin1Char('\\') && c == QLatin1Char('"') && i < to) {
                        const QChar e = m_text.at(i++);
                        switch (e.unicode()) {
                        case 'n': value += QLatin1Char('\n'); break;
                        case 't': value += QLatin1Char('\t'); break;
                        case 'r': value += QLatin1Char('\r'); break;
                        case '\\': value += QLatin1Char('\\'); break;
                        case '"': value += QLatin1Char('"'); break;
                        default:
                            fail(i - 2, QStringLiteral("unknown escape \\%1 in a string").arg(e));
                            return {};
                        }
                        continue;
                    }
                    value += d;
                }
                if (!closed) {
                    fail(start, QStringLiteral("a string is never closed"));
                    return {};
                }
                tokens.append({Token::Kind::String, value, start});
            } else if (c.isDigit() || (c == QLatin1Char('-') && i + 1 < to && m_text.at(i + 1).isDigit())) {
                i = identifierEnd(i + 1);
                tokens.append({Token::Kind::Number, m_text.mid(start, i - start), start});
            } else if (c.isLetter() || c == QLatin1Char('_')) {
                i = identifierEnd(i);
                tokens.append({Token::Kind::Word, m_text.mid(start, i - start), start});
            } else if (c == QLatin1Char('(')) {
                tokens.append({Token::Kind::Open, QStringLiteral("("), i++});
            } else if (c == QLatin1Char(')')) {
                tokens.append({Token::Kind::Close, QStringLiteral(")"), i++});
            } else if (c == QLatin1Char('|')) {
                tokens.append({Token::Kind::Pipe, QStringLiteral("|"), i++});
            } else if (c == QLatin1Char(',')) {
                tokens.append({Token::Kind::Comma, QStringLiteral(","), i++});
            } else if (c == QLatin1Char(':') && i + 1 < to && m_text.at(i + 1) == QLatin1Char('=')) {
                tokens.append({Token::Kind::Declare, QStringLiteral(":="), i});
                i += 2;
            } else if (c == QLatin1Char('=')) {
                tokens.append({Token::Kind::Assign, QStringLiteral("="), i++});
            } else {
                fail(i, QStringLiteral("unexpected \"%1\"").arg(c));
                return {};
            }
        }
        return tokens;
    }

    bool atEnd() const { return m_token >= m_tokens.size(); }
    const Token &peek() const { return m_tokens.at(m_token); }

    // [$x :=] command | command ... up to the end of the action or a ")".
    bool parsePipeline(Pipeline *pipeline, bool mayDeclare)
    {
        pipeline->at = atEnd() ? 0 : peek().at;
        if (mayDeclare && !atEnd() && peek().kind == Token::Kind::Variable) {
            // $x := ..., $x = ..., or $i, $v := (range)
            int look = m_token;
            QStringList names {m_tokens.at(look++).text};
            if (look + 1 < m_tokens.size() && m_tokens.at(look).kind == Token::Kind::Comma
                && m_tokens.at(look + 1).kind == Token::Kind::Variable) {
                names << m_tokens.at(look + 1).text;
                look += 2;
            }
            if (look < m_tokens.size()
                && (m_tokens.at(look).kind == Token::Kind::Declare || m_tokens.at(look).kind == Token::Kind::Assign)) {
                pipeline->declared = names;
                pipeline->assigns = m_tokens.at(look).kind == Token::Kind::Assign;
                m_token = look + 1;
            }
        }
        while (!atEnd() && peek().kind != Token::Kind::Close) {
            Command command;
            command.at = peek().at;
            while (!atEnd() && peek().kind != Token::Kind::Pipe && peek().kind != Token::Kind::Close) {
                Operand operand;
                if (!parseOperand(&operand))
                    return false;
                command.operands << operand;
            }
            if (command.operands.isEmpty())
                return fail(command.at, QStringLiteral("an empty command in a pipeline"));
            pipeline->commands << command;
            if (!atEnd() && peek().kind == Token::Kind::Pipe) {
                ++m_token;
                if (atEnd() || peek().kind == Token::Kind::Close)
                    return fail(m_tokens.at(m_token - 1).at, QStringLiteral("nothing after |"));
            }
        }
        return true;
    }

    bool parseOperand(Operand *operand)
    {
        const Token token = peek();
        ++m_token;
        operand->at = token.at;
        switch (token.kind) {
        case Token::Kind::Field:
            operand->kind = Operand::Kind::Dot;
            if (!token.text.isEmpty())
                operand->fields << token.text;
            break;
        case Token::Kind::Variable:
            operand->kind = Operand::Kind::Variable;
            operand->name = token.text;
            break;
        case Token::Kind::String:
            operand->kind = Operand::Kind::String;
            operand->literal = TemplateValue::string(token.text);
            return true;
        case Token::Kind::Number: {
            bool ok = false;
            const qint64 number = token.text.toLongLong(&ok, 0);
            if (!ok)
                return fail(token.at, QStringLiteral("\"%1\" is not a whole number").arg(token.text));
            operand->kind = Operand::Kind::Number;
            operand->literal = TemplateValue::integer(number);
            return true;
        }
        case Token::Kind::Word:
            if (token.text == QLatin1String("true") || token.text == QLatin1String("false")) {
                operand->kind = Operand::Kind::Bool;
                operand->literal = TemplateValue::boolean(token.text == QLatin1String("true"));
                return true;
            }
            if (token.text == QLatin1String("nil")) {
                operand->kind = Operand::Kind::Nil;
                return true;
            }
            if (!isFunction(token.text))
                return fail(token.at, QStringLiteral("function \"%1\" not defined").arg(token.text));
            operand->kind = Operand::Kind::Function;
            operand->name = token.text;
            return true;
        case Token::Kind::Open: {
            operand->kind = Operand::Kind::Sub;
            operand->sub = std::make_shared<Pipeline>();
            if (!parsePipeline(operand->sub.get(), false))
                return false;
            if (atEnd())
                return fail(token.at, QStringLiteral("( is never closed with )"));
            ++m_token; // )
            break;
        }
        default:
            return fail(token.at, QStringLiteral("unexpected \"%1\"").arg(token.text));
        }
        // Fields right after it: .A.B, $x.A, (pipeline).A
        while (!atEnd() && peek().kind == Token::Kind::Field && peek().at == m_tokens.at(m_token - 1).at
                   + int(m_tokens.at(m_token - 1).kind == Token::Kind::Field ? m_tokens.at(m_token - 1).text.size() + 1
                                                                          : m_tokens.at(m_token - 1).text.size())) {
            if (peek().text.isEmpty())
                return fail(peek().at, QStringLiteral("a field name is missing after ."));
            operand->fields << peek().text;
            ++m_token;
        }
        return true;
    }

    const QString &m_text;
    int m_pos = 0;
    QList<Token> m_tokens;
    int m_token = 0;
    int m_stopAt = 0;
    QString m_error;
};

// --- running ------------------------------------------------------------------

class Executor {
public:
    Executor(const QString &text, const TemplateValue &root, QString *out) : m_text(text), m_out(out)
    {
        m_variables.append({QStringLiteral("$"), root});
    }

    bool run(const Node &node, const TemplateValue &dot)
    {
        if (++m_steps > MaxSteps)
            return fail(node.at, QStringLiteral("the template runs too long"));
        switch (node.kind) {
        case Node::Kind::List: {
            const int scope = int(m_variables.size());
            for (const auto &child : node.children)
                if (!run(*child, dot))
                    return false;
            m_variables.resize(scope);
            return true;
        }
        case Node::Kind::Text:
            return write(node.text);
        case Node::Kind::Action: {
            TemplateValue value;
            if (!evaluate(node.pipeline, dot, &value))
                return false;
            return node.pipeline.declared.isEmpty() ? write(value.print()) : true;
        }
        case Node::Kind::If:
        case Node::Kind::With: {
            TemplateValue value;
            if (!evaluate(node.pipeline, dot, &value))
                return false;
            if (value.isTrue())
                return run(*node.children.at(0), node.kind == Node::Kind::With ? value : dot);
            return node.children.size() > 1 ? run(*node.children.at(1), dot) : true;
        }
        case Node::Kind::Range:
            return runRange(node, dot);
        }
        return true;
    }

    QString error() const { return m_error; }

private:
    static constexpr int MaxSteps = 1000000;
    static constexpr qsizetype MaxOutput = 16 * 1024 * 1024;

    bool fail(int at, const QString &why)
    {
        if (m_error.isEmpty())
            m_error = position(m_text, at) + QStringLiteral(": ") + why;
        return false;
    }

    bool write(const QString &text)
    {
        if (m_out->size() + text.size() > MaxOutput)
            return fail(0, QStringLiteral("the output passes 16 Mi characters"));
        *m_out += text;
        return true;
    }

    bool runRange(const Node &node, const TemplateValue &dot)
    {
        // Evaluate without declaring: range's variables are per element.
        Pipeline bare = node.pipeline;
        bare.declared.clear();
        TemplateValue value;
        if (!evaluate(bare, dot, &value))
            return false;
        QList<std::pair<TemplateValue, TemplateValue>> elements; // (key or index, element)
        if (value.kind() == TemplateValue::Kind::List) {
            for (int i = 0; i < value.items().size(); ++i)
                elements.append({TemplateValue::integer(i), value.items().at(i)});
        } else if (value.kind() == TemplateValue::Kind::Map) {
            for (auto it = value.entries().cbegin(); it != value.entries().cend(); ++it)
                elements.append({TemplateValue::string(it.key()), *it});
        } else if (value.kind() == TemplateValue::Kind::Int) {
            for (qint64 i = 0; i < std::min<qint64>(value.toInt(), MaxSteps - m_steps + 1); ++i)
                elements.append({TemplateValue::integer(i), TemplateValue::integer(i)});
        } else if (value.kind() != TemplateValue::Kind::Missing) { // nothing to range over is no iteration
            return fail(node.at, QStringLiteral("range can't iterate over %1").arg(value.typeName()));
        }
        if (elements.isEmpty())
            return node.children.size() > 1 ? run(*node.children.at(1), dot) : true;
        const QStringList &names = node.pipeline.declared;
        for (const auto &[key, element] : elements) {
            const int scope = int(m_variables.size());
            if (names.size() == 1)
                m_variables.append({names.at(0), element});
            else if (names.size() == 2)
                m_variables.append({names.at(0), key}), m_variables.append({names.at(1), element});
            const bool ok = run(*node.children.at(0), element);
            m_variables.resize(scope);
            if (!ok)
                return false;
        }
        return true;
    }

    bool lookUpVariable(const QString &name, int at, TemplateValue *value)
    {
        for (auto it = m_variables.crbegin(); it != m_variables.crend(); ++it)
            if (it->first == name) {
                *value = it->second;
                return true;
            }
        return fail(at, QStringLiteral("undefined variable \"%1\"").arg(name));
    }

    bool evaluate(const Pipeline &pipeline, const TemplateValue &dot, TemplateValue *result)
    {
        TemplateValue value;
        bool piped = false;
        for (const Command &command : pipeline.commands) {
            if (!runCommand(command, dot, piped ? &value : nullptr, &value))
                return false;
            piped = true;
        }
        if (!pipeline.declared.isEmpty()) {
            if (pipeline.assigns) {
                for (auto it = m_variables.rbegin(); it != m_variables.rend(); ++it)
                    if (it->first == pipeline.declared.first()) {
                        it->second = value;
                        *result = value;
                        return true;
                    }
                return fail(pipeline.at, QStringLiteral("undefined variable \"%1\"").arg(pipeline.declared.first()));
            }
            m_variables.append({pipeline.declared.first(), value});
        }
        *result = value;
        return true;
    }

    bool runCommand(const Command &command, const TemplateValue &dot, const TemplateValue *piped, TemplateValue *result)
    {
        const Operand &head = command.operands.first();
        if (head.kind == Operand::Kind::Function) {
            QList<TemplateValue> args;
            for (int i = 1; i < command.operands.size(); ++i) {
                TemplateValue arg;
                if (!operandValue(command.operands.at(i), dot, &arg))
                    return false;
                args << arg;
            }
            if (piped)
                args << *piped;
            QString why;
            if (!callFunction(head.name, args, result, &why))
                return fail(head.at, QStringLiteral("%1: %2").arg(head.name, why));
            return true;
        }
        if (command.operands.size() > 1)
            return fail(command.operands.at(1).at, QStringLiteral("can't give an argument to a non-function"));
        if (piped)
            return fail(head.at, QStringLiteral("can't pass a value with | to a non-function"));
        return operandValue(head, dot, result);
    }

    bool operandValue(const Operand &operand, const TemplateValue &dot, TemplateValue *value)
    {
        switch (operand.kind) {
        case Operand::Kind::Dot:
            *value = dot;
            break;
        case Operand::Kind::Variable:
            if (!lookUpVariable(operand.name, operand.at, value))
                return false;
            break;
        case Operand::Kind::Function: {
            // A function as an argument is called with no arguments.
            QString why;
            if (!callFunction(operand.name, {}, value, &why))
                return fail(operand.at, QStringLiteral("%1: %2").arg(operand.name, why));
            break;
        }
        case Operand::Kind::Sub:
            if (!evaluate(*operand.sub, dot, value))
                return false;
            break;
        case Operand::Kind::Nil:
            *value = TemplateValue();
            return true;
        default:
            *value = operand.literal;
            return true;
        }
        for (const QString &field : operand.fields) {
            if (value->kind() == TemplateValue::Kind::Missing)
                return true; // <no value> stays so, as Go's for a missing map key
            const TemplateValue *next = value->field(field);
            if (!next) {
                QStringList names;
                for (const auto &f : value->fields())
                    names << f.first;
                return fail(operand.at, value->kind() == TemplateValue::Kind::Struct
                        ? QStringLiteral("no field \"%1\" (there are: %2)").arg(field, names.join(QStringLiteral(", ")))
                        : QStringLiteral("can't take field \"%1\" of a %2").arg(field, value->typeName()));
            }
            *value = *next;
        }
        return true;
    }

    const QString &m_text;
    QString *m_out;
    QList<std::pair<QString, TemplateValue>> m_variables;
    int m_steps = 0;
    QString m_error;
};

} // namespace gotemplate

GoTemplate::GoTemplate() = default;
GoTemplate::~GoTemplate() = default;
GoTemplate::GoTemplate(GoTemplate &&) noexcept = default;
GoTemplate &GoTemplate::operator=(GoTemplate &&) noexcept = default;

std::optional<GoTemplate> GoTemplate::parse(const QString &text, QString *error)
{
    if (text.size() > 64 * 1024) {
        *error = QStringLiteral("the template is longer than 64 KiB");
        return std::nullopt;
    }
    GoTemplate result;
    result.m_text = text;
    gotemplate::Parser parser(result.m_text);
    result.m_root = parser.parse(error);
    if (!result.m_root)
        return std::nullopt;
    return result;
}

bool GoTemplate::execute(const TemplateValue &data, QString *out, QString *error) const
{
    gotemplate::Executor executor(m_text, data, out);
    if (executor.run(*m_root, data))
        return true;
    *error = executor.error();
    return false;
}

} // namespace crossdock
