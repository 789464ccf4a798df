// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/browse/imagesource.h"
#include "core/net/tlssettings.h"
#include "core/transfer/transferqueue.h"

#include <QString>

namespace crossdock {

// One end of a promotion as a pane knows it: the registry's stable id (the
// configured host, or "oci:DIR" for the local folder), how to read it (the
// pane's client with its login, or the local store) and its TLS settings -
// what a TransferOrder needs to reach it from the engine's thread.
struct PromoteEndpoint {
    QString registryId;
    QString displayName; // what the pane's selector calls it ("Production", "Local folder")
    ImageSource images;
    TlsSettings tls;

    bool isValid() const { return images.client || images.store; }
    bool isLocal() const { return images.isLocal(); }
    // host/repo, or oci:DIR:repo
    QString referenceName(const QString &repository) const;
    // "Production (registry.example:5000)", or the id alone when it has no name.
    QString label() const;
    // Same registry host (blobs mount instead of moving).
    bool sameRegistryAs(const PromoteEndpoint &other) const;
};

// The order that copies source repository@digest (shown as :tag) to
// destination repository:tag. False, with error, when a name is not valid.
bool makeTransferOrder(const PromoteEndpoint &source, const QString &sourceRepository, const QString &sourceTag,
    const Digest &digest, const PromoteEndpoint &destination, const QString &destinationRepository,
    const QString &destinationTag, const CopyOptions &options, ExistingTagPolicy existing, TransferOrder *order,
    QString *error);

} // namespace crossdock
