// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/transfer/transferqueue.h"
#include "ui/appservices.h"

#include <QPointer>

namespace crossdock {

// Promotions pull as skopeo does when registries.conf gives the source
// registry mirrors: each order's source, pinned by digest, is asked for at
// the mirrors in turn (one HEAD, one try each, with the login the app has
// for the mirror); the first that has that digest becomes the source - the
// bytes are the same by construction. Orders whose mirrors lack it, or
// whose source has none, keep their source. Never fails: a mirror that is
// down only means the registry itself serves the copy.
class PreferMirrorsJob final : public Job {
    Q_OBJECT

public:
    PreferMirrorsJob(const AppServices &services, const QList<TransferOrder> &orders, QObject *parent = nullptr);

    // Whether registries.conf names any mirror for these orders (else there
    // is nothing to ask, and the orders can be queued at once).
    static bool hasMirrors(const AppServices &services, const QList<TransferOrder> &orders);

    const QList<TransferOrder> &orders() const { return m_orders; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void tryNext();

    AppServices m_services;
    QList<TransferOrder> m_orders;
    int m_order = 0; // the order being looked at
    int m_mirror = 0; // its next mirror
    QPointer<Job> m_step;
};

} // namespace crossdock
