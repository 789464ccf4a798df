// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "shortnamearguments.h"

#include "core/registry/shortnames.h"
#include "core/transports/transportreference.h"

namespace crossdock::cli {

namespace {

struct ImageArgument {
    int index;
    ShortNames::Use use;
    ImageReference::TagPolicy policy = ImageReference::TagPolicy::DefaultToLatest;
};

// Which of a command's arguments are images, and how each is used.
QList<ImageArgument> imageArguments(const QString &command)
{
    using Use = ShortNames::Use;
    if (command == QLatin1String("inspect"))
        return {{0, Use::Pull}};
    if (command == QLatin1String("copy"))
        return {{0, Use::Pull}, {1, Use::Single}};
    if (command == QLatin1String("delete") || command == QLatin1String("tag"))
        return {{0, Use::Single}};
    if (command == QLatin1String("list-tags"))
        return {{0, Use::Single, ImageReference::TagPolicy::NameOnly}};
    return {};
}

} // namespace

bool resolveShortNameArguments(CliOptions *options, const RegistriesConf &conf, QStringList *notes, QString *error)
{
    for (const ImageArgument &argument : imageArguments(options->command)) {
        if (argument.index >= options->arguments.size())
            continue; // the command says what is missing
        const QString text = options->arguments.at(argument.index);
        const TransportReference parsed = TransportReference::parse(text, nullptr, argument.policy);
        if (!parsed.isRegistry() || text.startsWith(QLatin1String("docker:")) || !ShortNames::isShortName(text))
            continue; // another transport, docker:// as written, a full name, or invalid (said later)
        const ShortNames::Resolution resolution = ShortNames::resolve(conf, text, argument.use, argument.policy);
        if (!resolution.error.isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(text, resolution.error);
            return false;
        }
        if (resolution.how.isEmpty())
            continue; // docker.io, as the command reads it anyway
        notes->append(resolution.how);
        const QString first = resolution.candidates.first().toString();
        options->arguments[argument.index] = QStringLiteral("docker://") + first;
        if (resolution.candidates.size() > 1) {
            options->sourceCandidates.clear();
            for (const ImageReference &candidate : resolution.candidates)
                options->sourceCandidates.append(candidate.toString());
        }
    }
    return true;
}

} // namespace crossdock::cli
