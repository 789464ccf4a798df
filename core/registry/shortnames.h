// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/imagereference.h"

#include <QList>
#include <QString>

namespace crossdock {

class RegistriesConf;

// Short names ("nginx", "team/app:1.2"), as containers-registries.conf(5)
// resolves them for podman: an [aliases] entry first; else the
// unqualified-search-registries in order, subject to short-name-mode
// (crossdock never prompts, so "enforcing" with several registries is an
// error, as for podman without a terminal); with no search registries
// configured, docker.io as Docker does.
//
// Only references written without a transport go through this:
// `docker://nginx` is docker.io/library/nginx, as in skopeo, whatever
// registries.conf says - which also keeps pipelines written for skopeo safe
// from a squatted search registry.
namespace ShortNames {

enum class Use {
    Pull, // several candidates may be tried in order (inspect, a copy's source)
    Single, // must name one image (a destination, delete, list-tags)
};

struct Resolution {
    QList<ImageReference> candidates; // in the order to try; empty on error
    QString how; // for stderr: "resolved "x" as an alias (FILE)"; empty when nothing was looked up
    QString error;
};

// Whether text (without a transport) names no registry: its first path
// component is not a host (no '.', no ':', not "localhost") or it has one
// component only.
bool isShortName(const QString &text);

// The images text may mean. text is a reference without transport; a fully
// qualified one resolves to itself.
Resolution resolve(const RegistriesConf &conf, const QString &text, Use use,
    ImageReference::TagPolicy policy = ImageReference::TagPolicy::DefaultToLatest);

} // namespace ShortNames

} // namespace crossdock
