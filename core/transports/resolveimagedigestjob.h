// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/digest.h"
#include "core/transports/transportreference.h"

namespace crossdock {

class RegistryClient;

// The digest of the manifest a reference names where it lives now: one HEAD
// for a registry (no download; on Docker Hub not a pull), the index entry or
// manifest file for the others. Fails with NotFound when nothing is there
// yet - the usual case before a first copy, which callers tell apart.
class ResolveImageDigestJob final : public Job
{
    Q_OBJECT

public:
    // client: the registry's, for a docker reference; unused otherwise.
    ResolveImageDigestJob(const TransportReference &reference, RegistryClient *client, QObject *parent = nullptr);

    const Digest &digest() const { return m_digest; }

protected:
    void doStart() override;

private:
    TransportReference m_reference;
    RegistryClient *m_client;
    Digest m_digest;
};

} // namespace crossdock
