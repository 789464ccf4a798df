// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/registry/shortnames.h"

#include "core/registry/registriesconf.h"

namespace crossdock::ShortNames {

namespace {

bool looksLikeHost(const QString &component)
{
    return component.contains(QLatin1Char('.')) || component.contains(QLatin1Char(':')) || component == QLatin1String("localhost");
}

// "team/app:1@sha256:..." -> "team/app" and ":1@sha256:...".
void splitName(const QString &text, QString *name, QString *suffix)
{
    qsizetype end = text.indexOf(QLatin1Char('@'));
    if (end < 0)
        end = text.size();
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'), end - 1);
    if (colon > text.lastIndexOf(QLatin1Char('/')))
        end = colon;
    *name = text.left(end);
    *suffix = text.mid(end);
}

} // namespace

bool isShortName(const QString &text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    return slash < 0 || !looksLikeHost(text.left(slash));
}

Resolution resolve(const RegistriesConf &conf, const QString &text, Use use, ImageReference::TagPolicy policy)
{
    Resolution result;
    const auto add = [&](const QString &reference) {
        QString why;
        const ImageReference image = ImageReference::parse(reference, &why, policy);
        if (!image.isValid()) {
            result.error = why;
            return false;
        }
        result.candidates.append(image);
        return true;
    };
    if (!isShortName(text)) {
        add(text);
        return result;
    }
    QString name;
    QString suffix;
    splitName(text, &name, &suffix);
    const QString alias = conf.aliases().value(name);
    if (!alias.isEmpty()) {
        if (add(alias + suffix))
            result.how = QStringLiteral("resolved \"%1\" as an alias (%2)").arg(name, conf.aliasFile(name));
        return result;
    }
    const QStringList search = conf.unqualifiedSearchRegistries();
    if (search.isEmpty()) {
        add(text); // docker.io, as Docker and skopeo's docker:// read it
        return result;
    }
    const QString mode = conf.shortNameMode().isEmpty() ? QStringLiteral("permissive") : conf.shortNameMode();
    if (search.size() > 1 && (use == Use::Single || mode == QLatin1String("enforcing"))) {
        result.error = QStringLiteral("\"%1\" is a short name with no alias, and the unqualified-search-registries of %2 (%3) "
                                      "make it ambiguous%4; write the registry (%5/%1) or add an [aliases] entry")
                           .arg(name, conf.searchRegistriesFile(), search.join(QStringLiteral(", ")),
                               use == Use::Single ? QString() : QStringLiteral(" (short-name-mode is \"enforcing\")"), search.first());
        return result;
    }
    for (const QString &registry : search) {
        if (!add(registry + QLatin1Char('/') + text))
            return result;
    }
    result.how = QStringLiteral("completed short name \"%1\" with unqualified-search registries (origin: %2)")
                     .arg(name, conf.searchRegistriesFile());
    return result;
}

} // namespace crossdock::ShortNames
