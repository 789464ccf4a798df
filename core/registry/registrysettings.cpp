// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/registrysettings.h"

#include "core/base/durablefile.h"
#include "core/base/jsonfile.h"
#include "core/base/privatefiles.h"
#include "core/image/imagereference.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace crossdock {

namespace {

QString modeName(TlsSettings::Mode mode)
{
    switch (mode) {
    case TlsSettings::Mode::SkipVerify:
        return QStringLiteral("skip-verify");
    case TlsSettings::Mode::PlainHttp:
        return QStringLiteral("plain-http");
    case TlsSettings::Mode::Verify:
        break;
    }
    return QStringLiteral("verify");
}

TlsSettings::Mode modeFromName(const QString &name)
{
    if (name == QLatin1String("skip-verify"))
        return TlsSettings::Mode::SkipVerify;
    if (name == QLatin1String("plain-http"))
        return TlsSettings::Mode::PlainHttp;
    return TlsSettings::Mode::Verify;
}

} // namespace

TlsSettings RegistryEntry::tlsSettings() const
{
    TlsSettings tls;
    tls.mode = tlsMode;
    if (!caFile.isEmpty())
        tls.caFiles << caFile;
    tls.clientCertificate = clientCertificate;
    tls.clientKey = clientKey;
    return tls;
}

QString RegistrySettings::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/crossdock/registries.json");
}

bool RegistrySettings::load(const QString &path, QString *error)
{
    m_entries.clear();
    const auto root = readJsonObjectFile(path, QStringLiteral("registry settings"), error);
    if (!root)
        return false;
    for (const QJsonValue &v : root->value(QLatin1String("registries")).toArray()) {
        const QJsonObject o = v.toObject();
        RegistryEntry e;
        e.displayName = o.value(QLatin1String("name")).toString();
        e.host = o.value(QLatin1String("host")).toString();
        e.tlsMode = modeFromName(o.value(QLatin1String("tls")).toString());
        e.caFile = o.value(QLatin1String("caFile")).toString();
        e.clientCertificate = o.value(QLatin1String("clientCertificate")).toString();
        e.clientKey = o.value(QLatin1String("clientKey")).toString();
        for (const QJsonValue &b : o.value(QLatin1String("bookmarks")).toArray())
            e.bookmarks << b.toString();
        e.maxStreams = o.value(QLatin1String("maxStreams")).toInt(6);
        QString ignored;
        if (!upsert(e, &ignored))
            continue; // a hand-edited bad entry is skipped, not fatal
    }
    return true;
}

bool RegistrySettings::save(const QString &path, QString *error) const
{
    QJsonArray list;
    for (const RegistryEntry &e : m_entries) {
        list.append(QJsonObject {{QStringLiteral("name"), e.displayName}, {QStringLiteral("host"), e.host},
            {QStringLiteral("tls"), modeName(e.tlsMode)}, {QStringLiteral("caFile"), e.caFile},
            {QStringLiteral("clientCertificate"), e.clientCertificate}, {QStringLiteral("clientKey"), e.clientKey},
            {QStringLiteral("bookmarks"), QJsonArray::fromStringList(e.bookmarks)},
            {QStringLiteral("maxStreams"), e.maxStreams}});
    }
    if (!makePrivateDirectory(QFileInfo(path).absolutePath(), error))
        return false;
    // Owner-only from the first byte; durable (a full disk leaves the old list).
    if (!DurableFile::writeWhole(path,
            QJsonDocument(QJsonObject {{QStringLiteral("version"), 1}, {QStringLiteral("registries"), list}})
                .toJson(QJsonDocument::Indented),
            error, 0600))
        return false;
    return true;
}

bool RegistrySettings::upsert(const RegistryEntry &entry, QString *error)
{
    // The host must be what an image reference would name, as written.
    QString parseError;
    const ImageReference probe = ImageReference::parseRegistry(entry.host, &parseError);
    if (!probe.isValid() || probe.registry() != entry.host) {
        *error = QStringLiteral("\"%1\" is not a registry host[:port]").arg(entry.host.left(200));
        return false;
    }
    if (entry.maxStreams < 1 || entry.maxStreams > 64) {
        *error = QStringLiteral("concurrent streams for %1 must be between 1 and 64").arg(entry.host);
        return false;
    }
    for (const QString &bookmark : entry.bookmarks) {
        if (!ImageReference::parse(
                entry.host + QLatin1Char('/') + bookmark, &parseError, ImageReference::TagPolicy::NameOnly)
                 .isValid()) {
            *error = QStringLiteral("bookmark \"%1\": %2").arg(bookmark.left(200), parseError);
            return false;
        }
    }
    for (RegistryEntry &existing : m_entries) {
        if (existing.host == entry.host) {
            existing = entry;
            return true;
        }
    }
    m_entries << entry;
    return true;
}

bool RegistrySettings::remove(const QString &host)
{
    return m_entries.removeIf([&](const RegistryEntry &e) { return e.host == host; }) > 0;
}

bool RegistrySettings::move(const QString &host, int newIndex)
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].host == host) {
            m_entries.move(i, std::clamp(newIndex, 0, static_cast<int>(m_entries.size()) - 1));
            return true;
        }
    }
    return false;
}

std::optional<RegistryEntry> RegistrySettings::find(const QString &host) const
{
    for (const RegistryEntry &e : m_entries)
        if (e.host == host)
            return e;
    return std::nullopt;
}

} // namespace crossdock
