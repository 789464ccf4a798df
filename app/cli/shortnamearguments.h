// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clioptions.h"

namespace crossdock {
class RegistriesConf;
}

namespace crossdock::cli {

// Resolves the image arguments a command was given without a transport and
// without a registry ("nginx:1.27", skopeo has no such form) through
// registries.conf's short-name rules (core/registry/shortnames.h): each
// becomes docker://<what it resolved to>; a source that several search
// registries may hold also fills options->sourceCandidates, tried in order.
// `docker://nginx` is left alone (docker.io, as in skopeo). Returns false
// with error naming the argument when a name cannot be resolved; notes gets
// podman's "resolved ... as an alias" lines for stderr.
bool resolveShortNameArguments(CliOptions *options, const RegistriesConf &conf, QStringList *notes, QString *error);

} // namespace crossdock::cli
