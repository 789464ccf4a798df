// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/browse/inspectjob.h"

#include <QByteArray>

namespace crossdock::cli {

// skopeo inspect's JSON document for an InspectResult, same field names and
// order: Name, Digest, RepoTags, Created, DockerVersion, Labels,
// Architecture, Variant (when set), Os, Layers, LayersData, Env.
QByteArray inspectJson(const InspectResult &result);

} // namespace crossdock::cli
