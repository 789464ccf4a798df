// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>
#include <utility>

namespace crossdock {

// A value a Go template (GoTemplate) works on, shaped like the Go values
// skopeo hands its templates, so that printing it gives what Go's fmt gives:
// a struct prints {a b}, a map map[k:v] with sorted keys, a slice [a b], a
// nil map map[], a nil *time.Time <nil>, a time "2006-01-02 15:04:05 +0000 UTC".
class TemplateValue {
public:
    enum class Kind { Missing, Bool, Int, String, Time, List, Map, Struct };

    TemplateValue() = default; // Missing: Go's "<no value>"
    static TemplateValue boolean(bool value);
    static TemplateValue integer(qint64 value);
    static TemplateValue string(const QString &value);
    // An RFC 3339 time as JSON carries it (kept as written for json); an
    // empty text is a nil *time.Time.
    static TemplateValue time(const QString &rfc3339);
    static TemplateValue list(QList<TemplateValue> items, bool nil = false);
    static TemplateValue stringList(const QStringList &items, bool nil = false);
    static TemplateValue map(QMap<QString, TemplateValue> entries, bool nil = false);
    // omitEmpty: fields JSON leaves out when empty (Go's `json:",omitempty"`).
    static TemplateValue structure(QList<std::pair<QString, TemplateValue>> fields, const QStringList &omitEmpty = {});

    Kind kind() const { return m_kind; }
    bool isMissing() const { return m_kind == Kind::Missing; }
    bool isNil() const { return m_nil; }
    bool toBool() const { return m_int != 0; }
    qint64 toInt() const { return m_int; }
    const QString &toText() const { return m_text; } // String; Time: as written
    const QList<TemplateValue> &items() const;
    const QMap<QString, TemplateValue> &entries() const;
    const QList<std::pair<QString, TemplateValue>> &fields() const;

    // Go's truth: false, 0, "", nil and empty lists and maps are false.
    bool isTrue() const;
    // len(): of a string (bytes), list or map; -1 for anything else.
    qint64 length() const;
    // A struct's field by name (nullptr if none); a map's entry by key
    // (Missing if absent).
    const TemplateValue *field(const QString &name) const;
    QString typeName() const; // for errors: "string", "map[string]string", "struct"

    // fmt.Sprint(value): what {{.}} prints.
    QString print() const;
    // encoding/json, compact, without HTML escaping: what {{json .}} prints.
    QByteArray json() const;

    bool operator==(const TemplateValue &other) const;

private:
    Kind m_kind = Kind::Missing;
    bool m_nil = false;
    qint64 m_int = 0;
    QString m_text;
    // Shared: values are copied freely while a template runs.
    std::shared_ptr<const QList<TemplateValue>> m_items;
    std::shared_ptr<const QMap<QString, TemplateValue>> m_entries;
    std::shared_ptr<const QList<std::pair<QString, TemplateValue>>> m_fields;
    QStringList m_omitEmpty;
};

} // namespace crossdock
