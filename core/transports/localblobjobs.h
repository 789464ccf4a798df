// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/transports/putblobjob.h"

namespace crossdock {

// The small blob jobs of local writers (layouts, archives, dir: folders).

// A blob the destination holds already (a file of the right size).
class PresentBlobJob final : public PutBlobJob
{
public:
    using PutBlobJob::PutBlobJob;

protected:
    void doStart() override
    {
        setState(BlobState::Skipped);
        emitSuccess();
    }
};

// The destination could not be made: the blob fails with that reason.
class FailedBlobJob final : public PutBlobJob
{
public:
    FailedBlobJob(const Descriptor &blob, const Error &error, QObject *parent)
        : PutBlobJob(blob, parent)
        , m_error(error)
    {
    }

protected:
    void doStart() override { emitError(m_error); }

private:
    Error m_error;
};

class LocalCheckBlobJob final : public CheckBlobJob
{
public:
    LocalCheckBlobJob(bool present, QObject *parent)
        : CheckBlobJob(parent)
        , m_present(present)
    {
    }

protected:
    void doStart() override { succeedWith(m_present ? Presence::Present : Presence::Missing); }

private:
    bool m_present;
};

} // namespace crossdock
